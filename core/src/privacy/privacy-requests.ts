// The apps record each compliance request with what it was about and, for a data request, a copy
// of the export. After a redaction neither may still identify the person: the copy goes, and the
// request keeps its ids and kind but loses contact details.
import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { privacyRequests } from '../db/schema/index.js';
import type { PrivacySubject } from './find-subject.js';
import { inboundReferencesOf, likePattern, referencesSubject } from './inbound-events.js';
import { changed, isRedactedPayload, redactedPayload, redactPersonalKeys, type Scrubber } from './scrub.js';

export async function redactPrivacyRequests(
  db: Database,
  subject: PrivacySubject,
  scrub: Scrubber,
  at: Date,
): Promise<number> {
  const refs = inboundReferencesOf(subject);
  const terms = [...refs.emails, ...refs.customerIds, ...subject.customerIds];
  if (terms.length === 0) return 0;
  const text = sql`(${privacyRequests.subject}::text || ${privacyRequests.result}::text)`;
  const rows = await db
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.merchantId, subject.merchantId),
        or(...terms.map((t) => sql`${text} ilike ${likePattern(t)}`)),
      ),
    );
  let count = 0;
  for (const row of rows) {
    const about =
      referencesSubject({ topic: '', payload: row.subject }, refs) ||
      referencesSubject({ topic: '', payload: row.result }, refs) ||
      subject.customerIds.some((id) => JSON.stringify(row.result).includes(id));
    if (!about) continue;
    const next = {
      subject: redactPersonalKeys(scrub.json(row.subject)),
      result:
        row.kind === 'customer_data_request' && !isRedactedPayload(row.result)
          ? redactedPayload(at)
          : scrub.json(row.result),
    };
    if (!changed(row.subject, next.subject) && !changed(row.result, next.result)) continue;
    await db
      .update(privacyRequests)
      .set(next)
      .where(and(eq(privacyRequests.merchantId, subject.merchantId), eq(privacyRequests.id, row.id)));
    count++;
  }
  return count;
}
