// /api/rewards: auth, validation, the status filters, the streamed CSV export and the retry of a
// failed issue (through the outbox and the sweep, audited with the staff member), on PostgreSQL.
import { findMerchantByShopDomain, issueReward, type RewardIssuer } from '@referrals/core';
import {
  buildAdvocate,
  buildProgram,
  deliver,
  orderFacts,
  rowsOf,
  updateRowsOf,
} from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { adminApiTest } from '../../testing/admin-api.js';
import type { PlatformFixture } from '../../testing/platform.js';
import { apiErrorSchema } from '../contract/common.js';
import { rewardListResponseSchema } from '../contract/rewards.js';
import { csvCell, decimalOf } from './rewards.js';

const test = adminApiTest;

const call = (baseUrl: string, path: string, token?: string, method = 'GET') =>
  fetch(`${baseUrl}${path}`, { method, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

/** Installs the shop and gives it four referred orders: four held rewards. */
async function shopWithRewards(
  fx: PlatformFixture,
  baseUrl: string,
  engine: Parameters<typeof deliver>[0],
  shop: string,
) {
  fx.emulator.installApp(shop);
  const token = fx.emulator.sessionToken(shop);
  expect((await call(baseUrl, '/api/shop', token)).status).toBe(200);
  const merchant = (await findMerchantByShopDomain(engine.db, shop))!;
  const { programId } = await buildProgram(engine.db, merchant.id);
  // Four advocates, each with one referred order (one referral per advocate keeps fraud rules quiet).
  for (const [n, email] of [
    ['1', 'carol@example.org'],
    ['2', 'bob@example.org'],
    ['3', 'dan@example.org'],
    ['4', 'eve@example.org'],
  ] as const) {
    const advocate = await buildAdvocate(engine.db, merchant.id, programId, `ada${n}+${shop}@example.com`);
    const order = orderFacts({ referralCode: advocate.code, customer: { id: `900${n}`, email } });
    expect(await deliver(engine, merchant.id, { type: 'OrderPaid', ...order })).toEqual({
      status: 'processed',
    });
  }
  // In order: ada1's, ada2's, ada3's; the fourth is made a friend's, for the recipient filter.
  const rewards = (await rowsOf(engine.db, 'rewards', merchant.id)).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
  expect(rewards).toHaveLength(4);
  await updateRowsOf(engine.db, 'rewards', merchant.id, { id: rewards[3]!.id }, { recipient: 'friend' });
  rewards[3]!.recipient = 'friend';
  // Someone who typed a formula where an email goes (a CSV export must not run it).
  await updateRowsOf(
    engine.db,
    'customers',
    merchant.id,
    { email: `ada2+${shop}@example.com` },
    {
      email: '=cmd|calc@example.org',
    },
  );
  return { token, merchant, rewards };
}

describe('/api/rewards', () => {
  test('401 without a session token; 404 for another shop’s reward; 400 with field errors', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    expect((await call(baseUrl, '/api/rewards')).status).toBe(401);
    expect((await call(baseUrl, '/api/rewards/export.csv')).status).toBe(401);
    const a = await shopWithRewards(fx, baseUrl, engine, 'rewards-a.myshopify.com');
    const b = await shopWithRewards(fx, baseUrl, engine, 'rewards-b.myshopify.com');
    const theirs = b.rewards[0]!;
    await updateRowsOf(
      engine.db,
      'rewards',
      b.merchant.id,
      { id: theirs.id },
      {
        status: 'released',
        releasedAt: new Date(Date.now() - 3_600_000),
      },
    );
    const res = await call(baseUrl, `/api/rewards/${theirs.id}/retry`, a.token, 'POST');
    expect(res.status).toBe(404);
    expect((await call(baseUrl, '/api/rewards/not-an-id/retry', a.token, 'POST')).status).toBe(404);
    expect(
      await rowsOf(engine.db, 'audit_log', b.merchant.id, { action: 'reward.issue_retried' }),
    ).toHaveLength(0);

    // A's list never shows B's rewards.
    const list = rewardListResponseSchema.parse(await (await call(baseUrl, '/api/rewards', a.token)).json());
    expect(list.rewards.map((r) => r.id).sort()).toEqual(a.rewards.map((r) => r.id).sort());

    const bad = await call(baseUrl, '/api/rewards?status=lost&limit=0&recipient=cat', a.token);
    expect(bad.status).toBe(400);
    const body = apiErrorSchema.parse(await bad.json());
    expect(Object.keys(body.fields ?? {}).sort()).toEqual(['limit', 'recipient', 'status.0']);
    expect((await call(baseUrl, '/api/rewards/export.csv?status=lost', a.token)).status).toBe(400);
  });

  test('lists by status and recipient with release dates, Shopify ids, errors and claw-backs; pages by cursor', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const { token, merchant, rewards } = await shopWithRewards(
      fx,
      baseUrl,
      engine,
      'rewards-c.myshopify.com',
    );
    const [advocate1, advocate2, , friend] = rewards as [
      (typeof rewards)[0],
      (typeof rewards)[0],
      (typeof rewards)[0],
      (typeof rewards)[0],
    ];
    await updateRowsOf(
      engine.db,
      'rewards',
      merchant.id,
      { id: advocate1!.id },
      {
        status: 'issued',
        releasedAt: new Date(),
        issuedAt: new Date(),
        platformRef: 'gid://shopify/StoreCreditAccountTransaction/77',
      },
    );
    await updateRowsOf(
      engine.db,
      'rewards',
      merchant.id,
      { id: advocate2!.id },
      {
        status: 'released',
        releasedAt: new Date(Date.now() - 3_600_000),
        payoutMinor: 1000,
      },
    );
    await updateRowsOf(
      engine.db,
      'rewards',
      merchant.id,
      { id: friend.id },
      { status: 'reversed', reversedMinor: 0 },
    );

    const get = async (query: string) =>
      rewardListResponseSchema.parse(await (await call(baseUrl, `/api/rewards${query}`, token)).json());
    const issued = await get('?status=issued');
    expect(issued.rewards).toHaveLength(1);
    expect(issued.rewards[0]).toMatchObject({
      id: advocate1!.id,
      status: 'issued',
      platformRef: 'gid://shopify/StoreCreditAccountTransaction/77',
      amount: { amountMinor: 1000, currency: 'USD' },
    });
    const failed = await get('?status=failed');
    expect(failed.rewards.map((r) => r.id)).toEqual([advocate2!.id]);
    expect(failed.rewards[0]?.issueError).toMatch(/Shopify/);
    // Nothing stored yet: the reason is derived, with no attempt on record.
    expect(failed.rewards[0]).toMatchObject({ issueAttempts: 0, lastIssueAttemptAt: null });
    // The issue job's call fails: the error Shopify gave is stored and shown, with the attempts.
    const down: RewardIssuer = {
      issue: async () => {
        throw new Error('Shopify answered 503 Service Unavailable');
      },
      clawBack: async () => ({ recoveredMinor: 0 }),
    };
    for (let i = 0; i < 2; i++) {
      await expect(
        issueReward(engine, down, { merchantId: merchant.id, rewardId: advocate2!.id }),
      ).rejects.toThrow('Shopify answered 503 Service Unavailable');
    }
    const stored = (await get('?status=failed')).rewards[0];
    expect(stored).toMatchObject({
      id: advocate2!.id,
      status: 'failed',
      issueError: 'Shopify answered 503 Service Unavailable',
      issueAttempts: 2,
    });
    expect(Date.parse(stored!.lastIssueAttemptAt!)).toBeGreaterThan(Date.now() - 60_000);
    // An issued reward carries no error.
    expect((await get('?status=issued')).rewards[0]).toMatchObject({ issueError: null });
    const pending = await get('?status=pending');
    expect(pending.rewards).toHaveLength(1);
    expect(pending.rewards[0]?.holdUntil).toBe(
      rewards.find((r) => r.id === pending.rewards[0]?.id)?.holdUntil.toISOString(),
    );
    expect((await get('?status=clawed_back')).rewards.map((r) => r.id)).toEqual([friend.id]);
    expect((await get('?status=failed,issued&recipient=advocate')).rewards).toHaveLength(2);
    expect((await get('?status=failed&status=issued&recipient=friend')).rewards).toHaveLength(0);
    expect((await get(`?query=${encodeURIComponent('ADA1+rewards-c')}`)).rewards).toHaveLength(1);
    expect((await get('?query=%25')).rewards).toHaveLength(0);

    const first = await get('?limit=3');
    expect(first.rewards).toHaveLength(3);
    expect(first.pageInfo.nextCursor).toBeTruthy();
    const second = await get(`?limit=3&cursor=${encodeURIComponent(first.pageInfo.nextCursor!)}`);
    expect(second.rewards).toHaveLength(1);
    expect(second.pageInfo.nextCursor).toBeNull();
    expect(new Set([...first.rewards, ...second.rewards].map((r) => r.id)).size).toBe(4);
  });

  test('exports exactly the filtered list as a streamed, quoted, formula-safe CSV attachment', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const { token, merchant, rewards } = await shopWithRewards(
      fx,
      baseUrl,
      engine,
      'rewards-d.myshopify.com',
    );
    const issued = rewards.find((r) => r.recipient === 'advocate')!;
    await updateRowsOf(
      engine.db,
      'rewards',
      merchant.id,
      { id: issued.id },
      {
        status: 'issued',
        issuedAt: new Date(),
        platformRef: '@SUM(1+1)',
      },
    );
    const all = await call(baseUrl, '/api/rewards/export.csv', token);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(all.headers.get('content-disposition')).toMatch(
      /^attachment; filename="rewards-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await all.text();
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^"Created","Recipient","Recipient email"/);
    // A formula typed as an email is neutralised; so is one in a Shopify id.
    expect(text).toContain(`"'=cmd|calc@example.org"`);
    expect(text).toContain(`"'@SUM(1+1)"`);
    expect(text).toContain('"10.00","USD","Issued"');

    const onlyIssued = await (await call(baseUrl, '/api/rewards/export.csv?status=issued', token)).text();
    const issuedLines = onlyIssued.trim().split('\r\n');
    expect(issuedLines).toHaveLength(2);
    expect(issuedLines[1]).toContain(issued.id);
  });

  test('retry puts a failed reward back on the issue path, audited with the staff member; others are refused', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const { token, merchant, rewards } = await shopWithRewards(
      fx,
      baseUrl,
      engine,
      'rewards-e.myshopify.com',
    );
    const failed = rewards.find((r) => r.recipient === 'advocate')!;
    await updateRowsOf(
      engine.db,
      'rewards',
      merchant.id,
      { id: failed.id },
      {
        status: 'released',
        releasedAt: new Date(Date.now() - 3_600_000),
        payoutMinor: 1000,
      },
    );
    const before = (await rowsOf(engine.db, 'outbox', merchant.id, { topic: 'reward.released' })).length;
    const res = await call(baseUrl, `/api/rewards/${failed.id}/retry`, token, 'POST');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'queued' });
    const outbox = await rowsOf(engine.db, 'outbox', merchant.id, {
      topic: 'reward.released',
      aggregateId: failed.id,
    });
    expect(outbox.length).toBe(before + 1);
    const [audit] = await rowsOf(engine.db, 'audit_log', merchant.id, { action: 'reward.issue_retried' });
    expect(audit).toMatchObject({ subjectType: 'reward', subjectId: failed.id });
    expect(audit?.actor).toMatch(/^staff:/);
    expect(audit?.actor).not.toBe('staff:unknown');

    const held = rewards.find((r) => r.id !== failed.id)!;
    const refused = await call(baseUrl, `/api/rewards/${held.id}/retry`, token, 'POST');
    expect(refused.status).toBe(409);
    expect(apiErrorSchema.parse(await refused.json()).message).toBe(
      'This reward is not waiting to be issued, so there is nothing to retry.',
    );
  });
});

describe('CSV cells', () => {
  test('quote, double quotes and guard formulas', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok\nnext')).toBe('"say ""hi"", ok\nnext"');
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1`)).toBe(`"'${lead}1"`);
    expect(csvCell(null)).toBe('""');
    expect(decimalOf(1050, 'USD')).toBe('10.50');
    expect(decimalOf(5, 'USD')).toBe('0.05');
    expect(decimalOf(500, 'JPY')).toBe('500');
    expect(decimalOf(1234, 'KWD')).toBe('1.234');
  });
});
