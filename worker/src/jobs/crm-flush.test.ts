import { describe, expect, test } from 'vitest';
import { flushCrmNow, scheduleCrmFlush } from './crm-flush.js';
import type { JobDeps } from './define-job.js';

const merchantId = '00000000-0000-4000-8000-000000000001';
const id = (window: number) => `crm-flush-${merchantId}-${window}`;

function recorder() {
  const added: { data: object; opts?: { jobId?: string; delay?: number } }[] = [];
  const deps = {
    crm: { flushDelayMs: 1000 } as JobDeps['crm'],
    enqueue: async (
      _queue: string,
      _name: string,
      data: object,
      opts?: { jobId?: string; delay?: number },
    ) => {
      added.push({ data, ...(opts ? { opts } : {}) });
    },
  };
  return { deps, added };
}

describe('flush job ids: one job per merchant and window', () => {
  test('a change schedules the job of its window, run one window later', async () => {
    const { deps, added } = recorder();
    await scheduleCrmFlush(deps, merchantId, 5_400, 5_400);
    await scheduleCrmFlush(deps, merchantId, 5_900, 5_900);
    expect(added).toEqual([
      { data: { merchantId, window: 5 }, opts: { jobId: id(5), delay: 1000 } },
      { data: { merchantId, window: 5 }, opts: { jobId: id(5), delay: 1000 } },
    ]);
  });

  test('a flush now takes the window of now, at once', async () => {
    const { deps, added } = recorder();
    expect(await flushCrmNow(deps, merchantId, undefined, 5_400)).toBe(5);
    expect(added).toEqual([{ data: { merchantId, window: 5 }, opts: { jobId: id(5), delay: 0 } }]);
  });

  test('jobs shorter than a window hand over to ever later windows, never to their own', async () => {
    const { deps, added } = recorder();
    let window = await flushCrmNow(deps, merchantId, undefined, 5_100);
    window = await flushCrmNow(deps, merchantId, window, 5_300);
    window = await flushCrmNow(deps, merchantId, window, 5_500);
    expect(window).toBe(7);
    // Time catches up with the chain: the window of now again.
    expect(await flushCrmNow(deps, merchantId, window, 9_050)).toBe(9);
    expect(added.map((a) => a.opts?.jobId)).toEqual([id(5), id(6), id(7), id(9)]);
  });

  test('a hand-over joins the job a change already asked for in that window (no second flush)', async () => {
    const { deps, added } = recorder();
    await scheduleCrmFlush(deps, merchantId, 7_100, 7_100);
    await flushCrmNow(deps, merchantId, 5, 7_600);
    expect(added.map((a) => a.opts?.jobId)).toEqual([id(7), id(7)]);
  });

  test('a job ending before its window does asks for a later one, run after that window ends', async () => {
    const { deps, added } = recorder();
    await scheduleCrmFlush(deps, merchantId, 7_200, 7_200, 7);
    expect(added).toEqual([{ data: { merchantId, window: 8 }, opts: { jobId: id(8), delay: 1800 } }]);
  });
});
