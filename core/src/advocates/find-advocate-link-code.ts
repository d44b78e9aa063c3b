import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { advocates, customers, referralCodes } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';

type LinkCodeCandidate = { code: string; kind: string; status: string };

/** Codes an advocate shares; `friend_offer` codes are single-use discounts, not links. */
const SHARED_KINDS = ['generated', 'vanity'] as const;

/** The code an advocate's link carries: the oldest active shared code, as enrolment returns it. */
export function pickLinkCode(codesOldestFirst: readonly LinkCodeCandidate[]): string | null {
  const shared: readonly string[] = SHARED_KINDS;
  return codesOldestFirst.find((c) => c.status === 'active' && shared.includes(c.kind))?.code ?? null;
}

export type FindAdvocateLinkCodeInput = { merchantId: string; platformCustomerId: string };

/**
 * The link code of the active advocate with this platform customer id, or null (not an advocate,
 * suspended, or every code disabled). One indexed query: the storefront asks on every page view.
 */
export async function findAdvocateLinkCode(
  db: Database,
  input: FindAdvocateLinkCodeInput,
): Promise<string | null> {
  const m = input.merchantId;
  const [row] = await db
    .select({ code: referralCodes.code })
    .from(customers)
    .innerJoin(advocates, and(eq(advocates.customerId, customers.id), eq(advocates.merchantId, m)))
    .innerJoin(
      referralCodes,
      and(eq(referralCodes.advocateId, advocates.id), eq(referralCodes.merchantId, m)),
    )
    .where(
      and(
        eq(customers.merchantId, m),
        eq(customers.platformCustomerId, input.platformCustomerId),
        eq(advocates.status, 'active'),
        eq(referralCodes.status, 'active'),
        inArray(referralCodes.kind, [...SHARED_KINDS]),
      ),
    )
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code))
    .limit(1);
  return row?.code ?? null;
}

/**
 * The link code of the active advocate with this email (e.g. a CRM contact's `referred_by`),
 * or null. Emails are compared normalised.
 */
export async function findActiveCodeByAdvocateEmail(
  db: Database,
  merchantId: string,
  email: string,
): Promise<string | null> {
  const normalized = normalizeEmail(email);
  if (!normalized) return null;
  const [row] = await db
    .select({ code: referralCodes.code })
    .from(customers)
    .innerJoin(advocates, and(eq(advocates.customerId, customers.id), eq(advocates.merchantId, merchantId)))
    .innerJoin(
      referralCodes,
      and(eq(referralCodes.advocateId, advocates.id), eq(referralCodes.merchantId, merchantId)),
    )
    .where(
      and(
        eq(customers.merchantId, merchantId),
        eq(customers.emailNormalized, normalized),
        eq(advocates.status, 'active'),
        eq(referralCodes.status, 'active'),
        inArray(referralCodes.kind, [...SHARED_KINDS]),
      ),
    )
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code))
    .limit(1);
  return row?.code ?? null;
}
