// The rewards lifecycle's one query on the advocates capability's table.
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates } from '../../db/schema/index.js';

/**
 * Locks the advocate until the transaction ends, which serialises rewards per advocate: two
 * parallel orders cannot both slip under a cap. NO KEY UPDATE, because the referral row inserted
 * before already holds a KEY SHARE lock on the advocate (its foreign key) and FOR UPDATE would
 * deadlock against a parallel order doing the same.
 */
export async function lockAdvocateForRewards(m: MerchantScope, advocateId: string) {
  const [row] = await m.db
    .select({ id: advocates.id, customerId: advocates.customerId })
    .from(advocates)
    .where(m.byId(advocates, advocateId))
    .for('no key update');
  return row;
}
