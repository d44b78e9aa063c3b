// Store credit: storeCreditAccountCredit/Debit have no idempotency key of their own, so each
// call is journalled in platform_operations first. A retry that finds the journal 'in doubt'
// (a crash between the call and the commit) looks for the transaction on the customer's account
// before calling again, and claims it (a transaction can be claimed by one operation only).
import {
  beginPlatformOperation,
  claimedPlatformRefs,
  completePlatformOperation,
  type Database,
  DomainError,
  decimalToMinor,
  minorToDecimal,
  type PlatformOperationKey,
} from '@referrals/core';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import { STORE_CREDIT_ACCOUNTS, STORE_CREDIT_CREDIT, STORE_CREDIT_DEBIT } from '../shopify/documents.js';
import type { ReferralStoreCreditAccountsQuery } from '../shopify/generated/admin.generated.js';
import type { CurrencyCode } from '../shopify/generated/admin.types.js';

type Account = NonNullable<
  ReferralStoreCreditAccountsQuery['customer']
>['storeCreditAccounts']['nodes'][number];
type Tx = Account['transactions']['nodes'][number];

/** Our currencies are ISO 4217 codes, the values of Shopify's CurrencyCode. */
const currencyCode = (currency: string) => currency as CurrencyCode;

/** Transactions a crashed attempt might have made: same direction, after it began (1 min skew). */
const IN_DOUBT_SKEW_MS = 60_000;

export class StoreCredit {
  constructor(
    private readonly db: Database,
    private readonly graphql: AdminGraphql,
  ) {}

  async credit(key: PlatformOperationKey, customer: string, amountMinor: number, currency: string) {
    const state = await beginPlatformOperation(this.db, { ...key, operation: 'storeCreditAccountCredit' });
    if (state.state === 'succeeded' && state.platformRef) return state.platformRef;
    if (state.state === 'in_doubt') {
      const found = await this.claimEarlier(
        key,
        customer,
        currency,
        state.startedAt,
        (m) => m === amountMinor,
      );
      if (found) return found.id;
    }
    const data = await this.graphql.request(key.merchantId, STORE_CREDIT_CREDIT, {
      id: customer,
      input: {
        creditAmount: { amount: minorToDecimal(amountMinor, currency), currencyCode: currencyCode(currency) },
        notify: true,
      },
    });
    const payload = withoutUserErrors(data.storeCreditAccountCredit, 'storeCreditAccountCredit');
    const ref = payload.storeCreditAccountTransaction?.id;
    if (!ref) throw new Error('storeCreditAccountCredit returned no transaction');
    await completePlatformOperation(this.db, key, ref, { amountMinor });
    return ref;
  }

  /** Debits up to `amountMinor`; returns what was recovered (less when the advocate spent it). */
  async debit(key: PlatformOperationKey, customer: string, amountMinor: number, currency: string) {
    const state = await beginPlatformOperation(this.db, { ...key, operation: 'storeCreditAccountDebit' });
    if (state.state === 'succeeded') return (state.result as { recoveredMinor: number }).recoveredMinor;
    if (state.state === 'in_doubt') {
      const found = await this.claimEarlier(
        key,
        customer,
        currency,
        state.startedAt,
        (m) => m < 0 && -m <= amountMinor,
      );
      if (found) return -found.amountMinor;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const account = (await this.accounts(key.merchantId, customer)).find(
        (a) => a.balance.currencyCode === currency,
      );
      const balance = account ? decimalToMinor(account.balance.amount, currency) : 0;
      const take = Math.min(amountMinor, balance);
      if (!account || take <= 0) {
        await completePlatformOperation(this.db, key, null, { recoveredMinor: 0 });
        return 0;
      }
      const data = await this.graphql.request(key.merchantId, STORE_CREDIT_DEBIT, {
        id: account.id,
        input: {
          debitAmount: { amount: minorToDecimal(take, currency), currencyCode: currencyCode(currency) },
        },
      });
      const payload = data.storeCreditAccountDebit;
      // Spent between our read and the debit: read the balance again and take what is left.
      if (payload?.userErrors.some((e) => e.code === 'INSUFFICIENT_FUNDS')) continue;
      const ref =
        withoutUserErrors(payload, 'storeCreditAccountDebit').storeCreditAccountTransaction?.id ?? null;
      await completePlatformOperation(this.db, key, ref, { recoveredMinor: take });
      return take;
    }
    throw new DomainError('RETRY_LATER', 'The store credit balance kept changing during the claw-back.');
  }

  private async accounts(merchantId: string, customer: string): Promise<Account[]> {
    const data = await this.graphql.request(merchantId, STORE_CREDIT_ACCOUNTS, {
      id: customer,
    });
    if (!data.customer) throw new DomainError('VALIDATION', `Shopify has no customer ${customer}.`);
    return data.customer.storeCreditAccounts.nodes;
  }

  private async claimEarlier(
    key: PlatformOperationKey,
    customer: string,
    currency: string,
    startedAt: Date,
    matches: (signedMinor: number) => boolean,
  ): Promise<{ id: string; amountMinor: number } | null> {
    const since = startedAt.getTime() - IN_DOUBT_SKEW_MS;
    const candidates = (await this.accounts(key.merchantId, customer))
      .filter((a) => a.balance.currencyCode === currency)
      .flatMap((a) => a.transactions.nodes)
      .filter((t): t is Extract<Tx, { id: string }> => 'id' in t && Date.parse(t.createdAt) >= since)
      .map((t) => ({
        id: t.id,
        amountMinor: decimalToMinor(t.amount.amount, currency),
        at: Date.parse(t.createdAt),
      }))
      .filter((t) => matches(t.amountMinor))
      .sort((a, b) => a.at - b.at);
    const claimed = await claimedPlatformRefs(
      this.db,
      key.merchantId,
      key.platform,
      candidates.map((c) => c.id),
    );
    for (const candidate of candidates) {
      if (claimed.has(candidate.id)) continue;
      const result =
        candidate.amountMinor < 0
          ? { recoveredMinor: -candidate.amountMinor }
          : { amountMinor: candidate.amountMinor };
      if (await completePlatformOperation(this.db, key, candidate.id, result)) return candidate;
    }
    return null;
  }
}
