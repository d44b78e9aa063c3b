// GraphQL views of app discounts: DiscountCodeNode / DiscountAutomaticNode with their
// DiscountCodeApp / DiscountAutomaticApp, redeem codes as a connection, and metafields.
import type { AppDiscount } from './app-discounts.js';
import { appDiscountStatus } from './app-discounts.js';
import { type PageArgs, paginate } from './connection.js';
import { metafieldFields } from './metafields.js';
import { type ShopState, toDateTime } from './store.js';

const numericId = (gid: string) => Number(gid.split('/').pop());

export const redeemCodeView = (c: { id: string; code: string }) => ({
  id: c.id,
  code: c.code,
  asyncUsageCount: 0,
  createdBy: null,
});

function appDiscountFields(state: ShopState, d: AppDiscount) {
  const created = toDateTime(d.createdAt ?? d.startsAt);
  const classes = d.discountClasses ?? ['ORDER'];
  return {
    discountId: d.id,
    title: d.title,
    status: appDiscountStatus(d, state.now()),
    startsAt: toDateTime(d.startsAt),
    endsAt: d.endsAt === null ? null : toDateTime(d.endsAt),
    createdAt: created,
    updatedAt: created,
    asyncUsageCount: 0,
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: true,
    recurringCycleLimit: 1,
    combinesWith: { ...d.combinesWith, productDiscountsWithTagsOnSameCartLine: null },
    discountClasses: classes,
    discountClass: classes[0],
    tags: d.tags ?? [],
    appDiscountType: {
      appKey: 'emulator-api-key',
      functionId: d.functionHandle,
      title: d.functionHandle,
      description: null,
      discountClasses: classes,
      discountClass: classes[0],
      targetType: 'LINE_ITEM',
    },
    errorHistory: null,
  };
}

export function codeDiscountNodeView(state: ShopState, d: AppDiscount) {
  const codes = [...d.codes.values()];
  return {
    id: d.id,
    ...metafieldFields(d.id, d.metafields),
    codeDiscount: {
      __typename: 'DiscountCodeApp',
      ...appDiscountFields(state, d),
      appliesOncePerCustomer: d.appliesOncePerCustomer ?? false,
      usageLimit: null,
      hasTimelineComment: false,
      shareableUrls: [],
      totalSales: null,
      codesCount: { count: codes.length, precision: 'EXACT' },
      codes: (args: PageArgs) =>
        paginate(codes, (c) => [numericId(c.id), numericId(c.id)], args, redeemCodeView),
    },
  };
}

export function automaticDiscountNodeView(state: ShopState, d: AppDiscount) {
  return {
    id: d.id,
    ...metafieldFields(d.id, d.metafields),
    automaticDiscount: { __typename: 'DiscountAutomaticApp', ...appDiscountFields(state, d) },
  };
}
