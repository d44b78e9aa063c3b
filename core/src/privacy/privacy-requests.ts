// The apps record each compliance request with what it was about and, for a data request, a copy
// of the export. After a redaction neither may still identify the person: the copy goes, and the
// request keeps its ids and kind but loses contact details.
import type { MerchantScope } from '../db/merchant-scope.js';
import type { PrivacySubject } from './find-subject.js';
import { inboundReferencesOf, referencesSubject } from './inbound-events.js';
import { findPrivacyRequestsMentioning, updatePrivacyRequestRecord } from './repository/requests.js';
import { changed, isRedactedPayload, redactedPayload, redactPersonalKeys, type Scrubber } from './scrub.js';

export async function redactPrivacyRequests(
  m: MerchantScope,
  subject: PrivacySubject,
  scrub: Scrubber,
  at: Date,
): Promise<number> {
  const refs = inboundReferencesOf(subject);
  const rows = await findPrivacyRequestsMentioning(m, [
    ...refs.emails,
    ...refs.customerIds,
    ...subject.customerIds,
  ]);
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
    await updatePrivacyRequestRecord(m, row.id, next);
    count++;
  }
  return count;
}
