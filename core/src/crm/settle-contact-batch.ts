// Records what a CRM write did with a claimed batch: written rows leave the queue (unless they
// changed meanwhile), retryable failures back off, refused inputs are dropped, a block postpones
// or parks the rows the call did not settle.
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import type { CrmWriteResult } from '../ports.js';
import type { ClaimedContact } from './claim-contact-batch.js';
import type { CrmPlatform } from './properties.js';
import { deleteUnchangedContacts, postponeContacts, resetContacts } from './repository/queue.js';
import { parkSync, upsertSyncState } from './repository/sync-state.js';

export type SettleContactBatchInput = {
  merchantId: string;
  platform: CrmPlatform;
  claimed: ClaimedContact[];
  result: CrmWriteResult;
  /** From loadCrmContacts: nothing to write, so they leave the queue whatever the write did. */
  skipped?: string[];
  /** From loadCrmContacts: a customer whose contact went out under another customer's id. */
  sameAs?: Record<string, string>;
  now: Date;
};

export type SettleOutcome = {
  /** Written and removed from the queue. */
  written: number;
  /** Written, but changed during the write: queued again for the next flush. */
  changedMeanwhile: number;
  /** Retryable failures (or inputs the writer did not report), backing off. */
  retrying: number;
  /** Refused for good by the CRM, removed from the queue. */
  dropped: { customerId: string; error: string }[];
  skipped: number;
  /** The rows the blocked call did not write or refuse wait for the block (not in `retrying`). */
  blocked: NonNullable<CrmWriteResult['blocked']> | null;
};

const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 3_600_000;
const RATE_LIMIT_DEFAULT_MS = 10_000;
const NOT_REPORTED = 'not reported by the CRM writer';

/** Backoff after the n-th failed attempt: 5 s, 10 s, 20 s, … at most an hour. */
export const crmRetryDelayMs = (attempts: number): number =>
  Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));

/** HubSpot's daily limit resets at midnight; a daily-limit parking lifts then. */
export const nextUtcMidnight = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

export async function settleContactBatch(
  db: Database,
  input: SettleContactBatchInput,
): Promise<SettleOutcome> {
  const { merchantId, platform, result, now } = input;
  const skipped = new Set(input.skipped ?? []);
  const rest = input.claimed.filter((row) => !skipped.has(row.customerId));
  const outcome: SettleOutcome = {
    written: 0,
    changedMeanwhile: 0,
    retrying: 0,
    dropped: [],
    skipped: skipped.size,
    blocked: result.blocked ?? null,
  };

  /** Deletes the rows still at their claimed revision; returns the ids that changed meanwhile. */
  const removeUnchanged = async (m: MerchantScope, rows: ClaimedContact[]) => {
    if (rows.length === 0) return [];
    const goneIds = new Set(await deleteUnchangedContacts(m, platform, rows));
    const changed = rows.filter((r) => !goneIds.has(r.customerId)).map((r) => r.customerId);
    // Their lease ends now: the newer revision goes out with the next flush.
    if (changed.length > 0) await resetContacts(m, platform, changed, now);
    return changed;
  };

  const postpone = (m: MerchantScope, ids: string[], until: Date, error: string, countAttempt: boolean) =>
    ids.length === 0 ? Promise.resolve() : postponeContacts(m, platform, ids, { until, error, countAttempt });

  // What the CRM said about each row, whether or not the call ended blocked: requests sent before
  // a block (a 429 mid-call) wrote their contacts, and re-queuing those would write them twice.
  const written = new Set(result.written);
  const failures = new Map(result.failed.map((f) => [f.customerId, f]));
  const wrote: ClaimedContact[] = [];
  const refused: ClaimedContact[] = [];
  const unsettled: ClaimedContact[] = [];
  for (const row of rest) {
    const id = input.sameAs?.[row.customerId] ?? row.customerId;
    const failure = failures.get(id);
    if (!failure && written.has(id)) wrote.push(row);
    else if (failure && !failure.retryable) {
      refused.push(row);
      outcome.dropped.push({ customerId: row.customerId, error: failure.error });
    } else unsettled.push(row);
  }

  await forMerchant(db, merchantId).transaction(async (m) => {
    await removeUnchanged(
      m,
      input.claimed.filter((row) => skipped.has(row.customerId)),
    );
    const changed = await removeUnchanged(m, wrote);
    outcome.written = wrote.length - changed.length;
    outcome.changedMeanwhile = changed.length;
    await removeUnchanged(m, refused);

    if (result.blocked) {
      // The rest (retryable failures, requests never sent) wait for the block, no attempt counted.
      const { reason, retryAfterMs } = result.blocked;
      const ids = unsettled.map((r) => r.customerId);
      if (reason === 'rate_limited') {
        const until = new Date(now.getTime() + (retryAfterMs ?? RATE_LIMIT_DEFAULT_MS));
        await postpone(m, ids, until, 'rate_limited', false);
        return;
      }
      // Nothing is lost: the rows wait (released from their lease) until the parking lifts.
      const until =
        reason === 'daily_limit'
          ? new Date(retryAfterMs != null ? now.getTime() + retryAfterMs : nextUtcMidnight(now).getTime())
          : null;
      await parkSync(m, platform, reason, now, until);
      await postpone(m, ids, until ?? now, reason, false);
      return;
    }

    // Grouped by (attempts so far, error): one UPDATE per group sets the same backoff and message.
    const retry = new Map<string, { attempts: number; error: string; ids: string[] }>();
    for (const row of unsettled) {
      const error = failures.get(input.sameAs?.[row.customerId] ?? row.customerId)?.error ?? NOT_REPORTED;
      const key = `${row.attempts}:${error}`;
      const group = retry.get(key) ?? { attempts: row.attempts, error, ids: [] };
      group.ids.push(row.customerId);
      retry.set(key, group);
    }
    for (const { attempts, error, ids } of retry.values()) {
      await postpone(m, ids, new Date(now.getTime() + crmRetryDelayMs(attempts + 1)), error, true);
      outcome.retrying += ids.length;
    }
  });
  // The CRM took contacts (even in a call that then ended blocked): the admin's "last synced".
  // Its own one-row transaction after the queue work, so concurrent flush loops never wait on the
  // state row while holding queue rows (nor a backfill, which locks the state row first).
  if (wrote.length > 0) {
    await forMerchant(db, merchantId).transaction((m) =>
      upsertSyncState(m, platform, { lastSuccessAt: now }),
    );
  }
  return outcome;
}
