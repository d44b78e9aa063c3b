import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HubSpotEmulator, startHubSpotEmulator } from './server.js';

let emulator: HubSpotEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startHubSpotEmulator();
  emulator.addPortal(7501);
  token = emulator.issueTokens(7501).accessToken;
});
afterAll(() => emulator.close());

const post = (path: string, body: string, authorization = `Bearer ${token}`) =>
  fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body,
  });

describe('HubSpot emulator HTTP edge', () => {
  test('no bearer token: 401 INVALID_AUTHENTICATION, not counted against any portal', async () => {
    const res = await post('/crm/v3/objects/contacts/search', '{}', '');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    expect(emulator.stats(7501).requests).toBe(0);
  });

  test('malformed JSON: 400 VALIDATION_ERROR; a wrong shape names the field', async () => {
    const broken = await post('/crm/v3/objects/contacts/batch/upsert', '{"inputs": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
    const shape = await post(
      '/crm/v3/objects/contacts/batch/upsert',
      JSON.stringify({ inputs: [{ id: 1 }] }),
    );
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { message: string }).message).toMatch(/inputs\.0\.id/);
  });

  test('a path the emulator does not serve: 404 with the rate-limit headers', async () => {
    const res = await post('/crm/v3/objects/tickets', '{}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(emulator.stats(7501).byPath['POST /crm/v3/objects/tickets']).toBe(1);
  });
});

test('latencyMs holds every answer that long; the request is counted on arrival', async () => {
  const slow = await startHubSpotEmulator({ latencyMs: 150 });
  try {
    slow.addPortal(7502);
    const started = performance.now();
    const answer = fetch(`${slow.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${slow.issueTokens(7502).accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ inputs: [{ id: 'ann@example.com', idProperty: 'email', properties: {} }] }),
    });
    await new Promise((resolve) => setTimeout(resolve, 75));
    expect(slow.stats(7502).requests).toBe(1);
    expect((await answer).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  } finally {
    await slow.close();
  }
});
