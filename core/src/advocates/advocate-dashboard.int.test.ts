// getAdvocateDashboard and findCodeOwner on real PostgreSQL: referrals made through the engine,
// friends masked, held rewards with their release date, totals, and merchant isolation.
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { EngineContext } from '../context.js';
import { advocates, rewards } from '../db/schema/index.js';
import { releaseReward } from '../rewards/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant, buildProgram, deliver, orderFacts } from '../testing/index.js';
import {
  disableCode,
  enrollAdvocate,
  findAdvocateLinkCode,
  findCodeOwner,
  getAdvocateDashboard,
  rotateCode,
} from './index.js';

const DAY = 86_400_000;

async function enrolled(engine: EngineContext, platformCustomerId: string, firstName?: string) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId, email: `${platformCustomerId}@example.com`, firstName },
    consentAt: new Date('2026-01-01T00:00:00Z'),
  });
  return { merchant, programId, advocate, code: advocate.code! };
}

test('a customer who is not an advocate has no dashboard', async ({ engine }) => {
  const merchant = await buildMerchant(engine.db);
  expect(
    await getAdvocateDashboard(engine.db, { merchantId: merchant.id, platformCustomerId: '1' }),
  ).toBeNull();
});

test('the dashboard lists codes, masked friends, held and issued rewards and totals per currency', async ({
  engine,
}) => {
  const { merchant, advocate, code } = await enrolled(engine, '7001', 'Ada');
  const m = merchant.id;
  // Two friends buy with the code: one with a known first name, one known only by email.
  const named = orderFacts({
    referralCode: code,
    customer: { id: 'f-1', email: 'zoe@example.net', firstName: 'Zoe' },
  });
  const anonymous = orderFacts({ referralCode: code, customer: { email: 'Bob.Smith@Example.org' } });
  expect(await deliver(engine, m, { type: 'OrderPaid', ...named })).toEqual({ status: 'processed' });
  expect(await deliver(engine, m, { type: 'OrderPaid', ...anonymous })).toEqual({ status: 'processed' });

  const [first] = await engine.db
    .select()
    .from(rewards)
    .where(and(eq(rewards.merchantId, m), eq(rewards.recipient, 'advocate')))
    .orderBy(rewards.createdAt);
  const later: EngineContext = { ...engine, now: () => new Date(Date.now() + 15 * DAY) };
  expect(await releaseReward(later, { merchantId: m, rewardId: first!.id })).toBe('released');

  const dashboard = await getAdvocateDashboard(engine.db, { merchantId: m, platformCustomerId: '7001' });
  expect(dashboard?.advocate).toMatchObject({ id: advocate.advocateId, firstName: 'Ada', status: 'active' });
  expect(dashboard?.codes).toEqual([expect.objectContaining({ code, status: 'active', kind: 'generated' })]);
  expect(dashboard?.linkCode).toBe(code);
  expect(dashboard?.referrals.map((r) => r.friendLabel).sort()).toEqual(['Zoe', 'b***@example.org']);
  expect(JSON.stringify(dashboard)).not.toMatch(/zoe@example\.net|bob\.?smith/i);
  // Friend rewards (the 15 % discount) are not the advocate's.
  expect(dashboard?.rewards).toHaveLength(2);
  const byStatus = Object.fromEntries(dashboard!.rewards.map((r) => [r.status, r]));
  expect(byStatus.released).toMatchObject({ id: first!.id, amountMinor: 1000, currency: 'USD' });
  expect(byStatus.held?.holdUntil.getTime()).toBeGreaterThan(Date.now() + 13 * DAY);
  expect(dashboard?.totals).toEqual([{ currency: 'USD', earnedMinor: 0, pendingMinor: 2000 }]);

  // Another merchant's customer with the same platform id sees nothing of this one.
  const other = await buildMerchant(engine.db);
  expect(
    await getAdvocateDashboard(engine.db, { merchantId: other.id, platformCustomerId: '7001' }),
  ).toBeNull();
});

test('findCodeOwner names the advocate by first name only, and not for a disabled code or a suspended advocate', async ({
  engine,
}) => {
  const { merchant, programId, advocate, code } = await enrolled(engine, '7002', '  Grace ');
  const m = merchant.id;
  expect(await findCodeOwner(engine.db, m, code.toLowerCase())).toEqual({
    code,
    advocateId: advocate.advocateId,
    programId,
    firstName: 'Grace',
  });
  expect(await findCodeOwner(engine.db, (await buildMerchant(engine.db)).id, code)).toBeNull();

  await engine.db.update(advocates).set({ status: 'suspended' }).where(eq(advocates.id, advocate.advocateId));
  expect(await findCodeOwner(engine.db, m, code)).toBeNull();
  await engine.db.update(advocates).set({ status: 'active' }).where(eq(advocates.id, advocate.advocateId));
  await disableCode(engine.db, { merchantId: m, advocateId: advocate.advocateId, code, actor: 'test' });
  expect(await findCodeOwner(engine.db, m, code)).toBeNull();
});

test('findAdvocateLinkCode follows rotation and answers null once suspended or disabled', async ({
  engine,
}) => {
  const { merchant, advocate, code } = await enrolled(engine, '7003');
  const m = merchant.id;
  const ask = () => findAdvocateLinkCode(engine.db, { merchantId: m, platformCustomerId: '7003' });
  expect(await ask()).toBe(code);
  expect(await findAdvocateLinkCode(engine.db, { merchantId: m, platformCustomerId: '7004' })).toBeNull();
  const rotated = await rotateCode(engine.db, {
    merchantId: m,
    advocateId: advocate.advocateId,
    code,
    actor: 'test',
  });
  expect(await ask()).toBe(rotated);
  const dashboard = await getAdvocateDashboard(engine.db, { merchantId: m, platformCustomerId: '7003' });
  expect(dashboard?.codes.map((c) => [c.code, c.status])).toEqual([
    [code, 'disabled'],
    [rotated, 'active'],
  ]);
  expect(dashboard?.linkCode).toBe(rotated);

  await engine.db.update(advocates).set({ status: 'suspended' }).where(eq(advocates.id, advocate.advocateId));
  expect(await ask()).toBeNull();
  expect(
    (await getAdvocateDashboard(engine.db, { merchantId: m, platformCustomerId: '7003' }))?.linkCode,
  ).toBeNull();
  await engine.db.update(advocates).set({ status: 'active' }).where(eq(advocates.id, advocate.advocateId));
  await disableCode(engine.db, {
    merchantId: m,
    advocateId: advocate.advocateId,
    code: rotated,
    actor: 'test',
  });
  expect(await ask()).toBeNull();
});
