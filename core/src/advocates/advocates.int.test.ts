import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, referralCodes } from '../db/schema/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant, buildProgram } from '../testing/index.js';
import { disableCode, enrollAdvocate, findActiveCode, rotateCode } from './index.js';

test('enrolment is idempotent, vanity codes are validated and unique, codes rotate and disable', async ({
  engine,
}) => {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const consentAt = new Date('2026-11-01T10:00:00Z');
  const first = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { email: 'Ann@Example.com' },
    consentAt,
  });
  expect(first.created).toBe(true);
  expect(first.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
  const again = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { email: 'ann@example.com' },
    consentAt,
  });
  expect(again).toEqual({ ...first, created: false });

  const vanity = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { email: 'bob@example.com' },
    consentAt,
    vanityCode: 'bob-rocks',
  });
  expect(vanity.code).toBe('BOBROCKS');
  expect((await findActiveCode(engine.db, merchant.id, ' bob rocks '))?.advocateId).toBe(vanity.advocateId);
  await expect(
    enrollAdvocate(engine.db, {
      merchantId: merchant.id,
      programId,
      customer: { email: 'eve@example.com' },
      consentAt,
      vanityCode: 'BOBROCKS',
    }),
  ).rejects.toMatchObject({ code: 'CONFLICT' });
  await expect(
    enrollAdvocate(engine.db, {
      merchantId: merchant.id,
      programId,
      customer: { email: 'eve@example.com' },
      consentAt,
      vanityCode: 'admin',
    }),
  ).rejects.toMatchObject({ code: 'INVALID_CODE' });

  const rotated = await rotateCode(engine.db, {
    merchantId: merchant.id,
    advocateId: first.advocateId,
    code: first.code!,
    actor: 'admin@shop',
  });
  expect(rotated).not.toBe(first.code);
  expect(await findActiveCode(engine.db, merchant.id, first.code!.toLowerCase())).toBeNull();
  expect((await findActiveCode(engine.db, merchant.id, rotated))?.advocateId).toBe(first.advocateId);
  await disableCode(engine.db, {
    merchantId: merchant.id,
    advocateId: first.advocateId,
    code: rotated,
    actor: 'admin@shop',
  });
  const active = await engine.db
    .select()
    .from(referralCodes)
    .where(and(eq(referralCodes.advocateId, first.advocateId), eq(referralCodes.status, 'active')));
  expect(active).toEqual([]);
  const actions = (await engine.db.select().from(auditLog).where(eq(auditLog.merchantId, merchant.id))).map(
    (a) => a.action,
  );
  expect(actions).toEqual(expect.arrayContaining(['advocate.enrolled', 'code.rotated', 'code.disabled']));
});
