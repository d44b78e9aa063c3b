import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SCOPES, type HubSpotEmulator, startHubSpotEmulator } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: error bodies are read field by field in assertions.
type Json = any;

const PORTAL = 7101;
let emulator: HubSpotEmulator;
let client: Client;

beforeAll(async () => {
  emulator = await startHubSpotEmulator();
  emulator.addPortal(PORTAL);
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

const property = (name: string, overrides: Record<string, unknown> = {}) =>
  ({ name, label: name, type: 'string', fieldType: 'text', groupName: 'referrals', ...overrides }) as Json;

describe('properties API through @hubspot/api-client', () => {
  test('creates a group (201) and answers 409 OBJECT_ALREADY_EXISTS for the same name', async () => {
    const group = await client.crm.properties.groupsApi.create('contacts', {
      name: 'referrals',
      label: 'Referrals',
      displayOrder: -1,
    });
    expect(group).toMatchObject({ name: 'referrals', label: 'Referrals', archived: false });
    const again = await failure(
      client.crm.properties.groupsApi.create('contacts', {
        name: 'referrals',
        label: 'Referrals',
        displayOrder: -1,
      }),
    );
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });
    expect((await client.crm.properties.groupsApi.getByName('contacts', 'referrals')).label).toBe(
      'Referrals',
    );
    expect((await failure(client.crm.properties.groupsApi.getByName('contacts', 'nope'))).code).toBe(404);
  });

  test('creates a property, reads it back, and refuses the same name with 409', async () => {
    const created = await client.crm.properties.coreApi.create('contacts', property('referral_code'));
    expect(created).toMatchObject({
      name: 'referral_code',
      type: 'string',
      fieldType: 'text',
      groupName: 'referrals',
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    const read = await client.crm.properties.coreApi.getByName('contacts', 'referral_code');
    expect(read.modificationMetadata).toMatchObject({ readOnlyValue: false, archivable: true });
    const duplicate = await failure(
      client.crm.properties.coreApi.create('contacts', property('referral_code')),
    );
    expect(duplicate.code).toBe(409);
    expect(duplicate.body.category).toBe('OBJECT_ALREADY_EXISTS');
    const all = await client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.map((p) => p.name)).toEqual(
      expect.arrayContaining(['email', 'firstname', 'referral_code']),
    );
  });

  test.each([
    ['an invalid name', property('Referral-Code')],
    ['an unknown type', property('x_type', { type: 'money' })],
    ['a fieldType the type does not take', property('x_field', { type: 'number', fieldType: 'text' })],
    ['a bool shown as a select', property('x_bool', { type: 'bool', fieldType: 'select' })],
    ['a missing group', property('x_group', { groupName: 'nowhere' })],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_case, input) => {
    const refused = await failure(client.crm.properties.coreApi.create('contacts', input));
    expect(refused.code).toBe(400);
    expect(refused.body.category).toBe('VALIDATION_ERROR');
  });

  test('batch create answers 201 when all are new and 207 with a per-input error for a duplicate', async () => {
    const fresh = await client.crm.properties.batchApi.create('contacts', {
      inputs: [
        property('referral_count', { type: 'number', fieldType: 'number' }),
        property('referral_tier', {
          type: 'enumeration',
          fieldType: 'select',
          options: [
            { label: 'Bronze', value: 'bronze', displayOrder: 0, hidden: false },
            { label: 'Gold', value: 'gold', displayOrder: 1, hidden: false },
          ],
        }),
      ],
    });
    expect(fresh.status).toBe('COMPLETE');
    expect(fresh.results.map((p) => p.name)).toEqual(['referral_count', 'referral_tier']);
    expect('errors' in fresh).toBe(false);

    const mixed: Json = await client.crm.properties.batchApi.create('contacts', {
      inputs: [
        property('referral_count', { type: 'number', fieldType: 'number' }),
        property('referral_link'),
      ],
    });
    expect(mixed.results.map((p: Json) => p.name)).toEqual(['referral_link']);
    expect(mixed.numErrors).toBe(1);
    expect(mixed.errors[0]).toMatchObject({
      status: 'error',
      category: 'OBJECT_ALREADY_EXISTS',
      context: { name: ['referral_count'] },
    });
    // The raw status is 207 Multi-Status.
    const raw = await fetch(`${emulator.url}/crm/v3/properties/contacts/batch/create`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.issueTokens(PORTAL).accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ inputs: [property('referral_link'), property('referral_source')] }),
    });
    expect(raw.status).toBe(207);
  });

  test('at most 10 custom unique-value properties per object', async () => {
    const inputs = Array.from({ length: 11 }, (_, i) => property(`unique_${i}`, { hasUniqueValue: true }));
    const scopes = [...DEFAULT_SCOPES, 'crm.schemas.deals.write'];
    const dealsAdmin = new Client({
      accessToken: emulator.issueTokens(PORTAL, { scopes }).accessToken,
      basePath: emulator.url,
    });
    const result: Json = await dealsAdmin.crm.properties.batchApi.create('deals', {
      inputs: inputs.map((p) => ({ ...p, groupName: 'dealinformation' })),
    });
    expect(result.results).toHaveLength(10);
    expect(result.errors[0].message).toMatch(/maximum of 10 unique value properties/);
  });
});
