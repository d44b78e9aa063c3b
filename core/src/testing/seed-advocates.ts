// Bulk seeding for benchmarks: customers, advocates and codes inserted directly, with no outbox
// rows (enrollAdvocate writes one per advocate; a backlog is then queued once, by a backfill).
import type { Database } from '../db/client.js';
import { advocates, customers, referralCodes } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';

export type SeededAdvocate = { email: string; code: string };

/** One advocate per entry (a `generated` code each), consenting now; returns nothing. */
export async function insertAdvocatesInBulk(
  db: Database,
  merchantId: string,
  programId: string,
  seeds: readonly SeededAdvocate[],
): Promise<void> {
  if (seeds.length === 0) return;
  const customerRows = await db
    .insert(customers)
    .values(seeds.map(({ email }) => ({ merchantId, email, emailNormalized: normalizeEmail(email) })))
    .returning({ id: customers.id });
  const advocateRows = await db
    .insert(advocates)
    .values(customerRows.map((c) => ({ merchantId, customerId: c.id, programId, consentAt: new Date() })))
    .returning({ id: advocates.id });
  await db.insert(referralCodes).values(
    advocateRows.map((a, k) => ({
      merchantId,
      advocateId: a.id,
      code: seeds[k]!.code,
      kind: 'generated' as const,
    })),
  );
}
