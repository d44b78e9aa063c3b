// In-memory state of one emulated shop: the subset of Shopify the referral app touches.
import type { AppDiscount, RedeemCodeBulkCreation } from './app-discounts.js';
import {
  type Customer,
  type Discount,
  type FlowTrigger,
  type GiftCard,
  type Order,
  type OrderInput,
  type OrderRefund,
  type StoreCreditAccount,
  type StoreCreditTransaction,
  type Theme,
  type ThemeRole,
  toStoredTime,
} from './model.js';
import { buildOrder, buildRefund, type RefundInput, statusAfterRefunds } from './order-input.js';
import { defaultThemeFiles, themeJson } from './themes.js';
import type { WebPixel } from './web-pixels.js';

export type { AppDiscount } from './app-discounts.js';
export * from './model.js';
export type { RefundInput } from './order-input.js';
export { defaultThemeFiles, themeJson } from './themes.js';

/** Where an app block sits: a JSON template (or section group) and the section that holds it. */
export type AppBlockPlacement = { file?: string; section?: string; disabled?: boolean };

export class ShopState {
  private seq = 1000;
  readonly discounts = new Map<string, Discount>(); // by upper-cased code
  readonly customers = new Map<string, Customer>(); // by gid
  readonly accounts = new Map<string, StoreCreditAccount>(); // by gid
  readonly transactions: StoreCreditTransaction[] = [];
  readonly flowTriggers: FlowTrigger[] = [];
  readonly orders = new Map<string, Order>(); // by gid
  readonly giftCards = new Map<string, GiftCard>(); // by gid
  readonly appDiscounts = new Map<string, AppDiscount>(); // by gid (DiscountCodeNode / DiscountAutomaticNode)
  /** discountRedeemCodeBulkAdd's bulk creations and discountCodeRedeemCodeBulkDelete's jobs, by gid. */
  readonly redeemCodeBulkCreations = new Map<string, RedeemCodeBulkCreation>();
  readonly jobs = new Map<string, { id: string; polled: boolean }>();
  /** The app's web pixel on this shop (webPixelCreate), with its settings as a JSON string. */
  webPixel: WebPixel | null = null;
  /** The shop's currency: amounts given without one (giftCardCreate's initialValue) are in it. */
  currencyCode = 'USD';
  /** The shop's themes; a new shop has one published (MAIN) theme, fresh from install. */
  readonly themes: Theme[] = [];

  constructor(
    readonly domain: string,
    readonly now: () => number = () => Date.now(),
  ) {
    this.addTheme({ name: 'Dawn', role: 'MAIN', files: defaultThemeFiles() });
  }

  /** Adds a theme; a MAIN one demotes the previous main theme to UNPUBLISHED, as publishing does. */
  addTheme(input: { name: string; role?: ThemeRole; files?: Record<string, string> }): Theme {
    const role = input.role ?? 'UNPUBLISHED';
    if (role === 'MAIN') for (const t of this.themes) if (t.role === 'MAIN') t.role = 'UNPUBLISHED';
    const legacyId = this.nextId();
    const at = Math.floor(this.now() / 1000) * 1000;
    const theme: Theme = {
      id: `gid://shopify/OnlineStoreTheme/${legacyId}`,
      legacyId,
      name: input.name,
      role,
      files: new Map(Object.entries(input.files ?? {})),
      createdAt: at,
      updatedAt: at,
    };
    this.themes.push(theme);
    return theme;
  }

  /** The published theme (throws when a test removed it). */
  mainTheme(): Theme {
    const theme = this.themes.find((t) => t.role === 'MAIN');
    if (!theme) throw new Error(`${this.domain} has no MAIN theme`);
    return theme;
  }

  /** Writes (or, with null, deletes) a file of a theme (default: the main theme). */
  setThemeFile(filename: string, content: string | null, theme: Theme = this.mainTheme()): void {
    if (content === null) theme.files.delete(filename);
    else theme.files.set(filename, content);
    theme.updatedAt = Math.max(theme.updatedAt, Math.floor(this.now() / 1000) * 1000);
  }

  /**
   * What the theme editor writes when the merchant toggles an app embed in Theme settings >
   * App embeds: an entry in settings_data.json's current.blocks, typed
   * shopify://apps/{app}/blocks/{handle}/{extension uuid}, with `disabled`.
   */
  setAppEmbed(
    block: { app?: string; handle: string; uuid?: string },
    enabled: boolean,
    theme: Theme = this.mainTheme(),
  ): void {
    const data = readThemeJson(theme.files.get('config/settings_data.json')) ?? { current: {} };
    const current = (typeof data.current === 'object' && data.current !== null ? data.current : {}) as Record<
      string,
      unknown
    >;
    const blocks = (current.blocks ?? {}) as Record<
      string,
      { type: string; disabled?: boolean; settings?: unknown }
    >;
    const type = appBlockType(block);
    const key =
      Object.keys(blocks).find((k) => blocks[k]?.type === type) ?? `${this.nextId()}${this.nextId()}`;
    blocks[key] = { type, disabled: !enabled, settings: {} };
    current.blocks = blocks;
    data.current = current;
    this.setThemeFile('config/settings_data.json', themeJson(data), theme);
  }

