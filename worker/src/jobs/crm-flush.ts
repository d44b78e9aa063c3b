// crm-flush: writes a merchant's queued contacts to the CRM, `flushConcurrency` batches at a time,
// then hands over: at once to a fresh job when it stopped at its batch limit (a backlog), else to
// a job scheduled for whatever is left (the earliest retry, the end of a daily limit).
//
// Job ids name windows of width `flushDelayMs`: `crm-flush-{merchant}-{w}` is the one flush of
// window w, whoever asks for it (a change, the sweep, a job handing over), so a busy merchant starts
// at most one flush per window. A job asked for by a change runs once its window has ended, after
// every change of that window is committed; one started at once may end before its window does,
// and then asks for the window after its own (see `settle`), so no change is swallowed by it.
import { nextCrmFlushAt } from '@referrals/core';
import { z } from 'zod';
import { runFlushLoops } from './crm-flush-loops.js';
import { defineJob, type JobDeps } from './define-job.js';

type FlushDeps = Pick<JobDeps, 'crm' | 'enqueue'>;

/** Never a window at or before `after` (the asking job's own: completed ids stay in Redis a day). */
const windowFor = (deps: FlushDeps, ms: number, after: number | undefined) =>
  Math.max(Math.floor(ms / deps.crm.flushDelayMs), after === undefined ? 0 : after + 1);

/**
 * Schedules a flush for `targetMs` (at the earliest now): the job of the target's window, run one
 * window after the target (and after its window ends), so requests for a window coalesce into one
 * job that starts after every change of that window is committed.
 */
export async function scheduleCrmFlush(
  deps: FlushDeps,
  merchantId: string,
  targetMs: number,
  nowMs = Date.now(),
  after?: number,
): Promise<void> {
  const width = deps.crm.flushDelayMs;
  const target = Math.max(targetMs, nowMs);
  const window = windowFor(deps, target, after);
  const runAt = Math.max(target + width, (window + 1) * width);
  await deps.enqueue(
    'crm-sync',
    'crm-flush',
    { merchantId, window },
    { jobId: `crm-flush-${merchantId}-${window}`, delay: runAt - nowMs },
  );
}

/**
 * A flush without delay, for contacts already committed and due (the sweep found them, or a job
 * ran out of batches with more left): the job of the current window, or of the one after `after`.
 * If that window's job is already waiting for its window to end, this joins it.
 */
export async function flushCrmNow(
  deps: FlushDeps,
  merchantId: string,
  after?: number,
  nowMs = Date.now(),
): Promise<number> {
  const window = windowFor(deps, nowMs, after);
  await deps.enqueue(
    'crm-sync',
    'crm-flush',
    { merchantId, window },
    { jobId: `crm-flush-${merchantId}-${window}`, delay: 0 },
  );
  return window;
}

/**
 * After a job that did not hand over: a flush for what is left, and one after the job's window if
 * the job ends before that window does (a change of the window asking for this job now finds it
 * taken, so a later job must look again).
 */
async function settle(deps: JobDeps, merchantId: string, window: number | undefined) {
  const { crm, engine } = deps;
  const next = await nextCrmFlushAt(engine.db, { merchantId, platform: crm.platform });
  const now = Date.now();
  const early = window !== undefined && now < (window + 1) * crm.flushDelayMs;
  if (next || early) await scheduleCrmFlush(deps, merchantId, next?.getTime() ?? now, now, window);
  return next;
}

export const crmFlushJob = defineJob({
  name: 'crm-flush',
  queue: 'crm-sync',
  payloadSchema: z.object({
    merchantId: z.string().uuid(),
    /** The window this job's id names (absent on jobs queued before it was recorded). */
    window: z.number().int().nonnegative().optional(),
  }),
  async handle({ merchantId, window }, deps) {
    const { crmWriter, crm } = deps;
    if (!crmWriter || !crm.linkFor) return { skipped: 'no CRM writer configured' };
    const { budgetSpent, ...totals } = await runFlushLoops(deps, crmWriter, {
      merchantId,
      platform: crm.platform,
      linkFor: crm.linkFor,
      batches: crm.batchesPerFlush,
      concurrency: crm.flushConcurrency,
      onBudgetSpent: () => flushCrmNow(deps, merchantId, window),
    });
    // A backlog: the next job is queued already, with no delay.
    if (budgetSpent) return { ...totals, handedOver: true };
    const next = await settle(deps, merchantId, window);
    return { ...totals, next: next?.toISOString() ?? null };
  },
});
