import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findSomeProgramId } from './repository.js';

/** Some programme of the merchant, active or not (the sandbox seeds one only if there is none). */
export async function findAnyProgramId(db: Database, merchantId: string): Promise<string | null> {
  return forMerchant(db, merchantId).transaction((m) => findSomeProgramId(m));
}
