import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { normalizeEmail } from '../identity/index.js';
import {
  type CustomerRow,
  findCustomerByPlatformId,
  findCustomerMatches,
  insertCustomer,
  linkPlatformCustomerId,
} from './repository.js';

export type CustomerIdentity = {
  platformCustomerId?: string | null | undefined;
  email?: string | null | undefined;
  firstName?: string | null | undefined;
};

/**
 * Identity resolution: the platform id wins, then the normalised email (so a friend who switched
 * device or checked out as a guest is still the same person). Creates the customer when new.
 */
export async function resolveCustomer(
  db: Database,
  merchantId: string,
  identity: CustomerIdentity,
): Promise<CustomerRow | null> {
  const emailNormalized = identity.email ? normalizeEmail(identity.email) : null;
  const platformId = identity.platformCustomerId ?? null;
  if (!platformId && !emailNormalized) return null;
  const m = forMerchant(db, merchantId);
  // One read finds either match; the platform id wins over the email.
  const matches = await findCustomerMatches(m, platformId, emailNormalized);
  const byId = platformId ? matches.find((c) => c.platformCustomerId === platformId) : undefined;
  if (byId) return byId;
  // An email match that already belongs to another platform account is someone else's record
  // (two accounts whose addresses normalise alike): never merge them.
  const byEmail = matches.find(
    (c) => c.emailNormalized === emailNormalized && (!platformId || !c.platformCustomerId),
  );
  if (byEmail) {
    if (platformId && !byEmail.platformCustomerId) {
      return (await linkPlatformCustomerId(m, byEmail.id, platformId)) ?? byEmail;
    }
    return byEmail;
  }
  const created = await insertCustomer(m, {
    platformCustomerId: platformId,
    email: identity.email ?? null,
    emailNormalized,
    firstName: identity.firstName ?? null,
  });
  if (created) return created;
  // A concurrent insert won the unique platform id: read it back.
  return findCustomerByPlatformId(m, platformId!);
}
