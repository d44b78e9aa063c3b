// Owner: privacy. The compliance requests a platform sent for a merchant and what was done.
import { desc, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { privacyRequests } from '../../db/schema/index.js';
import { likePattern } from './inbound.js';

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

/** Recorded once per request: a redelivery of the same external id changes nothing. */
export async function insertPrivacyRequest(
  m: MerchantScope,
  values: Pick<PrivacyRequestRow, 'kind' | 'externalId' | 'subject' | 'result'>,
): Promise<void> {
  await m.db
    .insert(privacyRequests)
    .values({ merchantId: m.merchantId, ...values })
    .onConflictDoNothing();
}

/** The newest `limit` requests. */
export function findRecentPrivacyRequests(m: MerchantScope, limit: number): Promise<PrivacyRequestRow[]> {
  return m.db
    .select()
    .from(privacyRequests)
    .where(m.where(privacyRequests))
    .orderBy(desc(privacyRequests.createdAt))
    .limit(limit);
}

/** Requests whose subject or result contains one of `terms` (any case). */
export async function findPrivacyRequestsMentioning(
  m: MerchantScope,
  terms: readonly string[],
): Promise<PrivacyRequestRow[]> {
  if (terms.length === 0) return [];
  const text = sql`(${privacyRequests.subject}::text || ${privacyRequests.result}::text)`;
  return m.db
    .select()
    .from(privacyRequests)
    .where(m.where(privacyRequests, or(...terms.map((t) => sql`${text} ilike ${likePattern(t)}`))));
}

export async function updatePrivacyRequestRecord(
  m: MerchantScope,
  requestId: string,
  values: Pick<PrivacyRequestRow, 'subject' | 'result'>,
): Promise<void> {
  await m.db.update(privacyRequests).set(values).where(m.byId(privacyRequests, requestId));
}
