// giftCardCreate, giftCardDeactivate and giftCard(id) with Shopify's GiftCardErrorCode and
// GiftCardDeactivateUserErrorCode values. Codes follow GiftCardCreateInput.code: 8-20 letters
// and digits, not case sensitive, random 16 characters when not given.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { type GiftCard, type ShopState, toDateTime, toMinor } from './store.js';
import { customerView, money } from './views.js';

type Args = Record<string, unknown>;
type GiftCardUserError = { field: string[]; code: string; message: string };

// The schema already validated shapes; these pick out the fields the emulator reads.
const createInputSchema = z.object({
  initialAmount: z.object({ amount: z.union([z.string(), z.number()]), currencyCode: z.string() }).nullish(),
  initialValue: z.union([z.string(), z.number()]).nullish(),
  code: z.string().nullish(),
  customerId: z.string().nullish(),
  note: z.string().nullish(),
  expiresOn: z.string().nullish(),
});

const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomCode = () =>
  Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const today = (now: number) => new Date(now).toISOString().slice(0, 10);

function giftCardView(state: ShopState, card: GiftCard) {
  const expired = card.expiresOn !== null && card.expiresOn < today(state.now());
  return {
    id: card.id,
    balance: money(card.balanceMinor, card.currencyCode),
    initialValue: money(card.initialMinor, card.currencyCode),
    createdAt: toDateTime(card.createdAt),
    updatedAt: toDateTime(card.updatedAt),
    deactivatedAt: card.deactivatedAt === null ? null : toDateTime(card.deactivatedAt),
    enabled: card.deactivatedAt === null && !expired,
    expiresOn: card.expiresOn,
    lastCharacters: card.code.slice(-4),
    maskedCode: `•••• •••• •••• ${card.code.slice(-4)}`,
    note: card.note,
    customer: () => (card.customerId ? customerView(state, card.customerId) : null),
    order: null,
    // No debits or credits are emulated, so the history is empty.
    transactions: () => ({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    }),
  };
}

function validate(state: ShopState, input: z.infer<typeof createInputSchema>): GiftCardUserError[] {
  const errors: GiftCardUserError[] = [];
  const at = (field: string) => ['input', field];
  const amount = input.initialAmount?.amount ?? input.initialValue;
  if (amount === null || amount === undefined) {
    errors.push({
      field: at('initialAmount'),
      code: 'MISSING_ARGUMENT',
      message: 'Initial amount is required',
    });
  } else {
    const field = at(input.initialAmount ? 'initialAmount' : 'initialValue');
    const minor = toMinor(String(amount));
    if (Number.isNaN(minor))
      errors.push({ field, code: 'INVALID', message: 'Initial value is not an amount' });
    else if (minor <= 0)
      errors.push({ field, code: 'GREATER_THAN', message: 'Initial value must be greater than 0' });
  }
  const code = input.code;
  if (code !== null && code !== undefined) {
    if (code.length < 8) errors.push({ field: at('code'), code: 'TOO_SHORT', message: 'Code is too short' });
    else if (code.length > 20)
      errors.push({ field: at('code'), code: 'TOO_LONG', message: 'Code is too long' });
    else if (!/^[a-z0-9]+$/i.test(code)) {
      errors.push({
        field: at('code'),
        code: 'INVALID',
        message: 'Code can only contain letters and numbers',
      });
    } else if ([...state.giftCards.values()].some((g) => g.code.toLowerCase() === code.toLowerCase())) {
      errors.push({ field: at('code'), code: 'TAKEN', message: 'Code has already been taken' });
    }
  }
  if (input.customerId && !state.customers.has(input.customerId)) {
    errors.push({
      field: at('customerId'),
      code: 'CUSTOMER_NOT_FOUND',
      message: 'Customer could not be found',
    });
  }
  if (input.expiresOn && input.expiresOn <= today(state.now())) {
    errors.push({ field: at('expiresOn'), code: 'INVALID', message: 'Expires on must be in the future' });
  }
  return errors;
}

function createGiftCard(state: ShopState, args: Args) {
  const input = createInputSchema.parse(args.input ?? {});
  const errors = validate(state, input);
  if (errors.length > 0) return { giftCard: null, giftCardCode: null, userErrors: errors };
  const amount = String(input.initialAmount?.amount ?? input.initialValue);
  const now = Math.floor(state.now() / 1000) * 1000;
  const card: GiftCard = {
    id: state.nextGid('GiftCard'),
    code: input.code ?? randomCode(),
    initialMinor: toMinor(amount),
    balanceMinor: toMinor(amount),
    currencyCode: input.initialAmount?.currencyCode ?? state.currencyCode,
    customerId: input.customerId ?? null,
    note: input.note ?? null,
    expiresOn: input.expiresOn ?? null,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  state.giftCards.set(card.id, card);
  return { giftCard: giftCardView(state, card), giftCardCode: card.code, userErrors: [] };
}

function deactivateGiftCard(state: ShopState, args: Args) {
  const card = state.giftCards.get(String(args.id));
  if (!card) {
    return {
      giftCard: null,
      userErrors: [{ field: ['id'], code: 'GIFT_CARD_NOT_FOUND', message: 'Gift card not found' }],
    };
  }
  // Deactivation is final; doing it again changes nothing.
  if (card.deactivatedAt === null) {
    card.deactivatedAt = Math.floor(state.now() / 1000) * 1000;
    card.updatedAt = card.deactivatedAt;
  }
  return { giftCard: giftCardView(state, card), userErrors: [] };
}

export function giftCardResolvers(state: ShopState) {
  return {
    giftCard: (args: Args) => {
      const card = state.giftCards.get(String(args.id));
      return card ? giftCardView(state, card) : null;
    },
    giftCardCreate: (args: Args) => createGiftCard(state, args),
    giftCardDeactivate: (args: Args) => deactivateGiftCard(state, args),
  };
}
