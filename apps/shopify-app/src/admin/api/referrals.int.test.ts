// The referrals and review-queue API on real PostgreSQL: auth, shop isolation, validation, the
// list's filters and pages, the trail, an uncredited order's explanation, and an audited review.
import type { EngineContext } from '@referrals/core';
import { buildAdvocate, buildProgram, deliver, orderFacts, rowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { adminApiTest } from '../../testing/admin-api.js';
import {
  listReferralsResponseSchema,
  orderExplanationSchema,
  referralTrailSchema,
  reviewQueueResponseSchema,
} from '../contract/referrals.js';

type Shop = { shop: string; merchantId: string; token: string };
type Seeded = {
  a: Shop;
  b: Shop;
  /** A's referrals: one held for review (same address as the advocate), one approved. */
  flaggedOrderId: string;
  cleanOrderId: string;
  /** An order of A nobody referred. */
  uncreditedOrderId: string;
  advocateOrderId: string;
};

const address = { line1: '12 Oak Street', city: 'Springfield', zip: '12345', countryCode: 'US' };

const test = adminApiTest.extend<{ seeded: Seeded }>({
  seeded: async ({ database, fx }, use) => {
    const engine: EngineContext = { db: database.db, ipHashSalt: 'salt' };
    const shops: Shop[] = [];
    for (let i = 0; i < 2; i++) {
      const installed = await fx.installShop();
      shops.push({ ...installed, token: fx.emulator.sessionToken(installed.shop, { userId: '42' }) });
    }
    const [a, b] = shops as [Shop, Shop];
    const { programId } = await buildProgram(database.db, a.merchantId);
    const advocate = await buildAdvocate(database.db, a.merchantId, programId);
    const [advocateCustomer] = await rowsOf(database.db, 'customers', a.merchantId, {
      id: advocate.customerId,
    });
    // The advocate's own order, shipped to their address (nobody referred it).
    const own = orderFacts({
      customer: { id: advocateCustomer?.platformCustomerId ?? '', email: advocate.email },
      shippingAddress: address,
    });
    await deliver(engine, a.merchantId, { type: 'OrderPaid', ...own });
    const flagged = orderFacts({ referralCode: advocate.code, shippingAddress: address });
    await deliver(engine, a.merchantId, { type: 'OrderPaid', ...flagged });
    const clean = orderFacts({ referralCode: advocate.code });
    await deliver(engine, a.merchantId, { type: 'OrderPaid', ...clean });
    const uncredited = orderFacts();
    await deliver(engine, a.merchantId, { type: 'OrderPaid', ...uncredited });
    // The clean order is refunded in part.
    await deliver(engine, a.merchantId, {
      type: 'OrderRefunded',
      orderId: clean.orderId,
      refundId: `${clean.orderId}-r1`,
      amountMinor: 2_500,
      currency: 'USD',
      occurredAt: new Date(),
    });
    await use({
      a,
      b,
      flaggedOrderId: flagged.orderId,
      cleanOrderId: clean.orderId,
      uncreditedOrderId: uncredited.orderId,
      advocateOrderId: own.orderId,
    });
  },
});

const call = async (baseUrl: string, path: string, token?: string, body?: unknown) => {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const listOf = async (baseUrl: string, token: string, query = '') => {
  const res = await call(baseUrl, `/referrals${query}`, token);
  expect(res.status).toBe(200);
  return listReferralsResponseSchema.parse(res.body);
};

describe('referrals API', () => {
  test('every route answers 401 without a session token', async ({ baseUrl }) => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      '/referrals',
      `/referrals/${id}`,
      '/review-queue',
      '/review-queue/count',
      '/orders/1001/attribution',
    ]) {
      expect((await call(baseUrl, path)).status).toBe(401);
    }
    expect((await call(baseUrl, `/referrals/${id}/review`, undefined, { verdict: 'approve' })).status).toBe(
      401,
    );
  });

  test('the list filters by status, source and dates, pages with a cursor, and stays in its shop', async ({
    baseUrl,
    seeded,
  }) => {
    const { a, b } = seeded;
    const all = await listOf(baseUrl, a.token);
    expect(all.referrals.map((r) => r.orderId).sort()).toEqual(
      [seeded.cleanOrderId, seeded.flaggedOrderId].sort(),
    );
    expect(all.referrals[0]).toMatchObject({ totalMinor: 10_000, currency: 'USD', source: 'link' });
    expect(all.referrals[0]?.advocate?.email).toMatch(/@example\.com$/);
    expect((await listOf(baseUrl, b.token)).referrals).toHaveLength(0);

    const review = await listOf(baseUrl, a.token, '?status=review');
    expect(review.referrals.map((r) => r.orderId)).toEqual([seeded.flaggedOrderId]);
    expect((await listOf(baseUrl, a.token, '?status=review,approved')).referrals).toHaveLength(2);
    expect((await listOf(baseUrl, a.token, '?source=email')).referrals).toHaveLength(0);
    expect((await listOf(baseUrl, a.token, '?source=link')).referrals).toHaveLength(2);
    expect((await listOf(baseUrl, a.token, '?source=code')).referrals).toHaveLength(0);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect((await listOf(baseUrl, a.token, `?from=${tomorrow}`)).referrals).toHaveLength(0);
    expect((await listOf(baseUrl, a.token, `?from=${yesterday}&to=${tomorrow}`)).referrals).toHaveLength(2);

    // Pages: one at a time, newest first, then the end.
    const first = await listOf(baseUrl, a.token, '?limit=1');
    expect(first.referrals).toHaveLength(1);
    expect(first.pageInfo.nextCursor).toBeTruthy();
    const second = await listOf(baseUrl, a.token, `?limit=1&cursor=${first.pageInfo.nextCursor}`);
    expect(second.referrals).toHaveLength(1);
    expect(second.referrals[0]?.id).not.toBe(first.referrals[0]?.id);
    expect(second.pageInfo.nextCursor).toBeNull();
  });

  test('a bad filter is a 400 with field errors', async ({ baseUrl, seeded }) => {
    const bad = await call(baseUrl, '/referrals?status=lost&source=fax&limit=0', seeded.a.token);
    expect(bad.status).toBe(400);
    const fields = bad.body.fields as Record<string, string[]>;
    expect(Object.keys(fields).sort()).toEqual(['limit', 'source.0', 'status.0']);
    const range = await call(baseUrl, '/referrals?from=2026-05-02&to=2026-05-01', seeded.a.token);
    expect(range.status).toBe(400);
    expect(range.body.fields).toEqual({ to: ['The end date must be on or after the start date.'] });
    const cursor = await call(baseUrl, '/referrals?cursor=nonsense', seeded.a.token);
    expect(cursor.status).toBe(400);
    expect(cursor.body.fields).toHaveProperty('cursor');
  });

  test('the trail tells the whole story; another shop gets 404', async ({ baseUrl, seeded }) => {
    const { a, b } = seeded;
    const clean = (await listOf(baseUrl, a.token)).referrals.find((r) => r.orderId === seeded.cleanOrderId);
    const res = await call(baseUrl, `/referrals/${clean?.id}`, a.token);
    expect(res.status).toBe(200);
    const trail = referralTrailSchema.parse(res.body);
    expect(trail.attribution).toMatchObject({ credited: true, rule: 'last_touch' });
    expect(trail.attribution.signals[0]).toMatchObject({ source: 'link', eligible: true });
    expect(trail.attribution.reasons.length).toBeGreaterThan(0);
    expect(trail.transitions.map((t) => `${t.from ?? '-'}>${t.to}`)).toEqual([
      '->pending',
      'pending>qualified',
      'qualified>approved',
    ]);
    expect(trail.refunds).toEqual([expect.objectContaining({ amountMinor: 2_500, currency: 'USD' })]);
    expect(trail.order).toMatchObject({
      orderId: seeded.cleanOrderId,
      totalMinor: 10_000,
      refundedMinor: 2_500,
    });
    expect(trail.rewards.map((r) => r.recipient)).toEqual(['advocate']);
    const advocateReward = trail.rewards.find((r) => r.recipient === 'advocate');
    expect(advocateReward).toMatchObject({ status: 'held', amountMinor: 1000, reversedMinor: 250 });

    expect((await call(baseUrl, `/referrals/${clean?.id}`, b.token)).status).toBe(404);
    expect((await call(baseUrl, '/referrals/not-an-id', a.token)).status).toBe(404);
  });

  test('an uncredited order explains itself by its number; other shops learn nothing', async ({
    baseUrl,
    seeded,
  }) => {
    const res = await call(
      baseUrl,
      `/orders/${encodeURIComponent(`#${seeded.uncreditedOrderId}`)}/attribution`,
      seeded.a.token,
    );
    expect(res.status).toBe(200);
    const explanation = orderExplanationSchema.parse(res.body);
    expect(explanation).toMatchObject({
      credited: false,
      decidedBy: 'no_signals',
      referral: null,
      rewards: [],
    });
    expect(explanation.reasons.length).toBeGreaterThan(0);
    const credited = orderExplanationSchema.parse(
      (await call(baseUrl, `/orders/${seeded.cleanOrderId}/attribution`, seeded.a.token)).body,
    );
    expect(credited.referral?.status).toBe('approved');
    expect(
      (await call(baseUrl, `/orders/${seeded.uncreditedOrderId}/attribution`, seeded.b.token)).status,
    ).toBe(404);
    expect((await call(baseUrl, '/orders/no-such-order/attribution', seeded.a.token)).status).toBe(404);
  });

  test('the review queue shows the evidence; approving is audited, empties the queue and holds the reward', async ({
    baseUrl,
    seeded,
    database,
  }) => {
    const { a, b } = seeded;
    expect((await call(baseUrl, '/review-queue/count', a.token)).body).toEqual({ count: 1 });
    expect((await call(baseUrl, '/review-queue/count', b.token)).body).toEqual({ count: 0 });
    const queue = reviewQueueResponseSchema.parse((await call(baseUrl, '/review-queue', a.token)).body);
    expect(queue.referrals).toHaveLength(1);
    const [item] = queue.referrals;
    expect(item).toMatchObject({ orderId: seeded.flaggedOrderId, riskScore: 60, status: 'review' });
    expect(item?.findings).toEqual([
      {
        rule: 'self_address',
        score: 60,
        reason:
          "Possible self-referral: the order ships to an address on the advocate's own orders (shipping address springfield, 123**, US)",
        evidence: [
          { label: 'Shipping address', value: '12 oak st, springfield, 12345, US' },
          { label: "Same address on the advocate's orders", value: `#${seeded.advocateOrderId}` },
        ],
      },
    ]);
    expect(
      reviewQueueResponseSchema.parse((await call(baseUrl, '/review-queue', b.token)).body).referrals,
    ).toEqual([]);

    const path = `/referrals/${item?.id}/review`;
    const invalid = await call(baseUrl, path, a.token, { verdict: 'maybe', note: '  ' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields).toEqual({
      verdict: ['Choose approve or reject.'],
      note: ['Add a note saying why.'],
    });
    // Another shop cannot judge A's referral.
    expect((await call(baseUrl, path, b.token, { verdict: 'reject', note: 'no' })).status).toBe(404);

    const approved = await call(baseUrl, path, a.token, {
      verdict: 'approve',
      note: 'Flatmates, checked by phone.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ referral: { id: item?.id, status: 'approved' } });
    expect((await call(baseUrl, '/review-queue/count', a.token)).body).toEqual({ count: 0 });
    const again = await call(baseUrl, path, a.token, { verdict: 'reject', note: 'Changed my mind.' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/no longer waiting for review/);

    const [audit] = await rowsOf(database.db, 'audit_log', a.merchantId, { subjectId: item?.id ?? '' });
    expect(audit).toMatchObject({
      actor: 'staff:42',
      action: 'referral.approved',
      after: { status: 'approved', note: 'Flatmates, checked by phone.' },
    });

    const trail = referralTrailSchema.parse((await call(baseUrl, `/referrals/${item?.id}`, a.token)).body);
    expect(trail.transitions.map((t) => `${t.from ?? '-'}>${t.to}`)).toEqual([
      '->pending',
      'pending>review',
      'review>approved',
    ]);
    expect(trail.transitions[2]).toMatchObject({ actor: 'staff:42', note: 'Flatmates, checked by phone.' });
    expect(trail.findings[0]?.rule).toBe('self_address');
    expect(trail.rewards.find((r) => r.recipient === 'advocate')?.status).toBe('held');
  });
});
