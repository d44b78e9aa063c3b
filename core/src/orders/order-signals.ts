/**
 * What an order carries for attribution and fraud checks, as stored in `orders.signals`
 * (written by `recordOrder`; read when touches are gathered, referrals qualified and a person's
 * data exported or redacted).
 */
export type OrderSignals = {
  referralCode: string | null;
  discountCodes: string[];
  visitorId: string | null;
  ipHash: string | null;
  addressKey: string | null;
  landingUrl: string | null;
  previousOrders: number | null;
};
