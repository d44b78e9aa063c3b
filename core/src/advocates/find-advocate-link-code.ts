import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { normalizeEmail } from '../identity/index.js';
import { findLinkCodeOfCustomer, SHARED_KINDS } from './repository/codes.js';

type LinkCodeCandidate = { code: string; kind: string; status: string };

/** The code an advocate's link carries: the oldest active shared code, as enrolment returns it. */
export function pickLinkCode(codesOldestFirst: readonly LinkCodeCandidate[]): string | null {
  const shared: readonly string[] = SHARED_KINDS;
  return codesOldestFirst.find((c) => c.status === 'active' && shared.includes(c.kind))?.code ?? null;
}

export type FindAdvocateLinkCodeInput = { merchantId: string; platformCustomerId: string };

/**
 * The link code of the active advocate with this platform customer id, or null (not an advocate,
 * suspended, or every code disabled). One indexed query, in a transaction row-level security
 * confines to the merchant: the storefront asks on every page view.
 */
export async function findAdvocateLinkCode(
  db: Database,
  input: FindAdvocateLinkCodeInput,
): Promise<string | null> {
  return forMerchant(db, input.merchantId).transaction((m) =>
    findLinkCodeOfCustomer(m, { platformCustomerId: input.platformCustomerId }),
  );
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
  return forMerchant(db, merchantId).transaction((m) =>
    findLinkCodeOfCustomer(m, { emailNormalized: normalized }),
  );
}
