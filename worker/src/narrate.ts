// The console's plain-words story of what the engine did: one `narrate` log line per committed
// fact worth telling a person (a referral credited or held for review, a reward held until a date
// or issued, CRM contacts updated). Read from the outbox rows the relay has just published, so a
// line means the fact is committed; it never changes what happens and a failed read only skips it.
import {
  type Database,
  explainReferral,
  loadRewardIssuedNotice,
  maskEmail,
  type OutboxRow,
  POINTS_CURRENCY,
} from '@referrals/core';
import type { Logger } from 'pino';

const money = (minor: number, currency: string): string => {
  if (currency === POINTS_CURRENCY) return `${minor} points`;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
};
const day = (iso: string | Date): string => new Date(iso).toISOString().slice(0, 10);
const words = (rule: string): string => rule.replaceAll('_', ' ');
const KIND: Record<string, string> = {
  store_credit: 'store credit',
  gift_card: 'gift card',
  discount_code: 'discount code',
  percent_discount: 'discount',
  points: 'points',
};

type Told = { narrate: string; [field: string]: unknown };

async function tellReferral(db: Database, row: OutboxRow): Promise<Told | null> {
  const payload = row.payload as { referralId?: string; to?: string };
  if (!payload.referralId) return null;
  const trail = await explainReferral(db, row.merchantId, payload.referralId);
  if (!trail) return null;
  const advocate = trail.referral.advocate;
  const who = advocate
    ? `${advocate.firstName ?? 'advocate'} (${maskEmail(advocate.email ?? '')})`
    : 'an advocate';
  const order = trail.order
    ? `order ${trail.order.orderId}${trail.order.totalMinor === null ? '' : ` (${money(trail.order.totalMinor, trail.order.currency ?? 'USD')})`}`
    : 'an order';
  const friend = trail.referral.friendEmail ? ` from ${maskEmail(trail.referral.friendEmail)}` : '';
  const fields = {
    referralId: trail.referral.id,
    orderId: trail.order?.orderId ?? null,
    status: trail.referral.status,
  };
  if (row.topic === 'referral.created') {
    // Why, in one clause: what the order carried and the rule that chose (the full reasons are
    // in the log line's fields and in the admin's trail).
    const why = `the order carried their ${words(trail.referral.source)}, chosen by ${words(trail.attribution.rule)}`;
    return {
      ...fields,
      reasons: trail.attribution.reasons,
      narrate: `Referral credited: ${order}${friend} to ${who}: ${why}.`,
    };
  }
  if (payload.to === 'review') {
    const findings = trail.findings.map((f) => f.reason).join('; ');
    return {
      ...fields,
      narrate: `Referral held for review: ${order} for ${who}${findings ? ` (${findings})` : ''}; approve or reject it in the admin's review queue.`,
    };
  }
  if (payload.to === 'rejected')
    return { ...fields, narrate: `Referral not credited: ${order} for ${who} was rejected.` };
  if (payload.to === 'approved')
    return { ...fields, narrate: `Referral approved: ${order} for ${who}; rewards follow.` };
  return null;
}

async function tellReward(db: Database, row: OutboxRow): Promise<Told | null> {
  const payload = row.payload as { rewardId?: string; holdUntil?: string };
  if (!payload.rewardId) return null;
  const reward = await loadRewardIssuedNotice(db, row.merchantId, payload.rewardId);
  if (!reward) return null;
  const what = `${money(reward.amountMinor, reward.currency)} ${KIND[reward.kind] ?? reward.kind} for the ${reward.recipient}${reward.code ? ` (code ${reward.code})` : ''}`;
  const fields = { rewardId: reward.rewardId };
  switch (row.topic) {
    case 'reward.held':
      return {
        ...fields,
        narrate: `Reward held until ${day(payload.holdUntil ?? new Date())}: ${what}, while the order can still be refunded.`,
      };
    case 'reward.issued':
      return { ...fields, narrate: `Reward issued: ${what}.` };
    case 'reward.voided':
      return {
        ...fields,
        narrate: `Reward voided before it was issued: ${what} (the order was refunded or cancelled).`,
      };
    case 'reward.clawed_back':
      return { ...fields, narrate: `Reward clawed back: ${what} (the order was refunded).` };
    default:
      return null;
  }
}

const TELLERS: Partial<Record<string, (db: Database, row: OutboxRow) => Promise<Told | null>>> = {
  'referral.created': tellReferral,
  'referral.status_changed': tellReferral,
  'reward.held': tellReward,
  'reward.issued': tellReward,
  'reward.voided': tellReward,
  'reward.clawed_back': tellReward,
};

/** Logs the plain-words line of each row worth telling; in order, never throwing. */
export async function narrateOutbox(db: Database, logger: Logger, rows: readonly OutboxRow[]): Promise<void> {
  for (const row of rows) {
    const tell = TELLERS[row.topic];
    if (!tell) continue;
    try {
      const told = await tell(db, row);
      if (told) logger.info({ event: row.topic, merchantId: row.merchantId, ...told }, told.narrate);
    } catch (error) {
      logger.debug({ err: error, event: row.topic }, 'narration skipped');
    }
  }
}

/** A CRM flush's outcome in plain words, or null when it wrote nothing. */
export function narrateCrmFlush(platform: string, result: unknown): string | null {
  const written = (result as { written?: unknown } | null)?.written;
  if (typeof written !== 'number' || written === 0) return null;
  const name = platform === 'hubspot' ? 'HubSpot' : platform;
  return `${name}: ${written} contact${written === 1 ? '' : 's'} updated with referral facts.`;
}
