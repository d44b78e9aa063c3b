/**
 * What an order carries for attribution and fraud checks, as stored in `orders.signals`
 * (written by `recordOrder`; read when touches are gathered, referrals qualified and a person's
 * data exported or redacted). Rows stored before a field existed lack it: a missing field means
 * none.
 */
export type OrderSignals = {
  /** The latest code the theme embed carried on the cart (`_referral_code` on Shopify). */
  referralCode: string | null;
  /** Codes entered at checkout: advocates' referral codes, friend offer codes, any other discount. */
  discountCodes: string[];
  visitorId: string | null;
  /** The platform's checkout token: a web pixel's report for this checkout names the same one. */
  checkoutToken?: string | null;
  ipHash: string | null;
  addressKey: string | null;
  landingUrl: string | null;
  previousOrders: number | null;
  /** Line items before discounts (the minimum order is checked against it), when the platform sent it. */
  subtotalBeforeDiscountsMinor?: number | null;
  /** The codes the theme embed saw before the order, with when (ISO 8601, the shopper's clock). */
  cartTouches?: StoredCartTouch[];
  /** Why the platform's touch history was dropped or changed (malformed, clamped), when it was. */
  cartTouchesNote?: string | null;
};

/** One code the theme embed stored, first and last seen in the storefront's URL. */
export type StoredCartTouch = { code: string; firstSeenAt: string; lastSeenAt: string };
