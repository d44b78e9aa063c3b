// In-memory state of one emulated shop: the subset of Shopify the referral app touches.

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

export type Customer = { id: string; email: string | null; numberOfOrders: number };

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

export class ShopState {
  private seq = 1000;
  readonly discounts = new Map<string, Discount>(); // by upper-cased code
  readonly customers = new Map<string, Customer>(); // by gid
  readonly accounts = new Map<string, StoreCreditAccount>(); // by gid
  readonly transactions: StoreCreditTransaction[] = [];
  readonly flowTriggers: FlowTrigger[] = [];

  constructor(readonly domain: string) {}

  nextGid(type: string): string {
    this.seq += 1;
    return `gid://shopify/${type}/${this.seq}`;
  }

  addCustomer(input: { id?: string; email?: string | null; numberOfOrders?: number }): Customer {
    const customer = {
      id: input.id ?? this.nextGid('Customer'),
      email: input.email ?? null,
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
}

/** Decimal strings ("10.5", "10.50") to minor units; the emulator assumes two-decimal currencies. */
export function toMinor(amount: string): number {
  if (!/^-?\d+(\.\d{1,2})?$/.test(amount)) return Number.NaN;
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -minor : minor;
}

export const toDecimal = (minor: number): string =>
  `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
