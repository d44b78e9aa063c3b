import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sendHubSpotFetch, sendHubSpotWebhook, signHubSpotV3, webhookEvent } from './webhooks.js';

type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

const SECRET = 'client-secret-1';
let server: Server;
let base: string;
let received: Received[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
});

/** What an app computes from the request it received (the v3 recipe, independently of signHubSpotV3). */
function expectedSignature(request: Received): string {
  const timestamp = String(request.headers['x-hubspot-request-timestamp']);
  return createHmac('sha256', SECRET)
    .update(`${request.method}${base}${request.url}${request.body}${timestamp}`)
    .digest('base64');
}

describe('signed webhooks', () => {
  test('delivers a JSON array of events with a v3 signature over method, full URI, body and timestamp', async () => {
    const events = [
      webhookEvent({
        portalId: 7001,
        objectId: 501,
        subscriptionType: 'object.propertyChange',
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
      webhookEvent({ portalId: 7001, objectId: 77, subscriptionType: 'object.creation' }),
    ];
    const reply = await sendHubSpotWebhook({
      url: `${base}/webhooks/hubspot?x=1`,
      events,
      clientSecret: SECRET,
      timestamp: 1_790_000_000_000,
    });
    expect(reply.status).toBe(204);
    const [request] = received;
    if (!request) throw new Error('nothing received');
    expect(request.method).toBe('POST');
    expect(request.headers['x-hubspot-signature-version']).toBe('v3');
    expect(request.headers['x-hubspot-request-timestamp']).toBe('1790000000000');
    expect(request.headers['x-hubspot-signature-v3']).toBe(expectedSignature(request));
    const body = JSON.parse(request.body);
    expect(body).toEqual(events);
    expect(body[0]).toMatchObject({
      subscriptionType: 'object.propertyChange',
      propertyName: 'dealstage',
      propertyValue: 'closedwon',
      attemptNumber: 0,
      appId: expect.any(Number),
      eventId: expect.any(Number),
      occurredAt: expect.any(Number),
    });
  });

  test('a forged signature is sent as given, and the signing function depends on every part', async () => {
    const input = { clientSecret: SECRET, method: 'POST', uri: `${base}/w`, body: '[]', timestamp: 1 };
    const forged = signHubSpotV3({ ...input, clientSecret: 'wrong' });
    expect(forged).not.toBe(signHubSpotV3(input));
    expect(signHubSpotV3({ ...input, timestamp: 2 })).not.toBe(signHubSpotV3(input));
    await sendHubSpotWebhook({ url: `${base}/w`, events: [], clientSecret: SECRET, signature: forged });
    const [request] = received;
    expect(request?.headers['x-hubspot-signature-v3']).toBe(forged);
    expect(request && expectedSignature(request)).not.toBe(forged);
  });
});

describe('hubspot.fetch-style requests', () => {
  test('appends the account context to the query and signs the full URI', async () => {
    await sendHubSpotFetch({
      url: `${base}/cards/advocate?contactId=12`,
      method: 'POST',
      body: { action: 'resend' },
      clientSecret: SECRET,
      context: { portalId: 7001, userId: 5, userEmail: 'rep@example.com', appId: 42 },
    });
    const [request] = received;
    if (!request) throw new Error('nothing received');
    const query = new URL(request.url, base).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      contactId: '12',
      portalId: '7001',
      userId: '5',
      userEmail: 'rep@example.com',
      appId: '42',
    });
    expect(JSON.parse(request.body)).toEqual({ action: 'resend' });
    expect(request.headers['x-hubspot-signature-v3']).toBe(expectedSignature(request));
  });

  test('a GET has no body and is still signed', async () => {
    await sendHubSpotFetch({ url: `${base}/cards/summary`, method: 'GET', clientSecret: SECRET });
    const [request] = received;
    if (!request) throw new Error('nothing received');
    expect(request.body).toBe('');
    expect(request.headers['x-hubspot-signature-v3']).toBe(expectedSignature(request));
  });
});
