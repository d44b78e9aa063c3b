// App discounts (discounts whose logic is a Shopify Function): the code and automatic discounts
// the referral app creates per programme version, with their redeem codes and metafields.

/** One app discount; `codes` is empty for an automatic one. Times are epoch ms at whole seconds. */
export type AppDiscount = {
  /** gid://shopify/DiscountCodeNode/n or gid://shopify/DiscountAutomaticNode/n */
  id: string;
  method: 'code' | 'automatic';
  title: string;
  functionHandle: string;
  /** Redeem codes by upper-cased code. */
  codes: Map<string, { id: string; code: string }>;
  /**
   * By "namespace.key" as the app wrote it: the emulator serves one app, so the reserved
   * "$app:referrals" namespace is kept as written ("$app:referrals.function-configuration").
   */
  metafields: Map<string, { type: string; value: string }>;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  status: 'ACTIVE' | 'EXPIRED' | 'SCHEDULED';
  startsAt: number;
  endsAt: number | null;
  /** Optional extras the Admin API also keeps: searchable tags, effects, once per customer. */
  tags?: string[];
  discountClasses?: ('ORDER' | 'PRODUCT' | 'SHIPPING')[];
  appliesOncePerCustomer?: boolean;
  createdAt?: number;
};

/** Its status at `now`: a deactivated one stays EXPIRED; otherwise by its start and end. */
export function appDiscountStatus(d: AppDiscount, now: number): AppDiscount['status'] {
  if (d.status === 'EXPIRED' || (d.endsAt !== null && d.endsAt <= now)) return 'EXPIRED';
  return d.startsAt > now ? 'SCHEDULED' : 'ACTIVE';
}

/** The app discount that has this redeem code (any case), if any. */
export function appDiscountByCode(
  discounts: Iterable<AppDiscount>,
  code: string,
): { discount: AppDiscount; code: { id: string; code: string } } | null {
  const key = code.trim().toUpperCase();
  for (const discount of discounts) {
    const found = discount.codes.get(key);
    if (found) return { discount, code: found };
  }
  return null;
}

/** A DiscountUserError on one code of a bulk creation. */
export type RedeemCodeError = { field: string[] | null; code: string; message: string; extraInfo: null };

/** One bulk creation's outcome, code by code; `polled` flips `done` from the first read on. */
export type RedeemCodeBulkCreation = {
  id: string;
  discountId: string;
  createdAt: number;
  polled: boolean;
  results: { code: string; redeemCode: { id: string; code: string } | null; errors: RedeemCodeError[] }[];
};
