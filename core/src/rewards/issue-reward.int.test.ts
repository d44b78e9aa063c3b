// Why an issue failed is kept on the reward (attempts, a short safe error, when) for the admin,
// the platform's error still reaching the queue unchanged; a later success clears it.
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { EngineContext } from '../context.js';
import { rewards } from '../db/schema/index.js';
import type { ClawBackRequest, IssueRewardRequest, RewardIssuer } from '../ports.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
} from '../testing/index.js';
import { ISSUE_ERROR_MAX_LENGTH, issueErrorText, issueReward } from './issue-reward.js';
import { listRewards } from './list-rewards.js';
import { releaseReward } from './release-reward.js';

const DAY = 86_400_000;

/** The platform down for the first `failures` issue calls (each throwing `error`), then fine. */
class FlakyIssuer implements RewardIssuer {
  readonly platform = new RecordingRewardIssuer();
  calls = 0;
  constructor(
    private failures: number,
    readonly error: Error,
  ) {}
  async issue(request: IssueRewardRequest): Promise<{ platformRef: string }> {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw this.error;
    }
    return this.platform.issue(request);
  }
  clawBack(request: ClawBackRequest): Promise<{ recoveredMinor: number }> {
    return this.platform.clawBack(request);
  }
}

async function releasedReward(engine: EngineContext) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocate = await buildAdvocate(engine.db, merchant.id, programId);
  await deliver(engine, merchant.id, { type: 'OrderPaid', ...orderFacts({ referralCode: advocate.code }) });
  const [reward] = await engine.db.select().from(rewards).where(eq(rewards.advocateId, advocate.advocateId));
  const later = { ...engine, now: () => new Date(Date.now() + 30 * DAY) };
  await releaseReward(later, { merchantId: merchant.id, rewardId: reward!.id });
  return { merchantId: merchant.id, rewardId: reward!.id };
}

const rewardRow = async (engine: EngineContext, rewardId: string) =>
  (await engine.db.select().from(rewards).where(eq(rewards.id, rewardId)))[0]!;

describe('issueReward failures', () => {
  test('a throwing issuer records each attempt and its error, rethrown unchanged; a later success clears it', async ({
    engine,
  }) => {
    const input = await releasedReward(engine);
    const before = await rewardRow(engine, input.rewardId);
    expect(before).toMatchObject({ status: 'released', issueAttempts: 0, lastIssueError: null });
    expect(before.lastIssueAttemptAt).toBeNull();

    const error = new Error(
      `Shopify answered 503 for token shpat_0123456789abcdef with Bearer abc.def-ghi: ${'x'.repeat(900)}`,
    );
    const issuer = new FlakyIssuer(2, error);
    // The same error object reaches the caller (the queue decides the retry from it).
    await expect(issueReward(engine, issuer, input)).rejects.toBe(error);
    const first = await rewardRow(engine, input.rewardId);
    expect(first).toMatchObject({ status: 'released', issueAttempts: 1 });
    expect(first.lastIssueAttemptAt).toBeInstanceOf(Date);
    expect(first.lastIssueError).toMatch(
      /^Shopify answered 503 for token \[redacted\] with Bearer \[redacted\]: x+…$/,
    );
    expect(first.lastIssueError!.length).toBeLessThanOrEqual(ISSUE_ERROR_MAX_LENGTH);
    expect(first.lastIssueError).not.toContain('shpat_');
    expect(first.lastIssueError).not.toContain('abc.def');

    await expect(issueReward(engine, issuer, input)).rejects.toBe(error);
    expect(await rewardRow(engine, input.rewardId)).toMatchObject({ status: 'released', issueAttempts: 2 });

    // Overdue in the admin: failed, with the stored error and the attempts.
    const overdue = new Date(Date.now() + 31 * DAY);
    const listed = await listRewards(engine.db, input.merchantId, { limit: 10, now: overdue });
    const failed = listed.rewards.find((r) => r.id === input.rewardId)!;
    expect(failed).toMatchObject({ status: 'failed', issueAttempts: 2, issueError: first.lastIssueError });
    expect(failed.lastIssueAttemptAt).toBeInstanceOf(Date);

    expect(await issueReward(engine, issuer, input)).toBe('issued');
    expect(issuer.calls).toBe(3);
    const issued = await rewardRow(engine, input.rewardId);
    expect(issued).toMatchObject({ status: 'issued', issueAttempts: 3, lastIssueError: null });
    expect(issued.platformRef).toMatch(/^gid:\/\/test\//);
    expect(issued.lastIssueAttemptAt!.getTime()).toBeGreaterThanOrEqual(first.lastIssueAttemptAt!.getTime());
    const after = await listRewards(engine.db, input.merchantId, { limit: 10, now: overdue });
    expect(after.rewards.find((r) => r.id === input.rewardId)).toMatchObject({
      status: 'issued',
      issueError: null,
      issueAttempts: 3,
    });
  });

  test('without a stored error the admin keeps the derived reason', async ({ engine }) => {
    const input = await releasedReward(engine);
    const listed = await listRewards(engine.db, input.merchantId, {
      limit: 10,
      now: new Date(Date.now() + 31 * DAY),
    });
    expect(listed.rewards.find((r) => r.id === input.rewardId)).toMatchObject({
      status: 'failed',
      issueAttempts: 0,
      lastIssueAttemptAt: null,
      issueError: 'The reward was released but has not reached Shopify yet.',
    });
  });

  test('only an error message is kept: a thrown payload is never stored', () => {
    expect(issueErrorText({ accessToken: 'secret', body: '...' })).toBe('The platform call failed.');
    expect(issueErrorText(new Error('  line one\n  line two  '))).toBe('line one line two');
    expect(issueErrorText(new Error('GET /x?access_token=abc&y=1'))).toBe(
      'GET /x?access_token=[redacted]&y=1',
    );
  });
});
