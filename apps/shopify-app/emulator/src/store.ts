// In-memory state of one emulated shop: the subset of Shopify the referral app touches.
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
  toStoredTime,
} from './model.js';
import { buildOrder, buildRefund, type RefundInput, statusAfterRefunds } from './order-input.js';

export * from './model.js';
export type { RefundInput } from './order-input.js';

export class ShopState {
  private seq = 1000;
  readonly discounts = new Map<string, Discount>(); // by upper-cased code
  readonly customers = new Map<string, Customer>(); // by gid
  readonly accounts = new Map<string, StoreCreditAccount>(); // by gid
  readonly transactions: StoreCreditTransaction[] = [];
  readonly flowTriggers: FlowTrigger[] = [];
  readonly orders = new Map<string, Order>(); // by gid
  readonly giftCards = new Map<string, GiftCard>(); // by gid
  /** The shop's currency: amounts given without one (giftCardCreate's initialValue) are in it. */
  currencyCode = 'USD';

  constructor(
    readonly domain: string,
    readonly now: () => number = () => Date.now(),
  ) {}

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
