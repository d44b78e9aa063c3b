// Signed requests the way HubSpot sends them to an app: webhook deliveries (a JSON array of
// events) and hubspot.fetch calls from app cards, both signed with signature v3:
// base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), timestamp in epoch ms.
import { createHmac, randomInt } from 'node:crypto';

export type HubSpotWebhookEvent = {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  /** Epoch ms. */
  occurredAt: number;
  subscriptionType: 'object.propertyChange' | 'object.creation' | (string & {});
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  sourceId?: string;
};

export type SignatureInput = {
  clientSecret: string;
  method: string;
  /** The full URI HubSpot called, scheme, host and query included. */
  uri: string;
  body: string;
  timestamp: number;
};

/** The X-HubSpot-Signature-v3 value; exported so tests can forge wrong ones on purpose. */
export function signHubSpotV3(input: SignatureInput): string {
  return createHmac('sha256', input.clientSecret)
    .update(`${input.method}${input.uri}${input.body}${input.timestamp}`, 'utf8')
    .digest('base64');
}

/** The headers HubSpot adds to a signed request. */
export function hubSpotSignatureHeaders(input: SignatureInput): Record<string, string> {
  return {
    'X-HubSpot-Signature-v3': signHubSpotV3(input),
    'X-HubSpot-Request-Timestamp': String(input.timestamp),
    'X-HubSpot-Signature-Version': 'v3',
  };
}

/** A webhook event with HubSpot-like defaults; ids are random unless given. */
export function webhookEvent(
  fields: Pick<HubSpotWebhookEvent, 'portalId' | 'objectId' | 'subscriptionType'> &
    Partial<HubSpotWebhookEvent>,
): HubSpotWebhookEvent {
  return {
    eventId: randomInt(1, 2 ** 31),
    subscriptionId: randomInt(1, 2 ** 31),
    appId: 4_242_001,
    occurredAt: Date.now(),
    attemptNumber: 0,
    changeSource: 'CRM_UI',
    ...fields,
  };
}

export type WebhookDelivery = {
  url: string;
  events: HubSpotWebhookEvent[];
  clientSecret: string;
  /** Epoch ms; defaults to now. Pass an old one to test replay rejection. */
  timestamp?: number;
  method?: 'POST';
  /** Replace the computed signature, e.g. to test that a forged one is refused. */
  signature?: string;
};

export type SignedReply = { status: number; body: string };

export async function sendHubSpotWebhook(delivery: WebhookDelivery): Promise<SignedReply> {
  const body = JSON.stringify(delivery.events);
  const method = delivery.method ?? 'POST';
  const timestamp = delivery.timestamp ?? Date.now();
  const headers = hubSpotSignatureHeaders({
    clientSecret: delivery.clientSecret,
    method,
    uri: delivery.url,
    body,
    timestamp,
  });
  if (delivery.signature !== undefined) headers['X-HubSpot-Signature-v3'] = delivery.signature;
  const res = await fetch(delivery.url, {
    method,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'HubSpot Connect 2.0 (emulator)',
      ...headers,
    },
  });
  return { status: res.status, body: await res.text() };
}

export type HubSpotFetch = {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON-serialisable body (hubspot.fetch sends JSON). */
  body?: unknown;
  clientSecret: string;
  timestamp?: number;
  /** Query parameters HubSpot appends to hubspot.fetch calls (unconfirmed list); signed as part of the URI. */
  context?: { portalId: number; userId?: number; userEmail?: string; appId?: number };
  signature?: string;
};

/** An app card's hubspot.fetch call as our backend receives it. */
export async function sendHubSpotFetch(call: HubSpotFetch): Promise<SignedReply> {
  const url = new URL(call.url);
  for (const [key, value] of Object.entries(call.context ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const method = call.method ?? 'POST';
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const timestamp = call.timestamp ?? Date.now();
  const uri = url.toString();
  const headers = hubSpotSignatureHeaders({ clientSecret: call.clientSecret, method, uri, body, timestamp });
  if (call.signature !== undefined) headers['X-HubSpot-Signature-v3'] = call.signature;
  const res = await fetch(uri, {
    method,
    ...(body === '' ? {} : { body }),
    headers: { ...(body === '' ? {} : { 'content-type': 'application/json' }), ...headers },
  });
  return { status: res.status, body: await res.text() };
}
