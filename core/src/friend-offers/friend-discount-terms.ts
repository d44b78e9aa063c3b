// What an advocate's friend would be offered now: the advocate's program version in force and
// its friend reward, when that reward is a discount handed out before the purchase.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { findVersionInForce, type ProgramVersion } from '../programs/index.js';
import { findAdvocateOfferer } from './repository.js';

export type FriendDiscountSpec =
  | { kind: 'percent_discount'; bps: number }
  | { kind: 'fixed_discount'; amountMinor: number };

export type FriendDiscountTerms = {
  advocateId: string;
  /** The advocate's own address: a friend with the same one is the advocate. */
  advocateEmailNormalized: string | null;
  version: ProgramVersion;
  /** Null when the program gives friends no discount (nothing, or a reward after purchase). */
  discount: FriendDiscountSpec | null;
  currency: string;
};

export async function loadFriendDiscountTerms(
  db: Database,
  merchantId: string,
  advocateId: string,
  at: Date,
): Promise<FriendDiscountTerms> {
  const m = forMerchant(db, merchantId);
  const row = await findAdvocateOfferer(m, advocateId);
  if (!row) throw new DomainError('NOT_FOUND', `Advocate ${advocateId} not found.`);
  if (row.status !== 'active') throw new DomainError('VALIDATION', `Advocate ${advocateId} is suspended.`);
  if (row.programStatus !== 'active') {
    throw new DomainError(
      'VALIDATION',
      `The advocate's program is ${row.programStatus}: it makes no offers.`,
    );
  }
  const version = await findVersionInForce(m.db, m.merchantId, row.programId, at);
  const reward = version.rules.friendReward;
  const discount =
    reward?.kind === 'percent_discount' || reward?.kind === 'fixed_discount'
      ? (reward as FriendDiscountSpec)
      : null;
  return {
    advocateId,
    advocateEmailNormalized: row.emailNormalized,
    version,
    discount,
    currency: row.currency,
  };
}