  /** What "Add block" in the theme editor writes: the app block inside a section of a JSON template. */
  placeAppBlock(
    block: { app?: string; handle: string; uuid?: string },
    placement: AppBlockPlacement = {},
    theme: Theme = this.mainTheme(),
  ): void {
    const file = placement.file ?? 'templates/index.json';
    const data = readThemeJson(theme.files.get(file)) ?? { sections: {}, order: [] };
    const sections = (data.sections ?? {}) as Record<string, Record<string, unknown>>;
    const sectionId = placement.section ?? `apps_${this.nextId()}`;
    const section = sections[sectionId] ?? { type: 'apps', blocks: {}, block_order: [], settings: {} };
    const blocks = (section.blocks ?? {}) as Record<string, unknown>;
    const blockId = `${handleSlug(block.handle)}_${this.nextId()}`;
    blocks[blockId] = {
      type: appBlockType(block),
      settings: {},
      ...(placement.disabled ? { disabled: true } : {}),
    };
    section.blocks = blocks;
    section.block_order = [...((section.block_order as string[] | undefined) ?? []), blockId];
    sections[sectionId] = section;
    data.sections = sections;
    if (!placement.section) data.order = [...((data.order as string[] | undefined) ?? []), sectionId];
    this.setThemeFile(file, themeJson(data), theme);
  }

  nextId(): number {
    this.seq += 1;
    return this.seq;
  }

  nextGid(type: string): string {
    return `gid://shopify/${type}/${this.nextId()}`;
  }

  addCustomer(input: {
    id?: string;
    email?: string | null;
    firstName?: string | null;
    lastName?: string | null;
    numberOfOrders?: number;
  }): Customer {
    const customer = {
      id: input.id ?? this.nextGid('Customer'),
      email: input.email ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      numberOfOrders: input.numberOfOrders ?? 0,
      metafields: new Map<string, { type: string; value: string }>(),
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** An account per owner and currency, created on first credit (as Shopify does). */
  accountFor(ownerId: string, currencyCode: string, create: boolean): StoreCreditAccount | null {
    for (const account of this.accounts.values()) {
      if (account.ownerId === ownerId && account.currencyCode === currencyCode) return account;
    }
    if (!create) return null;
    const account = { id: this.nextGid('StoreCreditAccount'), ownerId, currencyCode, balanceMinor: 0 };
    this.accounts.set(account.id, account);
    return account;
  }

  /**
   * Stores an order as if a buyer had placed it. Its customer is created when unknown, and the
   * customer's numberOfOrders counts it, as on Shopify.
   */
  addOrder(input: OrderInput): Order {
    if (input.id !== undefined && this.orders.has(`gid://shopify/Order/${input.id}`)) {
      throw new Error(`Order ${input.id} already exists`);
    }
    let customerId: string | null = null;
    if (input.customer) {
      const given = input.customer;
      const customer =
        (given.id ? this.customers.get(given.id) : undefined) ??
        this.addCustomer({
          ...(given.id ? { id: given.id } : {}),
          email: given.email ?? input.email ?? null,
          firstName: given.firstName ?? null,
          lastName: given.lastName ?? null,
        });
      customer.numberOfOrders += 1;
      customerId = customer.id;
    }
    const order = buildOrder(input, {
      nextId: () => this.nextId(),
      now: this.now(),
      count: this.orders.size,
      customerId,
    });
    this.orders.set(order.id, order);
    return order;
  }

  /** A refund on a stored order: it moves updatedAt and the financial status, as on Shopify. */
  addRefund(orderId: string, input: RefundInput): OrderRefund {
    const order = this.orderOrThrow(orderId);
    const refund = buildRefund(input, () => this.nextId(), Math.floor(this.now() / 1000) * 1000);
    order.refunds.push(refund);
    order.updatedAt = Math.max(order.updatedAt, refund.createdAt);
    order.displayFinancialStatus = statusAfterRefunds(order);
    return refund;
  }

  cancelOrder(orderId: string, at?: string): Order {
    const order = this.orderOrThrow(orderId);
    order.cancelledAt = at ? toStoredTime(at) : Math.floor(this.now() / 1000) * 1000;
    order.updatedAt = Math.max(order.updatedAt, order.cancelledAt);
    return order;
  }

  private orderOrThrow(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`No order ${orderId} in ${this.domain}`);
    return order;
  }
}

const appBlockType = (block: { app?: string; handle: string; uuid?: string }) =>
  `shopify://apps/${block.app ?? 'referrals'}/blocks/${block.handle}/${block.uuid ?? '0199a3b2-5c1d-7e8f-9a0b-1c2d3e4f5a6b'}`;

const handleSlug = (handle: string) => handle.replace(/[^a-z0-9]/gi, '_');

/** A JSON theme file's value, its generated-file comment removed (null when absent or unreadable). */
export function readThemeJson(content: string | undefined): Record<string, unknown> | null {
  if (content === undefined) return null;
  try {
    return JSON.parse(content.replace(/^\s*\/\*[\s\S]*?\*\//, '')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
