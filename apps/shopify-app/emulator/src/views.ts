// GraphQL views of stored records shared by several resolvers. Fields that are functions are
// resolved lazily by graphql-js (called with the field's arguments), so cycles such as
// customer -> storeCreditAccounts -> owner cost nothing unless selected.
import { metafieldFields } from './metafields.js';
import { type ShopState, type StoreCreditAccount, type StoreCreditTransaction, toDecimal } from './store.js';

export const money = (minor: number, currencyCode: string) => ({ amount: toDecimal(minor), currencyCode });

/** A MoneyBag: the emulator has no presentment currencies, so both sides are the shop's. */
export const moneyBag = (minor: number, currencyCode: string) => ({
  shopMoney: money(minor, currencyCode),
  presentmentMoney: money(minor, currencyCode),
});

/** `history`: the shop's store credit transactions, for the account's `transactions` connection. */
export const accountView = (a: StoreCreditAccount, history: readonly StoreCreditTransaction[] = []) => ({
  id: a.id,
  balance: money(a.balanceMinor, a.currencyCode),
  owner: { __typename: 'Customer', id: a.ownerId },
  transactions: (args: { first?: number | null; reverse?: boolean | null }) => {
    const own = history.filter((t) => t.accountId === a.id);
    const ordered = args.reverse ? [...own].reverse() : own;
    const page = ordered.slice(0, args.first ?? 50).map((t) => ({
      __typename:
        t.kind === 'credit' ? 'StoreCreditAccountCreditTransaction' : 'StoreCreditAccountDebitTransaction',
      id: t.id,
      amount: money(t.kind === 'credit' ? t.amountMinor : -t.amountMinor, a.currencyCode),
      balanceAfterTransaction: money(t.balanceAfterMinor, a.currencyCode),
      createdAt: t.createdAt,
      event: 'ADJUSTMENT',
    }));
    return {
      nodes: page,
      edges: page.map((node) => ({ cursor: node.id, node })),
      pageInfo: { hasNextPage: ordered.length > page.length, hasPreviousPage: false },
    };
  },
});

export function customerView(state: ShopState, id: string) {
  const c = state.customers.get(id);
  if (!c) return null;
  const fullName = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    // Shopify shows the name, or the email when there is no name.
    displayName: fullName || c.email || '',
    numberOfOrders: String(c.numberOfOrders),
    ...metafieldFields(c.id, c.metafields),
    storeCreditAccounts: () => {
      const own = [...state.accounts.values()]
        .filter((a) => a.ownerId === c.id)
        .map((a) => accountView(a, state.transactions));
      return {
        nodes: own,
        edges: own.map((node, i) => ({ cursor: `a${i}`, node })),
        pageInfo: { hasNextPage: false, hasPreviousPage: false },
      };
    },
  };
}
