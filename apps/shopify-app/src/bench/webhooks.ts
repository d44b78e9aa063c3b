// `npm run bench -- webhooks [--rate R] [--duration S] [--connections C]`: signed orders/paid
// webhooks offered at a fixed rate (autocannon's overallRate, in a worker thread) to the real app
// (createShopifyApp) on a loopback port, on a fresh PostgreSQL database. Measures how fast
// Shopify's delivery is acknowledged (HMAC check, zod parse, inbox insert); the worker is not
// running, so nothing else competes. Each request carries a new X-Shopify-Event-Id; afterwards
// the inbox must hold exactly one row per acknowledged request.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { countInboundEvents } from '@referrals/core';
import { buildMerchant, createTestDatabase } from '@referrals/core/testing';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createShopifyApp } from '../server.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '20' },
  },
  allowPositionals: true,
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const connections = Number(values.connections);
const progress = (line: string) => console.log(`[webhooks] ${line}`);
const SECRET = 'bench-webhook-secret';
const setupRequestPath = fileURLToPath(new URL('./webhook-event-id.cjs', import.meta.url));

const database = await createTestDatabase();
try {
  const merchant = await buildMerchant(database.db);
  const shop = merchant.shopDomain ?? '';
  const app = createShopifyApp({ db: database.db, logger: pino({ level: 'warn' }), apiSecret: SECRET });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

  // A realistic orders/paid body (about 2 KB, like Shopify's with the fields we read and more).
  const body = JSON.stringify({
    id: 5_678_901_234_567,
    name: '#9999',
    email: 'friend@example.org',
    created_at: new Date().toISOString(),
    processed_at: new Date().toISOString(),
    currency: 'USD',
    total_price: '199.00',
    subtotal_price: '189.00',
    financial_status: 'paid',
    browser_ip: '203.0.113.7',
    landing_site: '/?ref=ABCDEFGH&rv=3b241101-e2bb-4255-8caf-4136c566a962',
    note_attributes: [
      { name: '_referral_code', value: 'ABCDEFGH' },
      { name: '_referral_visitor', value: '3b241101-e2bb-4255-8caf-4136c566a962' },
    ],
    discount_codes: [{ code: 'WELCOME15', amount: '10.00', type: 'percentage' }],
    customer: { id: 7_012_345_678_901, email: 'friend@example.org', first_name: 'Bob', orders_count: 1 },
    shipping_address: { address1: '1 Main St', city: 'Springfield', zip: '12345', country_code: 'US' },
    line_items: Array.from({ length: 4 }, (_, i) => ({
      id: 466157049 + i,
      title: `Product ${i}`,
      quantity: 1,
      price: '47.25',
      sku: `SKU-${i}`,
      vendor: 'Bench',
    })),
  });
  const hmac = createHmac('sha256', SECRET).update(body).digest('base64');
  progress(
    `${Buffer.byteLength(body)}-byte bodies at ${rate}/s for ${duration} s over ${connections} connections`,
  );

  const warm = await autocannon({
    url,
    method: 'POST',
    connections,
    overallRate: rate,
    amount: rate * 2,
    workers: 1,
    headers: signedHeaders(shop, hmac),
    body,
    requests: [{ setupRequest: setupRequestPath }],
  });
  progress(`warm-up (counted in "stored", not in latency): p99 ${warm.latency.p99} ms`);
  const run = await autocannon({
    url,
    method: 'POST',
    connections,
    overallRate: rate,
    amount: rate * duration,
    workers: 1,
    headers: signedHeaders(shop, hmac),
    body,
    requests: [{ setupRequest: setupRequestPath }],
  });
  progress(
    `offered ${rate}/s: 2xx ${run['2xx']}, non-2xx ${run.non2xx}, errors ${run.errors}, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, max ${run.latency.max} ms`,
  );
  await new Promise((r) => server.close(r));
  const inbox = await countInboundEvents(database.db, merchant.id);
  const acknowledged = warm['2xx'] + run['2xx'];
  progress(
    `inbox rows ${inbox.total}, distinct event ids ${inbox.distinctExternalIds}, acknowledged ${acknowledged}`,
  );
  console.log(
    JSON.stringify({
      bench: 'webhooks',
      ratePerSec: rate,
      p50Ms: run.latency.p50,
      p99Ms: run.latency.p99,
      errors: warm.non2xx + warm.errors + run.non2xx + run.errors + (inbox.total === acknowledged ? 0 : 1),
      stored: inbox.total,
    }),
  );
} finally {
  await database.drop();
}

function signedHeaders(shop: string, hmac: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/paid',
    'x-shopify-shop-domain': shop,
    'x-shopify-hmac-sha256': hmac,
    'x-shopify-api-version': '2026-10',
  };
}
