import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { clicks, referralCodes } from '../db/schema/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildAdvocate, buildMerchant, buildProgram } from '../testing/index.js';
import { ClickWriter } from './click-writer.js';

async function setup(engine: { db: import('../db/client.js').Database }) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocate = await buildAdvocate(engine.db, merchant.id, programId);
  const [code] = await engine.db
    .select()
    .from(referralCodes)
    .where(eq(referralCodes.advocateId, advocate.advocateId));
  return { merchantId: merchant.id, advocateId: advocate.advocateId, codeId: code!.id };
}

const countFor = async (db: import('../db/client.js').Database, merchantId: string) =>
  (
    await db.select({ n: sql<number>`count(*)::int` }).from(clicks).where(eq(clicks.merchantId, merchantId))
  )[0]?.n;

test('record() returns at once; clicks are written in batches and close() drains every one', async ({
  engine,
}) => {
  const target = await setup(engine);
  const writer = new ClickWriter(engine.db, { ipHashSalt: 's', batchSize: 200, flushIntervalMs: 10_000 });
  for (let i = 0; i < 2_345; i++)
    writer.record({ ...target, visitorId: `v${i}`, ip: '198.51.100.7', userAgent: 'ua' });
  await writer.close();
  expect(await countFor(engine.db, target.merchantId)).toBe(2_345);
  const [one] = await engine.db
    .select()
    .from(clicks)
    .where(eq(clicks.merchantId, target.merchantId))
    .limit(1);
  expect(one?.ipHash).not.toContain('198.51');
  expect(() => writer.record({ ...target, visitorId: 'late' })).toThrow(/closed/);
});

test('a failed flush keeps its clicks and the next flush writes them', async ({ engine }) => {
  const target = await setup(engine);
  const writer = new ClickWriter(engine.db, { ipHashSalt: 's', batchSize: 10_000, flushIntervalMs: 10_000 });
  for (let i = 0; i < 50; i++) writer.record({ ...target, visitorId: `v${i}` });
  await engine.db.execute(sql`ALTER TABLE clicks RENAME TO clicks_away`);
  await expect(writer.flush()).rejects.toThrow();
  expect(writer.pending).toBe(50);
  await engine.db.execute(sql`ALTER TABLE clicks_away RENAME TO clicks`);
  await writer.close();
  expect(await countFor(engine.db, target.merchantId)).toBe(50);
});
