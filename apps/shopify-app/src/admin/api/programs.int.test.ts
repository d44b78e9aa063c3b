// /api/programs*: auth, shop isolation, validation with field errors, versions, pause/resume and
// the audit trail, on real PostgreSQL through the whole Express app.
import { buildProgram, rowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import {
  createProgramResponseSchema,
  getProgramResponseSchema,
  listProgramsResponseSchema,
  publishVersionResponseSchema,
} from '../../admin/contract/index.js';
import { adminApiTest } from '../../testing/admin-api.js';

const test = adminApiTest;

type Call = { method?: 'GET' | 'POST'; body?: unknown; token?: string | undefined };
const call = async (baseUrl: string, path: string, { method = 'GET', body, token }: Call = {}) => {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const rules = (overrides: Record<string, unknown> = {}) => ({
  advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  friendReward: { kind: 'percent_discount', bps: 1500 },
  tiers: [{ atReferral: 5, bonus: { kind: 'gift_card', amountMinor: 2500 } }],
  eligibility: {
    newCustomersOnly: true,
    minimumOrderMinor: 5000,
    attributionWindowDays: 30,
    attributionModel: 'last_touch',
  },
  holdDays: 14,
  caps: { perAdvocatePerMonth: { count: 10 }, lifetime: { amountMinor: 50_000 } },
  fraud: { reviewAt: 50, rejectAt: 80, rules: { velocity: { enabled: false } } },
  ...overrides,
});

describe('/api/programs', () => {
  test('every route needs a session token', async ({ baseUrl, database }) => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', '/api/programs'],
      ['GET', `/api/programs/${id}`],
      ['POST', '/api/programs'],
      ['POST', `/api/programs/${id}/versions`],
      ['POST', `/api/programs/${id}/status`],
    ] as const) {
      const res = await call(baseUrl, path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await rowsOf(database.db, 'programs', id)).toHaveLength(0);
  });

  test('creates a programme, lists it and shows it, audited with the staff member', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const token = fx.emulator.sessionToken(shop, { userId: '42' });
    expect((await call(baseUrl, '/api/programs', { token })).body).toEqual({ programs: [] });

    const created = await call(baseUrl, '/api/programs', {
      method: 'POST',
      token,
      body: { name: 'Give 15 %, get $10', rules: rules() },
    });
    expect(created.status).toBe(201);
    const { programId } = createProgramResponseSchema.parse(created.body);

    const list = listProgramsResponseSchema.parse((await call(baseUrl, '/api/programs', { token })).body);
    expect(list.programs).toHaveLength(1);
    expect(list.programs[0]).toMatchObject({
      id: programId,
      name: 'Give 15 %, get $10',
      status: 'active',
      latestVersion: 1,
      scheduled: [],
      current: {
        version: 1,
        createdBy: 'staff:42',
        rules: { friendReward: { kind: 'percent_discount', bps: 1500 } },
      },
    });

    const detail = getProgramResponseSchema.parse(
      (await call(baseUrl, `/api/programs/${programId}`, { token })).body,
    );
    expect(detail.program.versions.map((v) => v.version)).toEqual([1]);
    expect(detail.program.current.rules.fraud.rules.velocity).toMatchObject({ enabled: false });

    const audit = await rowsOf(database.db, 'audit_log', merchantId, { subjectType: 'program' });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'program.created', actor: 'staff:42', subjectId: programId }),
    ]);
  });

  test('publishes versions now and from a later date; history is newest first', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const token = fx.emulator.sessionToken(shop, { userId: '7' });
    const { programId } = await buildProgram(database.db, merchantId);

    const now = await call(baseUrl, `/api/programs/${programId}/versions`, {
      method: 'POST',
      token,
      body: { rules: rules({ friendReward: { kind: 'percent_discount', bps: 2000 } }) },
    });
    expect(now.status).toBe(201);
    expect(publishVersionResponseSchema.parse(now.body).version).toBe(2);

    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await call(baseUrl, `/api/programs/${programId}/versions`, {
      method: 'POST',
      token,
      body: { rules: rules({ holdDays: 30 }), effectiveFrom: later },
    });
    expect(scheduled.status).toBe(201);

    const { program } = getProgramResponseSchema.parse(
      (await call(baseUrl, `/api/programs/${programId}`, { token })).body,
    );
    expect(program.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(program.current.version).toBe(2);
    expect(program.current.rules.friendReward).toEqual({ kind: 'percent_discount', bps: 2000 });
    expect(program.scheduled.map((v) => [v.version, new Date(v.effectiveFrom).toISOString()])).toEqual([
      [3, later],
    ]);

    const audit = await rowsOf(database.db, 'audit_log', merchantId, { action: 'program.version_published' });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor === 'staff:7')).toBe(true);
  });

  test('bad bodies get 400 with field errors and write nothing', async ({ fx, baseUrl, database }) => {
    const { shop, merchantId } = await fx.installShop();
    const token = fx.emulator.sessionToken(shop);
    const { programId } = await buildProgram(database.db, merchantId);

    const bad = await call(baseUrl, '/api/programs', {
      method: 'POST',
      token,
      body: {
        name: ' ',
        rules: rules({
          friendReward: { kind: 'percent_discount', bps: 20_000 },
          holdDays: -1,
          fraud: { reviewAt: 90, rejectAt: 80, rules: {} },
        }),
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('VALIDATION');
    expect(Object.keys(bad.body.fields as object)).toEqual(
      expect.arrayContaining(['name', 'rules.friendReward.bps', 'rules.holdDays', 'rules.fraud.reviewAt']),
    );

    const neither = await call(baseUrl, `/api/programs/${programId}/versions`, {
      method: 'POST',
      token,
      body: { rules: rules({ advocateReward: null, friendReward: null }) },
    });
    expect(neither.status).toBe(400);
    expect(neither.body.fields).toHaveProperty(['rules.advocateReward']);

    const past = await call(baseUrl, `/api/programs/${programId}/versions`, {
      method: 'POST',
      token,
      body: { rules: rules(), effectiveFrom: '2020-01-01T00:00:00.000Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.fields).toHaveProperty(['effectiveFrom']);

    const status = await call(baseUrl, `/api/programs/${programId}/status`, {
      method: 'POST',
      token,
      body: { status: 'deleted' },
    });
    expect(status.status).toBe(400);
    expect(status.body.fields).toHaveProperty(['status']);

    expect(await rowsOf(database.db, 'programs', merchantId)).toHaveLength(1);
    expect(await rowsOf(database.db, 'program_versions', merchantId)).toHaveLength(1);
    expect(await rowsOf(database.db, 'audit_log', merchantId, { actor: 'staff:1' })).toHaveLength(0);
  });

  test('pause and resume, audited; the same status twice changes nothing', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const token = fx.emulator.sessionToken(shop, { userId: '9' });
    const { programId } = await buildProgram(database.db, merchantId);
    const set = (status: string) =>
      call(baseUrl, `/api/programs/${programId}/status`, { method: 'POST', token, body: { status } });

    expect((await set('paused')).body).toEqual({ programId, status: 'paused' });
    expect((await set('paused')).status).toBe(200);
    const paused = getProgramResponseSchema.parse(
      (await call(baseUrl, `/api/programs/${programId}`, { token })).body,
    );
    expect(paused.program.status).toBe('paused');
    expect((await set('active')).body).toEqual({ programId, status: 'active' });

    const audit = await rowsOf(database.db, 'audit_log', merchantId, { actor: 'staff:9' });
    expect(audit.map((a) => a.action).sort()).toEqual(['program.paused', 'program.resumed']);
  });

  test("another shop's programme is not found, and is left untouched", async ({ fx, baseUrl, database }) => {
    const a = await fx.installShop();
    const b = await fx.installShop();
    const { programId } = await buildProgram(database.db, b.merchantId);
    const token = fx.emulator.sessionToken(a.shop);

    expect((await call(baseUrl, '/api/programs', { token })).body).toEqual({ programs: [] });
    for (const path of [`/api/programs/${programId}`, '/api/programs/not-an-id']) {
      const res = await call(baseUrl, path, { token });
      expect(res.status, path).toBe(404);
    }
    const publish = await call(baseUrl, `/api/programs/${programId}/versions`, {
      method: 'POST',
      token,
      body: { rules: rules() },
    });
    expect(publish.status).toBe(404);
    const pause = await call(baseUrl, `/api/programs/${programId}/status`, {
      method: 'POST',
      token,
      body: { status: 'paused' },
    });
    expect(pause.status).toBe(404);

    const [program] = await rowsOf(database.db, 'programs', b.merchantId);
    expect(program?.status).toBe('active');
    expect(await rowsOf(database.db, 'program_versions', b.merchantId)).toHaveLength(1);
    expect(await rowsOf(database.db, 'audit_log', a.merchantId, { subjectType: 'program' })).toHaveLength(0);
  });
});
