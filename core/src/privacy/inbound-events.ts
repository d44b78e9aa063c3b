// The webhook inbox keeps raw platform payloads, which hold the person's email, name, address,
// phone and IP. These find the rows about one person and replace their payloads.
import type { MerchantScope } from '../db/merchant-scope.js';
import type { inboundEvents } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';
import type { PrivacySubject } from './find-subject.js';
import { findInboundEventsMentioning, rewriteInboundPayload } from './repository/inbound.js';
import { changed, redactedPayload, type Scrubber } from './scrub.js';

type InboundRow = typeof inboundEvents.$inferSelect;

export type InboundReferences = {
  emails: readonly string[];
  /** Platform customer ids (the request's, and those on the matched customer rows). */
  customerIds: readonly string[];
  orderIds: readonly string[];
};

// Where platform payloads name a customer or an order (Shopify's snake case, our engine events'
// camel case); a customers/* or orders/* topic names its own resource in the top-level `id`.
const CUSTOMER_ID_KEYS = new Set(['customer_id', 'customerId']);
const ORDER_ID_KEYS = new Set(['order_id', 'orderId']);

const idOf = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Pure: does this payload concern the person? Any string holding one of their addresses (in any
 * spelling that normalises alike), their customer id, or one of their orders' ids. A substring
 * search alone would also catch another resource whose numeric id happens to contain theirs.
 */
export function referencesSubject(
  event: { topic: string; payload: unknown },
  refs: InboundReferences,
): boolean {
  const emails = new Set(refs.emails);
  const customerIds = new Set<string>(refs.customerIds);
  const orderIds = new Set<string>(refs.orderIds);
  const isIn = (ids: ReadonlySet<string>) => (v: unknown) => {
    const id = idOf(v);
    return id !== null && ids.has(id);
  };
  const isCustomer = isIn(customerIds);
  const isOrder = isIn(orderIds);
  const mentionsEmail = (text: string) => {
    const lower = text.trim().toLowerCase();
    if (emails.has(lower) || emails.has(normalizeEmail(lower) ?? '')) return true;
    return refs.emails.some((e) => lower.includes(e));
  };
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return mentionsEmail(value);
    if (Array.isArray(value)) return value.some(visit);
    if (!isObject(value)) return false;
    return Object.entries(value).some(
      ([key, v]) =>
        (CUSTOMER_ID_KEYS.has(key) && isCustomer(v)) ||
        (ORDER_ID_KEYS.has(key) && isOrder(v)) ||
        (key === 'customer' && isObject(v) && isCustomer(v.id)) ||
        visit(v),
    );
  };
  const top = isObject(event.payload) ? event.payload.id : undefined;
  if (event.topic.startsWith('customers/') && isCustomer(top)) return true;
  if (event.topic.startsWith('orders/') && isOrder(top)) return true;
  return visit(event.payload);
}

export const inboundReferencesOf = (subject: PrivacySubject): InboundReferences => ({
  emails: subject.emails,
  customerIds: [
    ...new Set([
      ...(subject.platformCustomerId ? [subject.platformCustomerId] : []),
      ...subject.customers.flatMap((c) => (c.platformCustomerId ? [c.platformCustomerId] : [])),
    ]),
  ],
  orderIds: subject.platformOrderIds,
});

/** The inbox rows about the person: a text search narrows the rows, `referencesSubject` decides. */
export async function findSubjectInboundEvents(
  m: MerchantScope,
  subject: PrivacySubject,
): Promise<InboundRow[]> {
  const refs = inboundReferencesOf(subject);
  const candidates = await findInboundEventsMentioning(m, {
    terms: [...refs.emails, ...refs.customerIds, ...refs.orderIds],
  });
  return candidates.filter((row) => referencesSubject(row, refs));
}

/** Normalised codes are [A-Z0-9]+; shoppers type them with spaces or dashes in between. */
const typedCodePattern = (code: string): string => [...code].join('[ -]*');

/**
 * Other people's events that carry the person's code or browser id (a friend's order placed
 * with their code): only those strings are replaced, the rest of the payload is someone else's.
 */
async function findMentioningInboundEvents(m: MerchantScope, subject: PrivacySubject, exclude: Set<string>) {
  const codes = subject.codes.map((c) => c.code).filter((c) => /^[A-Z0-9]{4,}$/.test(c));
  const rows = await findInboundEventsMentioning(m, {
    patterns: codes.map(typedCodePattern),
    terms: subject.visitorIds,
  });
  return rows.filter((row) => !exclude.has(row.id));
}

/**
 * Payloads about the person are replaced with a marker; other people's payloads that mention
 * their code or browser lose those strings (`traces` scrubs identifiers, never names). A row
 * still `received` is left alone and counted: redacting it would silently drop its order or
 * refund (and the money that goes with it), so the caller runs the redaction again once the
 * worker has processed it.
 */
export async function redactSubjectInboundEvents(
  m: MerchantScope,
  subject: PrivacySubject,
  traces: Scrubber,
  at: Date,
): Promise<{ inboundEventsRedacted: number; inboundEventsPending: number }> {
  const about = await findSubjectInboundEvents(m, subject);
  const mentioning = await findMentioningInboundEvents(m, subject, new Set(about.map((r) => r.id)));
  const rewrites = [
    ...about.map((row) => ({ row, payload: redactedPayload(at) as unknown })),
    ...mentioning
      .map((row) => ({ row, payload: traces.json(row.payload) }))
      .filter(({ row, payload }) => changed(row.payload, payload)),
  ];
  let redacted = 0;
  let pending = 0;
  for (const { row, payload } of rewrites) {
    if (row.status === 'received') {
      pending++;
      continue;
    }
    await rewriteInboundPayload(m, row.id, {
      payload,
      error: row.error === null ? null : traces.text(row.error),
    });
    redacted++;
  }
  return { inboundEventsRedacted: redacted, inboundEventsPending: pending };
}
