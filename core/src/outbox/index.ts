// The transactional outbox: a row written with the change it announces, relayed to a queue later.
// A relay that fails (Redis down) rolls back and the rows stay for the next attempt.
import type { Database } from '../db/client.js';
import { claimUnrelayedOutbox, insertOutboxRows, markOutboxRelayed, type OutboxRow } from './repository.js';

export { countPendingOutbox, type OutboxRow, purgeRelayedOutbox } from './repository.js';

export const outboxTopics = [
  'inbound.received',
  'advocate.enrolled',
  'referral.created',
  'referral.status_changed',
  'reward.held',
  'reward.released',
  'reward.issued',
  'reward.voided',
  'reward.clawback_requested',
  'reward.clawed_back',
  'friend_offer.created',
  'friend_offer.deactivate',
  // What an advocate's code can be used for at checkout changes with these (checkout-codes/).
  'referral_code.created',
  'referral_code.disabled',
  'advocate.status_changed',
  'program.version_published',
  'program.status_changed',
] as const;
export type OutboxTopic = (typeof outboxTopics)[number];

export type OutboxMessage = {
  merchantId: string;
  topic: OutboxTopic;
  aggregateId: string;
  /** Ids and amounts only, never personal data. */
  payload: Record<string, unknown>;
};

export async function writeOutbox(db: Database, messages: OutboxMessage | OutboxMessage[]): Promise<void> {
  await insertOutboxRows(db, Array.isArray(messages) ? messages : [messages]);
}

/**
 * Claims up to `limit` unrelayed rows (SKIP LOCKED, so several relays never deliver one row twice
 * at once), hands them to `publish`, and marks them relayed only if `publish` resolves.
 */
export async function relayOutbox(
  db: Database,
  publish: (rows: OutboxRow[]) => Promise<void>,
  limit = 500,
): Promise<number> {
  // Cross-merchant by design: one relay serves every shop, on the owner connection.
  return db.transaction(async (tx) => {
    const rows = await claimUnrelayedOutbox(tx, limit);
    if (rows.length === 0) return 0;
    await publish(rows);
    await markOutboxRelayed(
      tx,
      rows.map((r) => r.id),
    );
    return rows.length;
  });
}
