// Backfill: queues every advocate and referred friend of a merchant, one page per call, in
// customer id order from a cursor saved with each page, so an interrupted run resumes where it was.
// The normal flush writes them, after live changes.
import { and, eq, gt, isNotNull, type SQL, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { advocates, crmSyncState, orders, referrals } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';
import { queueContacts } from './queue.js';
import { upsertSyncState } from './sync-state.js';

export type EnqueueBackfillInput = {
  merchantId: string;
  platform: CrmPlatform;
  /** Contacts per page (default 500). */
  batchSize?: number;
  now?: Date;
};

export type BackfillPage = {
  /** Contacts of this page not queued before (the others were queued already). */
  queued: number;
  /** Contacts this page covered: what a progress bar advances by. */
  scanned: number;
  /** Where the next call starts; null once done (a later call starts a new backfill). */
  cursor: string | null;
  done: boolean;
};

/** Customers who are advocates or referred friends of the merchant, after `after`, in id order. */
function contactsAfter(db: Database, m: string, after: string | null) {
  const friend = sql<string>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`;
  const advocateSide = db
    .select({ id: advocates.customerId })
    .from(advocates)
    .where(and(eq(advocates.merchantId, m), after ? gt(advocates.customerId, after) : undefined));
  const friendSide = db
    .select({ id: friend })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.id, referrals.orderId), eq(orders.merchantId, m)))
    .where(
      and(
        eq(referrals.merchantId, m),
        isNotNull(friend),
        after ? (sql`${friend} > ${after}` as SQL) : undefined,
      ),
    );
  return union(advocateSide, friendSide);
}

/** Queues the next page; call until `done`. Two concurrent calls for one merchant take turns. */
export async function enqueueBackfill(db: Database, input: EnqueueBackfillInput): Promise<BackfillPage> {
  const { merchantId, platform } = input;
  const key = { merchantId, platform };
  const size = input.batchSize ?? 500;
  const now = input.now ?? new Date();
  return forMerchant(db, merchantId).transaction(async ({ db: tx }) => {
    await tx.insert(crmSyncState).values(key).onConflictDoNothing();
    const [state] = await tx
      .select()
      .from(crmSyncState)
      .where(and(eq(crmSyncState.merchantId, merchantId), eq(crmSyncState.platform, platform)))
      .for('update');
    const after = state?.backfillCursor ?? null;
    const page = await contactsAfter(tx, merchantId, after).orderBy(sql`1`).limit(size);
    const ids = page.map((row) => row.id);
    const queued = await queueContacts(tx, { ...key, customerIds: ids, at: now, backfill: true });
    const done = ids.length < size;
    const cursor = done ? null : ids.at(-1)!;
    await upsertSyncState(tx, key, {
      backfillCursor: cursor,
      ...(after === null ? { backfillStartedAt: now } : {}),
      backfillDoneAt: done ? now : null,
    });
    return { queued, scanned: ids.length, cursor, done };
  });
}

/** How many contacts a backfill covers in all, or after `after` (for a resumed run's progress bar). */
export async function countBackfillContacts(
  db: Database,
  input: { merchantId: string; after?: string | null },
): Promise<number> {
  const all = contactsAfter(db, input.merchantId, input.after ?? null).as('contacts');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(all);
  return row?.n ?? 0;
}
