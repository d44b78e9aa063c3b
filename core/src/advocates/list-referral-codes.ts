import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { referralCodes } from '../db/schema/index.js';

export type ReferralCodeRow = typeof referralCodes.$inferSelect;

/** Every referral code of the merchant, of any kind and status. */
export async function listReferralCodes(db: Database, merchantId: string): Promise<ReferralCodeRow[]> {
  return db.select().from(referralCodes).where(eq(referralCodes.merchantId, merchantId));
}
