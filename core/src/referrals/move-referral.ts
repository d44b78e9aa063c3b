import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { withdrawFriendOffers } from '../friend-offers/index.js';
import { writeOutbox } from '../outbox/index.js';
import { type ReferralRow, setReferralStatusIfUnchanged } from './repository.js';
import { assertTransition, type ReferralStatus } from './state-machine.js';

/**
 * Moves a referral through the state machine, one step or several (e.g. qualified then approved)
 * in one write; every step is checked, and an illegal one throws, never passes silently.
 */
export async function moveReferral(
  db: Database,
  referral: Pick<ReferralRow, 'id' | 'merchantId' | 'status'>,
  to: ReferralStatus | ReferralStatus[],
  changes: Partial<Pick<ReferralRow, 'riskScore' | 'riskFindings' | 'qualification'>>,
): Promise<void> {
  const path = Array.isArray(to) ? to : [to];
  let from = referral.status;
  for (const step of path) {
    assertTransition(from, step);
    from = step;
  }
  const m = forMerchant(db, referral.merchantId);
  // Compare-and-set on the status we judged by: a referral that another transaction moved in
  // the meantime is an error, never silently overwritten.
  const moved = await setReferralStatusIfUnchanged(m, {
    referralId: referral.id,
    from: referral.status,
    to: from,
    changes,
  });
  if (!moved) {
    throw new DomainError(
      'RETRY_LATER',
      `Referral ${referral.id} changed while moving it from ${referral.status}.`,
    );
  }
  await writeOutbox(m.db, {
    merchantId: referral.merchantId,
    topic: 'referral.status_changed',
    aggregateId: referral.id,
    payload: { referralId: referral.id, from: referral.status, to: from, path },
  });
  // A rejected friend keeps no unused welcome code.
  if (from === 'rejected') {
    await withdrawFriendOffers(m.db, { merchantId: referral.merchantId, referralId: referral.id });
  }
}
