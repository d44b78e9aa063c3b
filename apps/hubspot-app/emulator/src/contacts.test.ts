import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HubSpotEmulator, startHubSpotEmulator } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: responses and error bodies are read field by field.
type Json = any;

const PORTAL = 7201;
let clock = Date.parse('2026-11-01T00:00:00Z');
let emulator: HubSpotEmulator;
let client: Client;

beforeAll(async () => {
  emulator = await startHubSpotEmulator({ now: () => clock });
  const portal = emulator.addPortal(PORTAL);
  portal.contactProperties.addGroup({ name: 'referrals', label: 'Referrals' });
  for (const [name, type, fieldType] of [
    ['referral_code', 'string', 'text'],
    ['referral_count', 'number', 'number'],
  ] as const) {
    portal.contactProperties.create({ name, label: name, type, fieldType, groupName: 'referrals' });
  }
  portal.contactProperties.create({
    name: 'referral_tier',
    label: 'Tier',
    type: 'enumeration',
    fieldType: 'select',
    groupName: 'referrals',
    options: [
      { label: 'Bronze', value: 'bronze' },
      { label: 'Gold', value: 'gold' },
    ],
  });
  client = new Client({ accessToken: emulator.issueTokens(PORTAL).accessToken, basePath: emulator.url });
});
afterAll(() => emulator.close());

async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Json }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; body: Json };
  }
  throw new Error('expected the call to fail');
}

const byEmail = (email: string, properties: Record<string, unknown>) =>
  ({ id: email, idProperty: 'email', properties }) as Json;
const upsert = (inputs: Json[]) => client.crm.contacts.batchApi.upsert({ inputs });

