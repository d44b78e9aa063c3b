import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { normalizeEmail } from '../identity/index.js';
import { insertInvitation } from './repository/invitations.js';

export type InviteFriendInput = { merchantId: string; advocateId: string; email: string; at: Date };

/** Records an email invitation: a touch that credits the advocate if that friend orders. */
export async function inviteFriend(db: Database, input: InviteFriendInput): Promise<boolean> {
  const emailNormalized = normalizeEmail(input.email);
  if (!emailNormalized)
    throw new DomainError('VALIDATION', `"${input.email}" is not an email address.`, {
      publicMessage: 'That is not an email address.',
    });
  return insertInvitation(forMerchant(db, input.merchantId), {
    advocateId: input.advocateId,
    emailNormalized,
    invitedAt: input.at,
  });
}
