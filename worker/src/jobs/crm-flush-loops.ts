// The body of one crm-flush job: up to `concurrency` claim -> load -> write -> settle loops over one
// merchant's queued contacts, sharing a budget of `batches`, stopping together when nothing is due,
// the CRM blocks, or a loop fails.
import { type CrmWriter, type FlushCrmBatchInput, type FlushOutcome, flushCrmBatch } from '@referrals/core';
import type { JobDeps } from './define-job.js';

export type FlushLoopsInput = Omit<FlushCrmBatchInput, 'limit' | 'leaseMs' | 'clock'> & {
  batches: number;
  concurrency: number;
  /** Called once, as soon as the loops have used up the budget with contacts still coming. */
  onBudgetSpent: () => Promise<unknown>;
};

export type FlushLoopsResult = {
  batches: number;
  sent: number;
  written: number;
  retrying: number;
  dropped: number;
  skipped: number;
  /** Why the CRM stopped the loops, or null. */
  blocked: string | null;
  /** Whether `onBudgetSpent` ran (the loops did not stop on an empty queue or a block). */
  budgetSpent: boolean;
};

/**
 * Claims are leased (SKIP LOCKED), so the loops never write the same contacts; the writer's shared
 * limiter paces their requests. Loop k+1 starts once loop k is writing: the first request is not
 * slowed by the others' claims, and later claims overlap the writes before them.
 */
export async function runFlushLoops(
  deps: Pick<JobDeps, 'engine' | 'logger'>,
  writer: CrmWriter,
  input: FlushLoopsInput,
): Promise<FlushLoopsResult> {
  const { engine, logger } = deps;
  const { merchantId, platform, linkFor } = input;
  const result: FlushLoopsResult = {
    batches: 0,
    sent: 0,
    written: 0,
    retrying: 0,
    dropped: 0,
    skipped: 0,
    blocked: null,
    budgetSpent: false,
  };
  // Promises settle into values at once: a rejection left unawaited while other loops run would be
  // reported as unhandled (and end the process).
  const state = {
    begun: 0,
    drained: false,
    errors: [] as unknown[],
    handedOver: null as Promise<{ error: unknown } | null> | null,
  };
  const stopped = () => state.drained || state.errors.length > 0 || result.blocked !== null;
  const add = (outcome: FlushOutcome) => {
    result.batches += 1;
    result.sent += outcome.sent;
    result.written += outcome.written;
    result.retrying += outcome.retrying;
    result.dropped += outcome.dropped.length;
    result.skipped += outcome.skipped;
    if (outcome.dropped.length > 0) {
      logger.warn({ merchantId, dropped: outcome.dropped }, 'CRM refused contacts for good; dropped');
    }
    if (outcome.blocked) {
      result.blocked = outcome.blocked.reason;
      logger.warn({ merchantId, blocked: outcome.blocked }, 'CRM sync blocked; contacts wait');
    }
  };

  const loop = async (loopWriter: CrmWriter) => {
    while (!stopped() && state.begun < input.batches) {
      state.begun += 1;
      const outcome = await flushCrmBatch(engine.db, loopWriter, { merchantId, platform, linkFor });
      if (outcome.claimed === 0) {
        state.begun -= 1;
        state.drained = true;
        return;
      }
      add(outcome);
    }
    // The first loop out of budget hands over while the others' last batches are in flight, so
    // the next job's claims overlap them instead of leaving the CRM's budget idle.
    if (!stopped()) {
      state.handedOver ??= input.onBudgetSpent().then(
        () => null,
        (error: unknown) => ({ error }),
      );
    }
  };

  const running: Promise<void>[] = [];
  for (let k = 0; k < Math.max(1, input.concurrency) && !stopped(); k++) {
    let writing!: () => void;
    const started = new Promise<void>((resolve) => {
      writing = resolve;
    });
    const loopWriter: CrmWriter = {
      write: (id, contacts) => {
        writing();
        return writer.write(id, contacts);
      },
    };
    running.push(
      loop(loopWriter)
        .catch((error: unknown) => {
          state.errors.push(error); // the other loops stop after their current batch
        })
        .finally(writing),
    );
    await started;
  }
  await Promise.all(running);
  const handOver = state.handedOver ? await state.handedOver : null;
  if (state.errors.length > 0) throw state.errors[0];
  if (handOver) throw handOver.error;
  result.budgetSpent = state.handedOver !== null;
  return result;
}
