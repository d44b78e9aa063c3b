// autocannon's per-request hook for the webhooks benchmark. It runs in autocannon's worker
// thread, which `require`s hooks by file path (hence CommonJS): every request gets a new event
// id, as Shopify sends.
import crypto = require('node:crypto');

type RawRequest = { headers?: Record<string, string> };

function setupRequest(request: RawRequest): RawRequest {
  request.headers = {
    ...request.headers,
    'x-shopify-event-id': crypto.randomUUID(),
    'x-shopify-webhook-id': crypto.randomUUID(),
  };
  return request;
}

export = setupRequest;
