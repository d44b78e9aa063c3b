// `orders(first, after, last, before, query, sortKey, reverse)` and `order(id)`: the fields a
// reconciliation job reads, named as the 2026-10 Admin schema names them. Search syntax and sort
// keys supported: see order-search.ts.
import { type PageArgs, paginate } from './connection.js';
import { orderSearch, orderSortKey } from './order-search.js';
import { type Order, type OrderRefund, type ShopState, toDateTime, toDecimal } from './store.js';
import { customerView, money, moneyBag } from './views.js';

type Args = Record<string, unknown>;

const refundedMinor = (order: Order) => order.refunds.reduce((sum, r) => sum + r.totalMinor, 0);

function refundView(state: ShopState, order: Order, refund: OrderRefund) {
  return {
    id: refund.id,
    legacyResourceId: String(refund.legacyId),
    createdAt: toDateTime(refund.createdAt),
    processedAt: toDateTime(refund.createdAt),
    updatedAt: toDateTime(refund.createdAt),
    note: null,
    totalRefundedSet: moneyBag(refund.totalMinor, order.currencyCode),
    totalRefunded: money(refund.totalMinor, order.currencyCode),
    order: () => orderView(state, order),
  };
}

/** The first visit is the only one the emulator knows: the landing page the order came with. */
function journeyView(order: Order) {
  const visit = order.landingPageUrl
    ? {
        id: `gid://shopify/CustomerVisit/${order.legacyId}`,
        landingPage: order.landingPageUrl,
        occurredAt: toDateTime(order.createdAt),
        referrerUrl: null,
        referralCode: null,
        utmParameters: null,
      }
    : null;
  return {
    ready: true,
    customerOrderIndex: null,
    daysToConversion: null,
    firstVisit: visit,
    lastVisit: visit,
  };
}

export function orderView(state: ShopState, order: Order) {
  const currency = order.currencyCode;
  const refunded = refundedMinor(order);
  return {
    id: order.id,
    legacyResourceId: String(order.legacyId),
    name: order.name,
    email: order.email,
    createdAt: toDateTime(order.createdAt),
    updatedAt: toDateTime(order.updatedAt),
    processedAt: toDateTime(order.processedAt),
    cancelledAt: order.cancelledAt === null ? null : toDateTime(order.cancelledAt),
    cancelReason: order.cancelledAt === null ? null : 'OTHER',
    closed: false,
    closedAt: null,
    test: false,
    displayFinancialStatus: order.displayFinancialStatus,
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    totalPriceSet: moneyBag(order.totalMinor, currency),
    subtotalPriceSet: moneyBag(order.subtotalMinor, currency),
    currentTotalPriceSet: moneyBag(order.totalMinor - refunded, currency),
    totalRefundedSet: moneyBag(refunded, currency),
    // The deprecated Money (Decimal) forms of the same amounts.
    totalPrice: toDecimal(order.totalMinor),
    subtotalPrice: toDecimal(order.subtotalMinor),
    totalRefunded: toDecimal(refunded),
    customer: () => (order.customerId ? customerView(state, order.customerId) : null),
    customAttributes: order.customAttributes,
    discountCodes: order.discountCodes,
    discountCode: order.discountCodes[0] ?? null,
    clientIp: order.clientIp,
    landingPageUrl: order.landingPageUrl,
    customerJourneySummary: () => journeyView(order),
    refunds: (args: Args) =>
      order.refunds
        .slice(0, typeof args.first === 'number' ? args.first : undefined)
        .map((r) => refundView(state, order, r)),
  };
}

export function orderResolvers(state: ShopState) {
  return {
    orders: (args: Args) => {
      const matches = orderSearch(args.query as string | null | undefined, state.now());
      const sortKey = orderSortKey(typeof args.sortKey === 'string' ? args.sortKey : 'PROCESSED_AT');
      return paginate(
        [...state.orders.values()].filter(matches),
        (order) => [sortKey(order), order.legacyId],
        args as PageArgs,
        (order) => orderView(state, order),
      );
    },
    order: (args: Args) => {
      const order = state.orders.get(String(args.id));
      return order ? orderView(state, order) : null;
    },
  };
}
