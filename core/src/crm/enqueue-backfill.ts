// Backfill: queues every advocate and referred friend of a merchant, one page per call, in
// customer id order from a cursor saved with each page, so an interrupted run resumes where it was.
// The normal flush writes them, after live changes.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmPlatform } from './properties.js';
import { countBackfillContactsAfter, findBackfillContacts } from './repository/contacts.js';
import { upsertQueuedContacts } from './repository/queue.js';
import { ensureSyncState, lockSyncState, upsertSyncState } from './repository/sync-state.js';

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

/** Queues the next page; call until `done`. Two concurrent calls for one merchant take turns. */
export async function enqueueBackfill(db: Database, input: EnqueueBackfillInput): Promise<BackfillPage> {
  const { merchantId, platform } = input;
  const size = input.batchSize ?? 500;
  const now = input.now ?? new Date();
  return forMerchant(db, merchantId).transaction(async (m) => {
    await ensureSyncState(m, platform);
    const state = await lockSyncState(m, platform);
    const after = state?.backfillCursor ?? null;
    const ids = await findBackfillContacts(m, after, size);
    const queued = await upsertQueuedContacts(m, { platform, customerIds: ids, at: now, backfill: true });
    const done = ids.length < size;
    const cursor = done ? null : ids.at(-1)!;
    await upsertSyncState(m, platform, {
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
  return forMerchant(db, input.merchantId).transaction((m) =>
    countBackfillContactsAfter(m, input.after ?? null),
  );
}