describe('contacts batch upsert', () => {
  test('more than 100 inputs fail the batch with 400 VALIDATION_ERROR', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => byEmail(`bulk${i}@example.com`, { firstname: 'B' }));
    const refused = await failure(upsert(inputs));
    expect(refused.code).toBe(400);
    expect(refused.body.category).toBe('VALIDATION_ERROR');
    expect(emulator.portal(PORTAL).contacts.records.size).toBe(0);
    const hundred = await upsert(inputs.slice(0, 100));
    expect(hundred.results).toHaveLength(100);
  });

  test('two inputs that resolve to one contact fail the whole batch with 400', async () => {
    const before = emulator.portal(PORTAL).contacts.records.size;
    const sameEmail = await failure(
      upsert([
        byEmail(' Ann@Example.com ', { firstname: 'A' }),
        byEmail('ann@example.com', { firstname: 'B' }),
      ]),
    );
    expect(sameEmail.code).toBe(400);
    expect(sameEmail.body.message).toMatch(/^Duplicate IDs found in batch input/);
    const existing = emulator.portal(PORTAL).contactByEmail('bulk1@example.com');
    const emailAndId = await failure(
      upsert([
        byEmail('bulk1@example.com', { firstname: 'A' }),
        { id: existing?.id, properties: { firstname: 'B' } },
      ]),
    );
    expect(emailAndId.code).toBe(400);
    expect(emulator.portal(PORTAL).contacts.records.size).toBe(before);
  });

  test('invalid inputs are refused one by one (207) and the others applied', async () => {
    const result: Json = await upsert([
      byEmail('Bob@Example.com', { firstname: 'Bob', referral_code: 'BOB-1', referral_count: '1' }),
      byEmail('carol@example.com', { nope: 'x' }),
      byEmail('dave@example.com', { referral_count: 'abc' }),
      byEmail('erin@example.com', { referral_tier: 'platinum' }),
      byEmail('frank@example.com', { referral_count: 3, referral_tier: 'gold', referral_code: 'BOB-1' }),
      byEmail('not-an-email', { firstname: 'X' }),
    ]);
    expect(result.status).toBe('COMPLETE');
    expect(result.results.map((r: Json) => [r.properties.email, r._new])).toEqual([
      ['bob@example.com', true],
      ['frank@example.com', true],
    ]);
    expect(result.results[1].properties.referral_count).toBe('3');
    expect(result.numErrors).toBe(4);
    expect(result.errors.map((e: Json) => [e.category, e.context.ids[0], e.errors[0].code])).toEqual([
      ['VALIDATION_ERROR', 'carol@example.com', 'PROPERTY_DOESNT_EXIST'],
      ['VALIDATION_ERROR', 'dave@example.com', 'INVALID_INTEGER'],
      ['VALIDATION_ERROR', 'erin@example.com', 'INVALID_OPTION'],
      ['VALIDATION_ERROR', 'not-an-email', 'INVALID_EMAIL'],
    ]);
    expect(result.errors[1].message).toMatch(/^Property values were not valid: /);
    const portal = emulator.portal(PORTAL);
    expect(['carol', 'dave', 'erin'].map((n) => portal.contactByEmail(`${n}@example.com`))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('a second upsert updates the contact, bumps lastmodifieddate and adds history', async () => {
    clock += 60_000;
    const result = await upsert([byEmail('bob@example.com', { referral_count: '2' })]);
    const bob = emulator.portal(PORTAL).contactByEmail('bob@example.com');
    expect(result.results[0]).toMatchObject({ id: bob?.id, _new: false });
    expect(bob?.writes).toBe(2);
    expect(bob?.history.get('referral_count')?.map((h) => h.value)).toEqual(['1', '2']);
    expect(bob?.values.get('lastmodifieddate')).toBe(new Date(clock).toISOString());
    expect(bob?.history.get('referral_count')?.[1]).toMatchObject({
      sourceType: 'INTEGRATION',
      sourceId: String(emulator.appId),
    });
  });
});

describe('contacts reads', () => {
  test('batch read by email (case-insensitive) lists unknown emails in a 207 error', async () => {
    const result: Json = await client.crm.contacts.batchApi.read({
      idProperty: 'email',
      inputs: [{ id: 'BOB@example.com' }, { id: 'ghost@example.com' }],
      properties: ['referral_count', 'referral_tier'],
      propertiesWithHistory: ['referral_count'],
    });
    expect(result.results).toHaveLength(1);
    expect(result.results[0].properties).toMatchObject({
      email: 'bob@example.com',
      referral_count: '2',
      referral_tier: null,
    });
    expect(result.results[0].propertiesWithHistory.referral_count.map((h: Json) => h.value)).toEqual([
      '2',
      '1',
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['ghost@example.com'] } }),
    ]);
  });

  test('GET by id and by email; 404 for an unknown id', async () => {
    const bob = emulator.portal(PORTAL).contactByEmail('bob@example.com');
    const byId = await client.crm.contacts.basicApi.getById(bob?.id ?? '', ['referral_code']);
    expect(byId.properties).toMatchObject({ referral_code: 'BOB-1', hs_object_id: bob?.id });
    const viaEmail = await client.crm.contacts.basicApi.getById(
      'Bob@example.com',
      undefined,
      undefined,
      undefined,
      false,
      'email',
    );
    expect(viaEmail.id).toBe(bob?.id);
    const missing = await failure(client.crm.contacts.basicApi.getById('999999'));
    expect(missing.code).toBe(404);
    expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
  });

  test('search: EQ filters ignore case, pages with after', async () => {
    const request = (after?: string) =>
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'referral_code', operator: 'EQ', value: 'bob-1' }] }],
        properties: ['email'],
        limit: 1,
        ...(after ? { after } : {}),
      } as Json);
    const first = await request();
    expect(first.total).toBe(2);
    expect(first.results[0]?.properties.email).toBe('bob@example.com');
    const second = await request(first.paging?.next?.after);
    expect(second.results[0]?.properties.email).toBe('frank@example.com');
    expect(second.paging).toBeUndefined();
  });
});

test('invalidBatchInputs: reject-batch refuses the whole upsert with 400', async () => {
  const strict = await startHubSpotEmulator({ invalidBatchInputs: 'reject-batch' });
  try {
    strict.addPortal(1);
    const strictClient = new Client({ accessToken: strict.issueTokens(1).accessToken, basePath: strict.url });
    const refused = await failure(
      strictClient.crm.contacts.batchApi.upsert({
        inputs: [byEmail('ok@example.com', { firstname: 'Ok' }), byEmail('bad@example.com', { nope: 'x' })],
      }),
    );
    expect(refused.code).toBe(400);
    expect(refused.body.message).toMatch(/PROPERTY_DOESNT_EXIST/);
    expect(strict.portal(1).contacts.records.size).toBe(0);
  } finally {
    await strict.close();
  }
});
