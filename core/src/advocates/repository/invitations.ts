// Queries on invitations: the friends an advocate invited by email.
import type { MerchantScope } from '../../db/merchant-scope.js';
import { invitations } from '../../db/schema/index.js';

export type NewInvitation = { advocateId: string; emailNormalized: string; invitedAt: Date };

/** Inserts the invitation; false when this advocate already invited this email. */
export async function insertInvitation(m: MerchantScope, values: NewInvitation): Promise<boolean> {
  const rows = await m.db
    .insert(invitations)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning({ id: invitations.id });
  return rows.length > 0;
}
