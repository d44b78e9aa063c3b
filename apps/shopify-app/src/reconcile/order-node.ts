// The fields of an Admin GraphQL order (documents.ts RECONCILE_ORDERS) that reconciliation reads,
// parsed with zod before anything maps them: the response is external input like any webhook.
import { z } from 'zod';

/** UnsignedInt64 travels as a JSON string; accept a number too. */
const legacyId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const moneyBag = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const visit = z.object({ landingPage: z.string().nullish() });

export const reconcileOrderSchema = z.object({
  id: z.string().min(1),
  legacyResourceId: legacyId,
  email: z.string().nullish(),
  processedAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  /** OrderDisplayFinancialStatus; kept a string so a status Shopify adds later still parses. */
  displayFinancialStatus: z.string().nullish(),
  totalPriceSet: moneyBag,
  subtotalPriceSet: moneyBag.nullish(),
  customer: z
    .object({
      id: z.string().min(1),
      firstName: z.string().nullish(),
      defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
    })
    .nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() })).default([]),
  discountCodes: z.array(z.string()).default([]),
  clientIp: z.string().nullish(),
  checkoutToken: z.string().nullish(),
  customerJourneySummary: z
    .object({
      customerOrderIndex: z.number().int().nullish(),
      firstVisit: visit.nullish(),
      lastVisit: visit.nullish(),
    })
    .nullish(),
  shippingAddress: z
    .object({
      address1: z.string().nullish(),
      address2: z.string().nullish(),
      city: z.string().nullish(),
      zip: z.string().nullish(),
      countryCodeV2: z.string().nullish(),
    })
    .nullish(),
  refunds: z
    .array(
      z.object({
        legacyResourceId: legacyId,
        createdAt: z.string().nullish(),
        totalRefundedSet: moneyBag,
      }),
    )
    .default([]),
});

export type ReconcileOrder = z.infer<typeof reconcileOrderSchema>;
export type ReconcileOrderInput = z.input<typeof reconcileOrderSchema>;

export const reconcileOrdersPageSchema = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    nodes: z.array(reconcileOrderSchema),
  }),
});

export type ReconcileOrdersPageInput = z.input<typeof reconcileOrdersPageSchema>;
