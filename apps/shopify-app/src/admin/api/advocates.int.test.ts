// /api/advocates: auth, another shop's ids, validation, search/sort/pagination with SQL aggregates,
// the detail (link, score components, balance owed after a claw-back), enrolment by email, code
// disable/rotate and suspend/reactivate, each audited with the staff member, on PostgreSQL.
import { clawBackReward, findMerchantByShopDomain, issueReward, releaseReward } from '@referrals/core';
import {
  buildAdvocate,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
  rowsOf,
} from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { adminApiTest } from '../../testing/admin-api.js';
import { getAdvocateResponseSchema, listAdvocatesResponseSchema } from '../contract/advocates.js';

const test = adminApiTest;

const DAY = 86_400_000;

const json = async (res: Response) =>
  (await res.json()) as { message?: string; fields?: Record<string, string[]> };

const call = (baseUrl: string, path: string, token?: string, body?: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('/api/advocates', () => {
  test('401 without a token; another shop sees none of this one; 400 with field errors', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const shopA = 'adv-auth-a.myshopify.com';
    const shopB = 'adv-auth-b.myshopify.com';
    fx.emulator.installApp(shopA);
    fx.emulator.installApp(shopB);
    const tokenA = fx.emulator.sessionToken(shopA);
    const tokenB = fx.emulator.sessionToken(shopB);
    for (const token of [tokenA, tokenB]) expect((await call(baseUrl, '/api/shop', token)).status).toBe(200);
    const a = (await findMerchantByShopDomain(engine.db, shopA))!;
    const { programId } = await buildProgram(engine.db, a.id);
    const advocate = await buildAdvocate(engine.db, a.id, programId, 'ada@example.com');

    for (const [path, body] of [
      ['/api/advocates', undefined],
      [`/api/advocates/${advocate.advocateId}`, undefined],
      ['/api/advocates', { email: 'x@example.com' }],
      [`/api/advocates/${advocate.advocateId}/code/disable`, { code: advocate.code }],
      [`/api/advocates/${advocate.advocateId}/code/rotate`, { code: advocate.code }],
      [`/api/advocates/${advocate.advocateId}/status`, { status: 'suspended' }],
    ] as const) {
      expect((await call(baseUrl, path, undefined, body)).status).toBe(401);
    }

    // Shop B: an empty list, and A's advocate is not found whatever it asks.
    const listB = listAdvocatesResponseSchema.parse(
      await (await call(baseUrl, '/api/advocates', tokenB)).json(),
    );
    expect(listB).toMatchObject({ advocates: [], total: 0 });
    for (const [path, body] of [
      [`/api/advocates/${advocate.advocateId}`, undefined],
      [`/api/advocates/${advocate.advocateId}/code/disable`, { code: advocate.code }],
      [`/api/advocates/${advocate.advocateId}/code/rotate`, { code: advocate.code }],
      [`/api/advocates/${advocate.advocateId}/status`, { status: 'suspended' }],
      ['/api/advocates/not-an-id', undefined],
    ] as const) {
      expect((await call(baseUrl, path, tokenB, body)).status).toBe(404);
    }
    const [stillActive] = await rowsOf(engine.db, 'advocates', a.id);
    expect(stillActive?.status).toBe('active');
    expect(await rowsOf(engine.db, 'referral_codes', a.id)).toMatchObject([{ status: 'active' }]);

    // Validation: 400 with the field that is wrong.
    const bad = await call(baseUrl, '/api/advocates', tokenA, { email: 'not an email' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).fields).toHaveProperty('email');
    const badSort = await call(baseUrl, '/api/advocates?sort=loudest', tokenA);
    expect(badSort.status).toBe(400);
    expect((await json(badSort)).fields).toHaveProperty('sort');
    const badCursor = await call(baseUrl, '/api/advocates?cursor=abc', tokenA);
    expect(badCursor.status).toBe(400);
    const badStatus = await call(baseUrl, `/api/advocates/${advocate.advocateId}/status`, tokenA, {
      status: 'banned',
    });
    expect(badStatus.status).toBe(400);
    expect((await json(badStatus)).fields).toHaveProperty('status');
    // Enrolling into a shop with no active programme says what to do first.
    const noProgramme = await call(baseUrl, '/api/advocates', tokenB, { email: 'b@example.com' });
    expect(noProgramme.status).toBe(409);
    expect((await json(noProgramme)).message).toMatch(/programme/);
  });

  test('lists with aggregates, searches, sorts and pages; the detail shows the link, score and what is owed', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const shop = 'adv-list.myshopify.com';
    fx.emulator.installApp(shop);
    const token = fx.emulator.sessionToken(shop);
    expect((await call(baseUrl, '/api/shop', token)).status).toBe(200);
    const merchant = (await findMerchantByShopDomain(engine.db, shop))!;
    const { programId } = await buildProgram(engine.db, merchant.id, {
      fraud: { rules: { velocity: { enabled: false } } },
    });
    const ada = await buildAdvocate(engine.db, merchant.id, programId, 'ada@example.com');
    const bob = await buildAdvocate(engine.db, merchant.id, programId, 'bob@example.com');
    const cy = await buildAdvocate(engine.db, merchant.id, programId, 'cy@example.com');
    // Ada: two referred orders (100.00 and 50.00); Bob: one of 300.00; Cy: none.
    const adaFirst = orderFacts({ referralCode: ada.code, totalMinor: 10_000, subtotalMinor: 10_000 });
    for (const order of [
      adaFirst,
      orderFacts({ referralCode: ada.code, totalMinor: 5_000, subtotalMinor: 5_000 }),
      orderFacts({ referralCode: bob.code, totalMinor: 30_000, subtotalMinor: 30_000 }),
    ]) {
      expect(await deliver(engine, merchant.id, { type: 'OrderPaid', ...order })).toEqual({
        status: 'processed',
      });
    }
    // Ada's first reward is issued, mostly spent, then the order refunded: a claw-back falls short.
    const issuer = new RecordingRewardIssuer();
    const later = { ...engine, now: () => new Date(Date.now() + 40 * DAY) };
    const adaRewards = (await rowsOf(engine.db, 'rewards', merchant.id))
      .filter((r) => r.advocateId === ada.advocateId)
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
    const first = adaRewards[0]!;
    await releaseReward(later, { merchantId: merchant.id, rewardId: first.id });
    await issueReward(later, issuer, { merchantId: merchant.id, rewardId: first.id });
    issuer.spend(ada.customerId, first.amountMinor);
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: adaFirst.orderId,
      refundId: 'refund-1',
      amountMinor: 10_000,
      currency: 'USD',
      occurredAt: new Date(),
    });
    const [clawback] = await rowsOf(engine.db, 'reward_clawbacks', merchant.id);
    await clawBackReward(engine, issuer, { merchantId: merchant.id, clawbackId: clawback!.id });

    const list = async (query: string) => {
      const res = await call(baseUrl, `/api/advocates${query}`, token);
      expect(res.status).toBe(200);
      return listAdvocatesResponseSchema.parse(await res.json());
    };
    const newest = await list('');
    expect(newest.currency).toBe(merchant.currency);
    expect(newest.total).toBe(3);
    expect(newest.advocates.map((a) => a.email)).toEqual([
      'cy@example.com',
      'bob@example.com',
      'ada@example.com',
    ]);
    const byEmail = new Map(newest.advocates.map((a) => [a.email, a]));
    const adaRow = byEmail.get('ada@example.com')!;
    expect(adaRow).toMatchObject({
      code: ada.code,
      successfulReferrals: 1, // the refunded one is reversed
      referredRevenueMinor: 5_000,
      status: 'active',
    });
    expect(adaRow.owedMinor).toBe(first.amountMinor);
    expect(byEmail.get('bob@example.com')).toMatchObject({
      successfulReferrals: 1,
      referredRevenueMinor: 30_000,
    });
    expect(byEmail.get('bob@example.com')!.balanceMinor).toBeGreaterThan(0); // one held reward
    expect(byEmail.get('cy@example.com')).toMatchObject({
      successfulReferrals: 0,
      score: 0,
      balanceMinor: 0,
    });

    expect((await list('?sort=revenue')).advocates.map((a) => a.email)).toEqual([
      'bob@example.com',
      'ada@example.com',
      'cy@example.com',
    ]);
    const byScore = await list('?sort=score');
    expect(byScore.advocates.at(-1)?.email).toBe('cy@example.com');
    const scores = byScore.advocates.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    // Pages of one: the next cursor walks the same order, the last page has none.
    const page1 = await list('?sort=revenue&limit=1');
    const page2 = await list(`?sort=revenue&limit=1&cursor=${page1.nextCursor}`);
    const page3 = await list(`?sort=revenue&limit=1&cursor=${page2.nextCursor}`);
    expect([page1, page2, page3].map((p) => p.advocates[0]?.email)).toEqual([
      'bob@example.com',
      'ada@example.com',
      'cy@example.com',
    ]);
    expect(page3.nextCursor).toBeNull();
    expect(page2.previousCursor).toBe('0');
    // Search: email, first part of a code (any case), nothing.
    expect((await list('?search=BOB@')).advocates.map((a) => a.email)).toEqual(['bob@example.com']);
    expect(
      (await list(`?search=${cy.code.slice(0, 5).toLowerCase()}`)).advocates.map((a) => a.email),
    ).toEqual(['cy@example.com']);
    expect(await list('?search=nobody%25')).toMatchObject({ advocates: [], total: 0 });

    // The detail: link, codes, score with components that sum to it, referrals, rewards, what is owed.
    const detailRes = await call(baseUrl, `/api/advocates/${ada.advocateId}`, token);
    expect(detailRes.status).toBe(200);
    const { advocate } = getAdvocateResponseSchema.parse(await detailRes.json());
    expect(advocate.linkCode).toBe(ada.code);
    expect(advocate.link).toBe(`http://127.0.0.1/r/${ada.code}?shop=${shop}`);
    expect(advocate.advocate).toMatchObject({ email: 'ada@example.com', status: 'active' });
    expect(advocate.score.components.map((c) => c.key)).toEqual([
      'referrals',
      'revenue',
      'conversion',
      'recency',
      'fraud',
    ]);
    expect(advocate.score.components.reduce((s, c) => s + c.points, 0)).toBe(advocate.score.score);
    expect(advocate.score.score).toBe(adaRow.score);
    expect(advocate.referrals.map((r) => r.status).sort()).toEqual(['approved', 'reversed']);
    expect(advocate.rewards).toHaveLength(2);
    const usd = advocate.balances.find((b) => b.currency === 'USD')!;
    expect(usd.owedMinor).toBe(first.amountMinor);
    expect(usd.balanceMinor).toBe(usd.heldMinor + usd.payableMinor - usd.owedMinor);
    expect(usd.balanceMinor).toBe(adaRow.balanceMinor);
  });

  test('enrols by email, disables and rotates codes, suspends and reactivates, all audited', async ({
    fx,
    baseUrl,
    engine,
  }) => {
    const shop = 'adv-actions.myshopify.com';
    fx.emulator.installApp(shop);
    const token = fx.emulator.sessionToken(shop);
    expect((await call(baseUrl, '/api/shop', token)).status).toBe(200);
    const merchant = (await findMerchantByShopDomain(engine.db, shop))!;
    await buildProgram(engine.db, merchant.id);

    const enrolled = await call(baseUrl, '/api/advocates', token, {
      email: ' New.Person@Example.com ',
      firstName: 'Nia',
    });
    expect(enrolled.status).toBe(201);
    const created = (await enrolled.json()) as { advocateId: string; code: string; created: boolean };
    expect(created).toMatchObject({ created: true, code: expect.any(String) });
    const again = await call(baseUrl, '/api/advocates', token, { email: 'new.person@example.com' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ advocateId: created.advocateId, created: false });

    const base = `/api/advocates/${created.advocateId}`;
    const rotated = await call(baseUrl, `${base}/code/rotate`, token, { code: created.code });
    expect(rotated.status).toBe(200);
    const { code: fresh } = (await rotated.json()) as { code: string };
    expect(fresh).not.toBe(created.code);
    expect((await call(baseUrl, `${base}/code/disable`, token, { code: 'NOPE1234' })).status).toBe(404);
    expect((await call(baseUrl, `${base}/code/disable`, token, { code: fresh })).status).toBe(200);
    const detail = getAdvocateResponseSchema.parse(await (await call(baseUrl, base, token)).json()).advocate;
    expect(detail.linkCode).toBeNull();
    expect(detail.link).toBeNull();
    expect(detail.codes.map((c) => [c.code, c.status])).toEqual([
      [created.code, 'disabled'],
      [fresh, 'disabled'],
    ]);

    for (const status of ['suspended', 'suspended', 'active'] as const) {
      const res = await call(baseUrl, `${base}/status`, token, { status });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ advocateId: created.advocateId, status });
    }
    const [row] = await rowsOf(engine.db, 'advocates', merchant.id);
    expect(row?.status).toBe('active');

    const audit = (await rowsOf(engine.db, 'audit_log', merchant.id)).sort((x, y) => x.id - y.id);
    const staff = audit.filter((a) => a.actor.startsWith('staff:'));
    expect(staff.map((a) => a.action)).toEqual([
      'advocate.enrolled',
      'code.disabled',
      'code.rotated',
      'code.disabled',
      'advocate.suspended', // once: the repeated suspension changed nothing
      'advocate.reactivated',
    ]);
  });
});
