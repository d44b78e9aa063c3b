// Queuing contacts of one merchant for the CRM sync, for callers holding only a database handle.
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { type QueuedContactsValues, upsertQueuedContacts } from './repository/queue.js';

export type QueueContactsInput = QueuedContactsValues & { merchantId: string };

const uuid = z.guid();
export const isUuid = (value: string): boolean => uuid.safeParse(value).success;

/** Queues each customer once; returns how many rows were inserted or bumped. */
export async function queueContacts(
  db: Database,
  { merchantId, ...values }: QueueContactsInput,
): Promise<number> {
  return upsertQueuedContacts(forMerchant(db, merchantId), values);
}
