// The records an emulated shop keeps, and the conversions between Shopify's wire formats
// (decimal strings, ISO DateTime) and what the emulator stores (minor units, epoch ms).

export type Discount = {
  id: string;
  title: string;
  code: string;
  status: 'ACTIVE' | 'EXPIRED';
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  percentage: number | null;
  amount: string | null;
  customerIds: string[] | null;
  minimumSubtotal: string | null;
  createdAt: string;
};

export type Customer = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  numberOfOrders: number;
  /** By "namespace.key" as the app wrote it (see AppDiscount.metafields), e.g. "$app:referrals.advocate_codes". */
  metafields: Map<string, { type: string; value: string }>;
};

export type StoreCreditAccount = { id: string; ownerId: string; currencyCode: string; balanceMinor: number };

export type StoreCreditTransaction = {
  id: string;
  accountId: string;
  kind: 'credit' | 'debit';
  amountMinor: number;
  balanceAfterMinor: number;
  notify: boolean;
  createdAt: string;
};

export type FlowTrigger = { handle: string; payload: unknown; receivedAt: string };

export type OrderFinancialStatus =
  | 'PAID'
  | 'PENDING'
  | 'AUTHORIZED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED';

/** Times are epoch milliseconds at whole seconds (Shopify's DateTime has no fractions). */
export type OrderRefund = { id: string; legacyId: number; createdAt: number; totalMinor: number };

export type Order = {
  id: string;
  legacyId: number;
  name: string;
  email: string | null;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
  cancelledAt: number | null;
  displayFinancialStatus: OrderFinancialStatus;
  currencyCode: string;
  totalMinor: number;
  subtotalMinor: number;
  customerId: string | null;
  customAttributes: { key: string; value: string | null }[];
  discountCodes: string[];
  clientIp: string | null;
  landingPageUrl: string | null;
  refunds: OrderRefund[];
};

/** Amounts are decimal strings ("25.00"); times ISO 8601 (default: the emulator's clock). */
export type OrderInput = {
  id?: number;
  name?: string;
  email?: string | null;
  createdAt?: string;
  updatedAt?: string;
  processedAt?: string;
  cancelledAt?: string | null;
  displayFinancialStatus?: OrderFinancialStatus;
  currencyCode?: string;
  totalPrice: string;
  subtotalPrice?: string;
  customer?: {
    id?: string;
    email?: string | null;
    firstName?: string | null;
    lastName?: string | null;
  } | null;
  customAttributes?: { key: string; value: string | null }[];
  discountCodes?: string[];
  clientIp?: string | null;
  landingPageUrl?: string | null;
  refunds?: { id?: number; createdAt?: string; total: string }[];
};

export type GiftCard = {
  id: string;
  code: string;
  initialMinor: number;
  balanceMinor: number;
  currencyCode: string;
  customerId: string | null;
  note: string | null;
  expiresOn: string | null;
  createdAt: number;
  updatedAt: number;
  deactivatedAt: number | null;
};

/** Decimal strings ("10.5", "10.50") to minor units; the emulator assumes two-decimal currencies. */
export function toMinor(amount: string): number {
  if (!/^-?\d+(\.\d{1,2})?$/.test(amount)) return Number.NaN;
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -minor : minor;
}

export const toDecimal = (minor: number): string =>
  `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

/** Epoch ms of an ISO time, cut to whole seconds as Shopify stores them; throws on nonsense. */
export function toStoredTime(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO 8601 time: ${iso}`);
  return Math.floor(ms / 1000) * 1000;
}

/** Shopify's DateTime form: "2026-10-01T12:00:00Z", no fractions. */
export const toDateTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export type ThemeRole = 'MAIN' | 'UNPUBLISHED' | 'DEVELOPMENT' | 'DEMO' | 'ARCHIVED' | 'LOCKED';

/** A theme and its files' text content by filename ("config/settings_data.json"). */
export type Theme = {
  id: string;
  legacyId: number;
  name: string;
  role: ThemeRole;
  files: Map<string, string>;
  createdAt: number;
  updatedAt: number;
};
