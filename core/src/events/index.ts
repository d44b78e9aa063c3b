// Platform-neutral events: the Shopify and HubSpot apps map their payloads onto these, and the
// engine knows nothing else. Parsed with zod when they leave the inbox.
import { z } from 'zod';

const amount = z.number().int().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');
const when = z.coerce.date();

export const addressSchema = z.object({
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  city: z.string().nullish(),
  zip: z.string().nullish(),
  countryCode: z.string().nullish(),
});

export const orderFactsSchema = z.object({
  orderId: z.string().min(1),
  occurredAt: when,
  customer: z
    .object({
      id: z.string().min(1).nullish(),
      email: z.string().nullish(),
      firstName: z.string().nullish(),
      /** Orders the platform says this customer placed before this one, when it knows. */
      previousOrders: z.number().int().min(0).nullish(),
    })
    .default({}),
  totalMinor: amount,
  /** Line items after discounts (what rewards are a share of). */
  subtotalMinor: amount,
  /**
   * Line items before discounts, when the platform sends it: what a friend offer's minimum is
   * checked against, as Shopify checks a discount's minimum subtotal.
   */
  subtotalBeforeDiscountsMinor: amount.nullish(),
  currency,
  discountCodes: z.array(z.string()).default([]),
  /** Our cart attribute, set by the theme embed from the referral link: the latest code it saw. */
  referralCode: z.string().nullish(),
  /**
   * Every code the theme embed saw before the order (at most 5), each first and last seen in the
   * storefront's URL (the shopper's clock, never after the order).
   */
  cartTouches: z
    .array(z.object({ code: z.string().min(1).max(64), firstSeenAt: when, lastSeenAt: when }))
    .max(5)
    .optional(),
  /** Why the platform dropped or changed the cart's touch history (malformed, clamped), for the decision. */
  cartTouchesNote: z.string().max(500).nullish(),
  visitorId: z.string().max(200).nullish(),
  /** The platform's checkout token: the web pixel's report for this checkout names the same one. */
  checkoutToken: z.string().max(200).nullish(),
  ipAddress: z.string().max(100).nullish(),
  landingUrl: z.string().max(4096).nullish(),
  shippingAddress: addressSchema.nullish(),
});

export const orderPlacedEventSchema = orderFactsSchema.extend({ type: z.literal('OrderPlaced') });
export const orderPaidEventSchema = orderFactsSchema.extend({ type: z.literal('OrderPaid') });
export const orderRefundedEventSchema = z.object({
  type: z.literal('OrderRefunded'),
  orderId: z.string().min(1),
  refundId: z.string().min(1),
  amountMinor: amount,
  currency,
  occurredAt: when,
});
export const orderCancelledEventSchema = z.object({
  type: z.literal('OrderCancelled'),
  orderId: z.string().min(1),
  occurredAt: when,
});
export const customerCreatedEventSchema = z.object({
  type: z.literal('CustomerCreated'),
  customer: z.object({ id: z.string().min(1), email: z.string().nullish(), firstName: z.string().nullish() }),
  occurredAt: when,
});
/** A B2B conversion: a HubSpot deal reached a closed-won stage. */
export const dealWonEventSchema = z.object({
  type: z.literal('DealWon'),
  dealId: z.string().min(1),
  contactEmails: z.array(z.string()).min(1),
  amountMinor: amount,
  currency,
  /** The advocate's code the buyer came with (their `referred_by`, or a code they entered). */
  referralCode: z.string().min(1).nullish(),
  occurredAt: when,
});
/**
 * A storefront web pixel saw a referral visitor (the id our link redirect gave the browser) complete
 * the checkout of this order. Evidence to join with server-recorded clicks, never a credit itself.
 */
export const checkoutVisitorSeenEventSchema = z.object({
  type: z.literal('CheckoutVisitorSeen'),
  orderId: z.string().min(1),
  checkoutToken: z.string().min(1).max(200),
  visitorId: z.string().min(1).max(200),
  occurredAt: when,
});
/** The merchant removed the app from the platform: its jobs stop until it installs again. */
export const appUninstalledEventSchema = z.object({
  type: z.literal('AppUninstalled'),
  occurredAt: when,
});
const privacySubject = z.object({ id: z.string().min(1).nullish(), email: z.string().nullish() });
/** A data-protection request about one customer: export what we hold, or erase their identity. */
export const customerPrivacyRequestEventSchema = z.object({
  type: z.literal('CustomerPrivacyRequest'),
  kind: z.enum(['customer_data_request', 'customer_redact']),
  requestId: z.string().min(1),
  customer: privacySubject,
  /** Orders the platform names for this person (e.g. Shopify's orders_to_redact). */
  orderIds: z.array(z.string().min(1)).default([]),
  occurredAt: when,
});
/** The platform asks us to erase everything about the merchant (48 h after an uninstall). */
export const merchantRedactEventSchema = z.object({
  type: z.literal('MerchantRedact'),
  occurredAt: when,
});

export const domainEventSchema = z.discriminatedUnion('type', [
  appUninstalledEventSchema,
  checkoutVisitorSeenEventSchema,
  customerPrivacyRequestEventSchema,
  merchantRedactEventSchema,
  orderPlacedEventSchema,
  orderPaidEventSchema,
  orderRefundedEventSchema,
  orderCancelledEventSchema,
  customerCreatedEventSchema,
  dealWonEventSchema,
]);

export type OrderFacts = z.infer<typeof orderFactsSchema>;
export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventInput = z.input<typeof domainEventSchema>;
