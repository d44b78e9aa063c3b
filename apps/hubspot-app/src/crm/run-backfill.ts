// The backfill loop behind `npm run hubspot:backfill`: queue the merchant's advocates and referred
// friends a page at a time (the cursor lives in crm_sync_state, so a rerun after Ctrl-C resumes)
// and write what is due between pages with the same flush the worker runs. Claims are leased, so
// a worker flushing the same merchant meanwhile never writes the same contacts twice at once.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CrmWriter,
  countBackfillContacts,
  crmSyncStatus,
  type Database,
  enqueueBackfill,
  flushCrmBatch,
  type LoadCrmContactsOptions,
  nextCrmFlushAt,
} from '@referrals/core';

export type BackfillDeps = {
  db: Database;
  writer: CrmWriter;
  linkFor: LoadCrmContactsOptions['linkFor'];
  now?: () => number;
};

export type BackfillOptions = {
  merchantId: string;
  /** Contacts per write (HubSpot's batch maximum: 100). */
  batchSize?: number;
  /** Contacts queued per page (default 500). */
  pageSize?: number;
  /** Contacts backing off longer than this are left to the worker (default 30 s). */
  maxWaitMs?: number;
  /** Stops after the batch in flight (Ctrl-C); a rerun resumes. */
  signal?: AbortSignal;
};

export type BackfillProgress = { processed: number; total: number; written: number; perSecond: number };

export type BackfillSummary = {
  merchantId: string;
  /** Every queued contact is written, refused or skipped; nothing is left for this run. */
  done: boolean;
  interrupted: boolean;
  pages: number;
  processed: number;
  written: number;
  dropped: number;
  skipped: number;
  /** Contacts still queued at the end (backing off, changed meanwhile, or parked). */
  pending: number;
  parkedReason: string | null;
  elapsedMs: number;
  contactsPerSecond: number;
};

export async function runBackfill(
  deps: BackfillDeps,
  options: BackfillOptions,
  onProgress: (progress: BackfillProgress) => void = () => {},
): Promise<BackfillSummary> {
  const { db, writer } = deps;
  const { merchantId } = options;
  const platform = 'hubspot';
  const now = deps.now ?? Date.now;
  const started = now();
  const before = await crmSyncStatus(db, merchantId, platform);
  // Contacts still to queue from the cursor on, plus those queued already (an interrupted run's).
  let total =
    before.pending + (await countBackfillContacts(db, { merchantId, after: before.backfill.cursor }));
  const tally = { pages: 0, processed: 0, written: 0, dropped: 0, skipped: 0 };
  const report = () => {
    total = Math.max(total, tally.processed);
    const seconds = Math.max(0.001, (now() - started) / 1000);
    onProgress({
      processed: tally.processed,
      total,
      written: tally.written,
      perSecond: tally.written / seconds,
    });
  };
  let paged = false;
  report();
  while (!options.signal?.aborted) {
    const outcome = await flushCrmBatch(db, writer, {
      merchantId,
      platform,
      linkFor: deps.linkFor,
      limit: options.batchSize ?? 100,
      clock: () => new Date(now()),
    });
    if (outcome.claimed > 0) {
      tally.written += outcome.written;
      tally.dropped += outcome.dropped.length;
      tally.skipped += outcome.skipped;
      tally.processed += outcome.written + outcome.dropped.length + outcome.skipped;
      report();
      // A rate limit postpones these rows and pauses the portal; a daily limit or a lost token parks.
      if (outcome.blocked && outcome.blocked.reason !== 'rate_limited') break;
      continue;
    }
    if (!paged) {
      const page = await enqueueBackfill(db, { merchantId, platform, batchSize: options.pageSize ?? 500 });
      tally.pages += 1;
      paged = page.done;
      continue;
    }
    const next = await nextCrmFlushAt(db, { merchantId, platform });
    if (!next) break;
    const wait = next.getTime() - now();
    if (wait > (options.maxWaitMs ?? 30_000)) break;
    await sleep(Math.max(50, wait), undefined, options.signal ? { signal: options.signal } : {}).catch(
      () => {},
    );
  }
  const after = await crmSyncStatus(db, merchantId, platform);
  const elapsedMs = now() - started;
  return {
    merchantId,
    done: paged && after.pending === 0,
    interrupted: options.signal?.aborted ?? false,
    ...tally,
    pending: after.pending,
    parkedReason: after.parkedReason,
    elapsedMs,
    contactsPerSecond: Math.round((tally.written / Math.max(0.001, elapsedMs / 1000)) * 10) / 10,
  };
}
