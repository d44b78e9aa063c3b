import { describe, expect, test } from 'vitest';
import { referencesSubject } from './inbound-events.js';

const refs = {
  emails: ['janedoe@gmail.com', 'jane.doe+shop@gmail.com'],
  customerIds: ['2002'],
  orderIds: ['5001'],
};
const about = (topic: string, payload: unknown) => referencesSubject({ topic, payload }, refs);

describe('referencesSubject', () => {
  test.each([
    [
      'an address spelled another way that normalises alike',
      'orders/paid',
      { email: 'J.A.N.E.DOE@googlemail.com' },
    ],
    ['an address inside free text', 'orders/paid', { note: 'write to jane.doe+shop@gmail.com please' }],
    ['the customer object of an order (numeric id)', 'orders/paid', { id: 1, customer: { id: 2002 } }],
    ['a customer topic naming the customer at the top', 'customers/create', { id: 2002 }],
    ['a refund of one of their orders', 'refunds/create', { id: 9, order_id: 5001 }],
    ['an engine event for one of their orders', 'OrderRefunded', { orderId: '5001' }],
    ['a compliance request', 'customers/redact', { customer: { id: 2002 }, orders_to_redact: [] }],
  ])('finds %s', (_, topic, payload) => {
    expect(about(topic, payload)).toBe(true);
  });

  test.each([
    ['another customer whose id contains theirs', 'customers/create', { id: 12002, email: 'x@y.io' }],
    ['an order whose own id equals their customer id', 'orders/paid', { id: 2002, customer: { id: 3 } }],
    ['a customer topic whose id equals one of their orders', 'customers/create', { id: 5001 }],
    ['someone else entirely', 'orders/paid', { id: 1, email: 'jane@example.com', customer: { id: 3 } }],
    ['a redacted marker', 'orders/paid', { redacted: true, redactedAt: '2026-03-01T00:00:00.000Z' }],
  ])('ignores %s', (_, topic, payload) => {
    expect(about(topic, payload)).toBe(false);
  });
});
