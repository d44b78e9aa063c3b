// One round of the CRM sync for one merchant: claim due contacts, load their facts, write them
// through the CrmWriter port, and record the outcome.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmWriteResult, CrmWriter } from '../ports.js';
import { CRM_BATCH_LIMIT, claimContactBatch } from './claim-contact-batch.js';
import { type LoadCrmContactsOptions, loadCrmContacts } from './load-crm-contacts.js';
import type { CrmPlatform } from './properties.js';
import { type SettleOutcome, settleContactBatch } from './settle-contact-batch.js';

export type FlushCrmBatchInput = {
  merchantId: string;
  platform: CrmPlatform;
  linkFor: LoadCrmContactsOptions['linkFor'];
  limit?: number;
  leaseMs?: number;
  /** Read before the claim and again after the write (backoffs count from the write's end). */
  clock?: () => Date;
};

export type FlushOutcome = SettleOutcome & { claimed: number; sent: number };

/** Returns what happened; `claimed: 0` means nothing was due (or the sync is parked). */
export async function flushCrmBatch(
  db: Database,
  writer: CrmWriter,
  input: FlushCrmBatchInput,
): Promise<FlushOutcome> {
  const clock = input.clock ?? (() => new Date());
  const { merchantId, platform } = input;
  const claimed = await claimContactBatch(db, {
    merchantId,
    platform,
    now: clock(),
    limit: input.limit ?? CRM_BATCH_LIMIT,
    ...(input.leaseMs ? { leaseMs: input.leaseMs } : {}),
  });
  if (claimed.length === 0) {
    return {
      claimed: 0,
      sent: 0,
      written: 0,
      changedMeanwhile: 0,
      retrying: 0,
      dropped: [],
      skipped: 0,
      blocked: null,
    };
  }
  // Confined to the merchant, and one snapshot for the whole batch: a contact's properties agree.
  const batch = await forMerchant(db, merchantId).transaction(
    ({ db: tx }) =>
      loadCrmContacts(
        tx,
        merchantId,
        claimed.map((row) => row.customerId),
        { now: clock(), linkFor: input.linkFor },
      ),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const result =
    batch.contacts.length > 0 ? await write(writer, merchantId, batch.contacts) : { written: [], failed: [] };
  const outcome = await settleContactBatch(db, {
    merchantId,
    platform,
    claimed,
    result,
    skipped: batch.skipped,
    sameAs: batch.sameAs,
    now: clock(),
  });
  return { ...outcome, claimed: claimed.length, sent: batch.contacts.length };
}

/** A writer that throws (network down, a bug) fails the whole batch retryably: the rows back off. */
async function write(writer: CrmWriter, merchantId: string, contacts: Parameters<CrmWriter['write']>[1]) {
  try {
    return await writer.write(merchantId, contacts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      written: [],
      failed: contacts.map((c) => ({ customerId: c.customerId, error: message, retryable: true })),
    } satisfies CrmWriteResult;
  }
}
