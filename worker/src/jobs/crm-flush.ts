// crm-flush: writes a merchant's queued contacts to the CRM in batches, then schedules itself
// for whatever is left (the earliest retry, the end of a daily limit); stops while parked.
import { flushCrmBatch, nextCrmFlushAt } from '@referrals/core';
import { z } from 'zod';
import { defineJob, type JobDeps } from './define-job.js';

/**
 * Schedules a flush for `targetMs` (at the earliest now). The job id names the window of width
 * `flushDelayMs` the target falls in, and the job runs one window after the first request of its
 * window, so it always starts after every change of that window is committed: requests for a
 * window coalesce into one job, and none is ever swallowed by a job that already ran.
 */
export async function scheduleCrmFlush(
  deps: Pick<JobDeps, 'crm' | 'enqueue'>,
  merchantId: string,
  targetMs: number,
  nowMs = Date.now(),
): Promise<void> {
  const window = deps.crm.flushDelayMs;
  const target = Math.max(targetMs, nowMs);
  await deps.enqueue(
    'crm-sync',
    'crm-flush',
    { merchantId },
    { jobId: `crm-flush-${merchantId}-${Math.floor(target / window)}`, delay: target - nowMs + window },
  );
}

export const crmFlushJob = defineJob({
  name: 'crm-flush',
  queue: 'crm-sync',
  payloadSchema: z.object({ merchantId: z.string().uuid() }),
  async handle({ merchantId }, deps) {
    const { crmWriter, crm, engine, logger } = deps;
    if (!crmWriter || !crm.linkFor) return { skipped: 'no CRM writer configured' };
    const totals = { batches: 0, sent: 0, written: 0, retrying: 0, dropped: 0, skipped: 0 };
    let blocked: string | null = null;
    for (let i = 0; i < crm.batchesPerFlush; i++) {
      const outcome = await flushCrmBatch(engine.db, crmWriter, {
        merchantId,
        platform: crm.platform,
        linkFor: crm.linkFor,
      });
      if (outcome.claimed === 0) break;
      totals.batches += 1;
      totals.sent += outcome.sent;
      totals.written += outcome.written;
      totals.retrying += outcome.retrying;
      totals.dropped += outcome.dropped.length;
      totals.skipped += outcome.skipped;
      if (outcome.dropped.length > 0) {
        logger.warn({ merchantId, dropped: outcome.dropped }, 'CRM refused contacts for good; dropped');
      }
      if (outcome.blocked) {
        blocked = outcome.blocked.reason;
        logger.warn({ merchantId, blocked: outcome.blocked }, 'CRM sync blocked; contacts wait');
        break;
      }
    }
    const next = await nextCrmFlushAt(engine.db, { merchantId, platform: crm.platform });
    if (next) await scheduleCrmFlush(deps, merchantId, next.getTime());
    return { ...totals, blocked, next: next?.toISOString() ?? null };
  },
});
