// Owner: intake (the webhook inbox). The raw platform payloads that mention a person, and their
// rewrite. The text searches only narrow the rows; the use case decides which are about them.
import { eq, ne, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { inboundEvents } from '../../db/schema/index.js';

type InboundRow = typeof inboundEvents.$inferSelect;

/** An ILIKE pattern matching `term` literally anywhere in the text. */
export const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, '\\$&')}%`;

/** Inbox rows whose payload contains one of `terms` (any case), or matches one of `patterns` (regex, any case). */
export async function findInboundEventsMentioning(
  m: MerchantScope,
  search: { terms?: readonly string[]; patterns?: readonly string[] },
): Promise<InboundRow[]> {
  const matches = [
    ...(search.patterns ?? []).map((p) => sql`${inboundEvents.payload}::text ~* ${p}`),
    ...(search.terms ?? []).map((t) => sql`${inboundEvents.payload}::text ilike ${likePattern(t)}`),
  ];
  if (matches.length === 0) return [];
  return m.db
    .select()
    .from(inboundEvents)
    .where(m.where(inboundEvents, or(...matches)));
}

/** Replaces a processed row's payload and error; a row still `received` is never touched. */
export async function rewriteInboundPayload(
  m: MerchantScope,
  eventId: string,
  values: Pick<InboundRow, 'payload' | 'error'>,
): Promise<void> {
  await m.db
    .update(inboundEvents)
    .set(values)
    .where(m.where(inboundEvents, eq(inboundEvents.id, eventId), ne(inboundEvents.status, 'received')));
}
