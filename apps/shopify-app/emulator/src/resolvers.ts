// Root resolvers for the operations the referral app uses, against one shop's state. Anything
// else in the schema validates but answers an explicit "not supported by the emulator" error.
import { z } from 'zod';
import {
  appCodeDiscountNodeByCode,
  appDiscountResolvers,
  codeTaken,
  deactivateAppCodeDiscount,
} from './app-discount-resolvers.js';
import { giftCardResolvers } from './gift-cards.js';
import { metafieldsSet } from './metafields.js';
import { orderResolvers } from './orders.js';
import { redeemCodeResolvers } from './redeem-codes.js';
import { type Discount, type ShopState, type StoreCreditAccount, toMinor } from './store.js';
import { themeResolvers } from './themes.js';
import { accountView, customerView, money } from './views.js';
import { webPixelResolvers } from './web-pixels.js';

// The schema already validated shapes; these pick out the fields the emulator reads.
const discountInputSchema = z.object({
  title: z.string().nullish(),
  code: z.string().nullish(),
  usageLimit: z.number().nullish(),
  appliesOncePerCustomer: z.boolean().nullish(),
  context: z.object({ customers: z.object({ add: z.array(z.string()).nullish() }).nullish() }).nullish(),
  minimumRequirement: z
    .object({
      subtotal: z
        .object({ greaterThanOrEqualToSubtotal: z.union([z.string(), z.number()]).nullish() })
        .nullish(),
    })
    .nullish(),
  customerGets: z
    .object({
      value: z
        .object({
          percentage: z.number().nullish(),
          discountAmount: z.object({ amount: z.union([z.string(), z.number()]) }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
const moneyInputSchema = z.object({ amount: z.union([z.string(), z.number()]), currencyCode: z.string() });
const creditInputSchema = z.object({ creditAmount: moneyInputSchema, notify: z.boolean().nullish() });
const debitInputSchema = z.object({ debitAmount: moneyInputSchema });

type Args = Record<string, unknown>;
type UserError = { field: string[] | null; code: string; message: string };

const discountNode = (d: Discount) => ({
  id: d.id.replace('DiscountCodeBasic', 'DiscountCodeNode'),
  codeDiscount: {
    __typename: 'DiscountCodeBasic',
    title: d.title,
    status: d.status,
    usageLimit: d.usageLimit,
    appliesOncePerCustomer: d.appliesOncePerCustomer,
    asyncUsageCount: 0,
    createdAt: d.createdAt,
    updatedAt: d.createdAt,
    startsAt: d.createdAt,
    endsAt: null,
    summary: d.percentage !== null ? `${Math.round(d.percentage * 100)}% off` : `${d.amount} off`,
    shortSummary: d.percentage !== null ? `${Math.round(d.percentage * 100)}% off` : `${d.amount} off`,
    codes: {
      nodes: [
        { id: d.id.replace('DiscountCodeBasic', 'DiscountRedeemCode'), code: d.code, asyncUsageCount: 0 },
      ],
      edges: [
        {
          cursor: 'c1',
          node: {
            id: d.id.replace('DiscountCodeBasic', 'DiscountRedeemCode'),
            code: d.code,
            asyncUsageCount: 0,
          },
        },
      ],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c1' },
    },
  },
});

function createDiscount(state: ShopState, args: Args) {
  const input = discountInputSchema.parse(args.basicCodeDiscount ?? {});
  const errors: UserError[] = [];
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!code)
    errors.push({ field: ['basicCodeDiscount', 'code'], code: 'BLANK', message: "Code can't be blank" });
  if (!input.title)
    errors.push({ field: ['basicCodeDiscount', 'title'], code: 'BLANK', message: "Title can't be blank" });
  if (code && codeTaken(state, code)) {
    errors.push({
      field: ['basicCodeDiscount', 'code'],
      code: 'TAKEN',
      message: 'Code must be unique. Please try a different code.',
    });
  }
  const value = input.customerGets?.value ?? {};
  const percentage = typeof value.percentage === 'number' ? value.percentage : null;
  const amount = value.discountAmount?.amount !== undefined ? String(value.discountAmount.amount) : null;
  if (percentage === null && amount === null) {
    errors.push({
      field: ['basicCodeDiscount', 'customerGets', 'value'],
      code: 'BLANK',
      message: 'A discount value is required',
    });
  }
  if (percentage !== null && (percentage <= 0 || percentage > 1)) {
    errors.push({
      field: ['basicCodeDiscount', 'customerGets', 'value', 'percentage'],
      code: 'INVALID',
      message: 'Percentage must be between 0 and 1',
    });
  }
  if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };
  const discount: Discount = {
    id: state.nextGid('DiscountCodeBasic'),
    title: String(input.title),
    code,
    status: 'ACTIVE',
    usageLimit: typeof input.usageLimit === 'number' ? input.usageLimit : null,
    appliesOncePerCustomer: input.appliesOncePerCustomer === true,
    percentage,
    amount,
    customerIds: input.context?.customers?.add ?? null,
    minimumSubtotal: input.minimumRequirement?.subtotal?.greaterThanOrEqualToSubtotal?.toString() ?? null,
    createdAt: new Date().toISOString(),
  };
  state.discounts.set(code.toUpperCase(), discount);
  return { codeDiscountNode: discountNode(discount), userErrors: [] };
}

function deactivateDiscount(state: ShopState, args: Args) {
  const nodeId = String(args.id);
  const app = deactivateAppCodeDiscount(state, nodeId);
  if (app) return app;
  const discount = [...state.discounts.values()].find(
    (d) => d.id.replace('DiscountCodeBasic', 'DiscountCodeNode') === nodeId,
  );
  if (!discount)
    return {
      codeDiscountNode: null,
      userErrors: [{ field: ['id'], code: 'INVALID', message: 'Discount does not exist' }],
    };
  discount.status = 'EXPIRED';
  return { codeDiscountNode: discountNode(discount), userErrors: [] };
}

function moveCredit(state: ShopState, args: Args, kind: 'credit' | 'debit') {
  const credit = kind === 'credit' ? creditInputSchema.parse(args.creditInput) : null;
  const moneyInput = credit ? credit.creditAmount : debitInputSchema.parse(args.debitInput).debitAmount;
  const field =
    kind === 'credit' ? ['creditInput', 'creditAmount', 'amount'] : ['debitInput', 'debitAmount', 'amount'];
  const fail = (code: string, message: string, at: string[] = field) => ({
    storeCreditAccountTransaction: null,
    userErrors: [{ field: at, code, message }],
  });
  const amountMinor = toMinor(String(moneyInput.amount));
  if (!(amountMinor > 0)) return fail('NEGATIVE_OR_ZERO_AMOUNT', 'The amount must be greater than zero.');
  const id = String(args.id);
  const currencyCode = String(moneyInput.currencyCode);
  let account: StoreCreditAccount | null = null;
  if (id.includes('/StoreCreditAccount/')) {
    account = state.accounts.get(id) ?? null;
    if (!account) return fail('ACCOUNT_NOT_FOUND', 'Store credit account does not exist', ['id']);
    if (account.currencyCode !== currencyCode)
      return fail('MISMATCHING_CURRENCY', 'The currency does not match the account.');
  } else {
    if (!state.customers.has(id))
      return fail(kind === 'credit' ? 'OWNER_NOT_FOUND' : 'ACCOUNT_NOT_FOUND', 'Owner does not exist', [
        'id',
      ]);
    account = state.accountFor(id, currencyCode, kind === 'credit');
    if (!account) return fail('ACCOUNT_NOT_FOUND', 'Store credit account does not exist', ['id']);
  }
  if (kind === 'debit' && account.balanceMinor < amountMinor)
    return fail('INSUFFICIENT_FUNDS', 'The account balance is insufficient.');
  account.balanceMinor += kind === 'credit' ? amountMinor : -amountMinor;
  const transaction = {
    id: state.nextGid(
      kind === 'credit' ? 'StoreCreditAccountCreditTransaction' : 'StoreCreditAccountDebitTransaction',
    ),
    accountId: account.id,
    kind,
    amountMinor,
    balanceAfterMinor: account.balanceMinor,
    notify: credit?.notify === true,
    createdAt: new Date().toISOString(),
  };
  state.transactions.push(transaction);
  return {
    storeCreditAccountTransaction: {
      id: transaction.id,
      amount: money(kind === 'credit' ? amountMinor : -amountMinor, currencyCode),
      balanceAfterTransaction: money(account.balanceMinor, currencyCode),
      createdAt: transaction.createdAt,
      event: 'ADJUSTMENT',
      account: accountView(account),
    },
    userErrors: [],
  };
}

export const supportedRootFields = {
  query: [
    'codeDiscountNodeByCode',
    'customerByIdentifier',
    'customer',
    'orders',
    'order',
    'giftCard',
    'themes',
    'theme',
    'webPixel',
    'codeDiscountNode',
    'codeDiscountNodes',
    'automaticDiscountNode',
    'automaticDiscountNodes',
    'discountRedeemCodeBulkCreation',
    'job',
  ],
  mutation: [
    'discountCodeBasicCreate',
    'giftCardCreate',
    'giftCardDeactivate',
    'discountCodeDeactivate',
    'storeCreditAccountCredit',
    'storeCreditAccountDebit',
    'flowTriggerReceive',
    'webPixelCreate',
    'webPixelUpdate',
    'discountCodeAppCreate',
    'discountAutomaticAppCreate',
    'discountAutomaticDeactivate',
    'discountRedeemCodeBulkAdd',
    'discountCodeRedeemCodeBulkDelete',
    'metafieldsSet',
  ],
} as const;

export function rootValue(state: ShopState) {
  return {
    ...orderResolvers(state),
    ...giftCardResolvers(state),
    ...themeResolvers(state),
    ...webPixelResolvers(state),
    ...appDiscountResolvers(state),
    ...redeemCodeResolvers(state),
    metafieldsSet: (args: Args) => metafieldsSet(state, args),
    codeDiscountNodeByCode: (args: Args) => {
      const d = state.discounts.get(String(args.code).toUpperCase());
      return d ? discountNode(d) : appCodeDiscountNodeByCode(state, String(args.code));
    },
    customer: (args: Args) => customerView(state, String(args.id)),
    customerByIdentifier: (args: Args) => {
      const identifier = args.identifier as Record<string, string>;
      if (identifier.id) return customerView(state, identifier.id);
      const email = identifier.emailAddress?.toLowerCase();
      const found = [...state.customers.values()].find((c) => c.email?.toLowerCase() === email);
      return found ? customerView(state, found.id) : null;
    },
    discountCodeBasicCreate: (args: Args) => createDiscount(state, args),
    discountCodeDeactivate: (args: Args) => deactivateDiscount(state, args),
    storeCreditAccountCredit: (args: Args) => moveCredit(state, args, 'credit'),
    storeCreditAccountDebit: (args: Args) => moveCredit(state, args, 'debit'),
    flowTriggerReceive: (args: Args) => {
      if (!args.handle) return { userErrors: [{ field: ['handle'], message: 'Handle is required' }] };
      state.flowTriggers.push({
        handle: String(args.handle),
        payload: args.payload ?? null,
        receivedAt: new Date().toISOString(),
      });
      return { userErrors: [] };
    },
  };
}
