import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { generateCode, normalizeCode, validateVanityCode } from './codes.js';
import {
  disableAdvocateCode,
  findActiveCodeRow,
  insertCode,
  type ReferralCodeRow,
} from './repository/codes.js';

const MAX_ATTEMPTS = 8;

/** Announced in the code's transaction: the checkout sync adds it to (or removes it from) Shopify. */
const announce = (
  db: Database,
  row: ReferralCodeRow,
  topic: 'referral_code.created' | 'referral_code.disabled',
) =>
  writeOutbox(db, {
    merchantId: row.merchantId,
    topic,
    aggregateId: row.id,
    payload: { codeId: row.id, advocateId: row.advocateId },
  });

/**
 * Inserts a vanity code (validated) or a generated one, retrying generated codes on the rare
 * collision; uniqueness per merchant is the database's unique key, not a prior SELECT.
 */
export async function insertUniqueCode(
  db: Database,
  merchantId: string,
  advocateId: string,
  vanity?: string,
  kind: 'generated' | 'friend_offer' = 'generated',
): Promise<string> {
  if (vanity !== undefined) {
    const checked = validateVanityCode(vanity);
    // The reason names the rule the typed code broke (length, letters, reserved word): the user's to read.
    if (!checked.ok) throw new DomainError('INVALID_CODE', checked.reason, { publicMessage: checked.reason });
    const row = await insertCode(forMerchant(db, merchantId), {
      advocateId,
      code: checked.code,
      kind: 'vanity',
    });
    if (!row)
      throw new DomainError('CONFLICT', `The code ${checked.code} is already taken.`, {
        publicMessage: 'This code is already taken.',
      });
    await announce(db, row, 'referral_code.created');
    return row.code;
  }
  const m = forMerchant(db, merchantId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await insertCode(m, { advocateId, code: generateCode(attempt < 4 ? 8 : 10), kind });
    if (row) {
      await announce(db, row, 'referral_code.created');
      return row.code;
    }
  }
  throw new DomainError('CONFLICT', 'Could not find a free code; the code space is crowded.');
}

/**
 * The active code a shopper typed or a link carries, or null. Not wrapped in a transaction: it is
 * the referral-link redirect's lookup (on a cache miss, after the link's shop named the merchant)
 * and runs inside claimFriendOffer's transaction; one indexed statement keeps the redirect fast.
 */
export async function findActiveCode(db: Database, merchantId: string, raw: string) {
  return findActiveCodeRow(forMerchant(db, merchantId), normalizeCode(raw));
}

export type CodeChange = { merchantId: string; advocateId: string; code: string; actor: string };

export async function disableCode(db: Database, input: CodeChange): Promise<void> {
  await forMerchant(db, input.merchantId).transaction(async (m) => {
    const row = await disableAdvocateCode(m, input.advocateId, normalizeCode(input.code));
    if (!row) throw new DomainError('NOT_FOUND', `Code ${input.code} not found for this advocate.`);
    await announce(m.db, row, 'referral_code.disabled');
    await recordAudit(m.db, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: 'code.disabled',
      subjectType: 'referral_code',
      subjectId: row.id,
    });
  });
}

/** Disables the old code and issues a fresh generated one (e.g. after a code leaked to a coupon site). */
export async function rotateCode(db: Database, input: CodeChange): Promise<string> {
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    await disableCode(tx, input);
    const code = await insertUniqueCode(tx, input.merchantId, input.advocateId);
    await recordAudit(tx, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: 'code.rotated',
      subjectType: 'advocate',
      subjectId: input.advocateId,
      before: { code: normalizeCode(input.code) },
      after: { code },
    });
    return code;
  });
}
