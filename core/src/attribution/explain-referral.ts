// The whole trail of one referral, for the admin's "why credited / why not" page: the signals the
// order carried and the rule that decided, the risk findings with their evidence, each status
// change with its time, the order and its refunds, and every reward with its claw-backs.
//
// Status changes have no history table of their own. Their times are read from what is stored:
// the referral is created and judged automatically in one transaction (created_at), a reviewer's
// verdict is in the audit log, the move to "rewarded" happens when a reward is issued
// (rewards.issued_at), and the latest move is stamped on the referral (updated_at). When the
// outbox still holds every `referral.status_changed` message (they are purged some time after
// relay), those exact records are used instead.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { describeRiskFindings, findAdvocateProfile } from '../qualification/index.js';
import type { ReferralStatus } from '../referrals/index.js';
import {
  findAuditOfReferral,
  findClawbacksOfRewards,
  findDecisionOfOrder,
  findOrderById,
  findReferralById,
  findRefundsOfOrder,
  findRewardsOfReferral,
  findStatusMessagesOfReferral,
} from './repository.js';

export type TrailTransition = {
  from: ReferralStatus | null;
  to: ReferralStatus;
  at: Date;
  /** Who made the move: a staff member, or null for the engine. */
  actor: string | null;
  note: string | null;
  /** What made the move, in words. */
  cause: string;
};

type AuditRow = Awaited<ReturnType<typeof findAuditOfReferral>>[number];
type StatusMessage = { from: ReferralStatus; to: ReferralStatus; path: ReferralStatus[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function explainReferral(db: Database, merchantId: string, referralId: string) {
  if (!UUID.test(referralId)) return null;
  return forMerchant(db, merchantId).transaction(async (m) => {
    const referral = await findReferralById(m, referralId);
    if (!referral) return null;
    const order = await findOrderById(m, referral.orderId);
    const decision = await findDecisionOfOrder(m, referral.orderId);
    const refunds = order ? await findRefundsOfOrder(m, order.platformOrderId) : [];
    const granted = await findRewardsOfReferral(m, referral.id);
    const clawbacks = await findClawbacksOfRewards(
      m,
      granted.map((r) => r.id),
    );
    const audit = await findAuditOfReferral(m, referral.id);
    const messages = await findStatusMessagesOfReferral(m, referral.id);
    const advocate = await findAdvocateProfile(m, referral.advocateId);
    const qualification = (referral.qualification as string[]) ?? [];
    const verdicts = audit.filter(
      (a) => a.action === 'referral.approved' || a.action === 'referral.rejected',
    );

    const recorded = transitionsFromMessages(messages, verdicts, qualification);
    const transitions =
      recorded ??
      deriveTransitions({
        status: referral.status,
        createdAt: referral.createdAt,
        updatedAt: referral.updatedAt,
        qualification,
        verdicts,
        firstIssuedAt: firstDate(granted.map((r) => r.issuedAt)),
      });

    return {
      referral: {
        id: referral.id,
        status: referral.status,
        source: referral.source,
        riskScore: referral.riskScore,
        createdAt: referral.createdAt,
        updatedAt: referral.updatedAt,
        firstArrivedAt: referral.firstArrivedAt,
        friendEmail: referral.friendEmailNormalized,
        advocate: advocate
          ? { id: advocate.advocateId, email: advocate.email, firstName: advocate.firstName }
          : null,
      },
      order: order
        ? {
            orderId: order.platformOrderId,
            totalMinor: order.totalMinor,
            subtotalMinor: order.subtotalMinor,
            currency: order.currency,
            refundedMinor: order.refundedMinor,
            placedAt: order.placedAt,
            paidAt: order.paidAt,
            cancelledAt: order.cancelledAt,
          }
        : null,
      attribution: {
        credited: decision?.credited ?? false,
        rule: decision?.rule ?? 'not_yet_decided',
        decidedAt: decision?.decidedAt ?? null,
        reasons: (decision?.reasons as string[] | undefined) ?? [],
        signals: (decision?.signals as unknown[] | undefined) ?? [],
      },
      qualification,
      findings: await describeRiskFindings(m, referral),
      transitions,
      /** True when every time comes from a status-change record, false when some are derived. */
      transitionsRecorded: recorded !== null,
      refunds: refunds.map((r) => ({
        id: r.id,
        amountMinor: r.amountMinor,
        currency: r.currency,
        occurredAt: r.occurredAt,
      })),
      rewards: granted.map((r) => ({
        id: r.id,
        recipient: r.recipient,
        kind: r.kind,
        status: r.status,
        amountMinor: r.amountMinor,
        reversedMinor: r.reversedMinor,
        currency: r.currency,
        reason: r.reason,
        createdAt: r.createdAt,
        holdUntil: r.holdUntil,
        releasedAt: r.releasedAt,
        issuedAt: r.issuedAt,
        clawbacks: clawbacks
          .filter((c) => c.rewardId === r.id)
          .map((c) => ({
            id: c.id,
            amountMinor: c.amountMinor,
            recoveredMinor: c.recoveredMinor,
            status: c.status,
            createdAt: c.createdAt,
            completedAt: c.completedAt,
          })),
      })),
    };
  });
}

export type ReferralTrail = NonNullable<Awaited<ReturnType<typeof explainReferral>>>;

function firstDate(dates: (Date | null)[]): Date | null {
  const known = dates.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime());
  return known[0] ?? null;
}

const verdictOf = (row: AuditRow) => {
  const after = (row.after ?? {}) as { status?: ReferralStatus; note?: string | null };
  const before = (row.before ?? {}) as { status?: ReferralStatus };
  return {
    from: before.status ?? 'review',
    to: after.status ?? (row.action === 'referral.approved' ? 'approved' : 'rejected'),
    note: after.note ?? null,
  };
};

function automaticCause(to: ReferralStatus, qualification: string[]): string {
  if (to === 'review') return 'Held for review automatically: its risk score reached the review threshold.';
  if (to === 'qualified') return 'Passed the eligibility checks (new customer, minimum order).';
  if (to === 'approved') return 'Approved automatically: eligible and low risk.';
  if (to === 'rejected') {
    const failure = qualification.find((n) => /^(Rejected:|Order subtotal|Not a new customer)/.test(n));
    return failure ? `Rejected automatically. ${failure}` : 'Rejected automatically.';
  }
  return 'Moved by the engine.';
}

function laterCause(from: ReferralStatus, to: ReferralStatus, qualification: string[]): string {
  if (to === 'rewarded') return "The advocate's reward was issued.";
  const refundNote = [...qualification]
    .reverse()
    .find((n) => n === 'Order cancelled.' || n === 'Order fully refunded.');
  if (to === 'reversed' || (to === 'rejected' && refundNote)) {
    return refundNote === 'Order cancelled.'
      ? 'The order was cancelled.'
      : refundNote
        ? 'The order was fully refunded.'
        : 'Reversed.';
  }
  return `Moved from ${from} to ${to}.`;
}

/** Exact transitions from the outbox, when it still holds the first move; null otherwise. */
function transitionsFromMessages(
  messages: { payload: unknown; createdAt: Date }[],
  verdicts: AuditRow[],
  qualification: string[],
): TrailTransition[] | null {
  const parsed = messages.map((row) => ({ ...(row.payload as StatusMessage), at: row.createdAt }));
  if (parsed.length === 0 || parsed[0]?.from !== 'pending') return null;
  const out: TrailTransition[] = [];
  const first = parsed[0];
  out.push({
    from: null,
    to: 'pending',
    at: first.at,
    actor: null,
    note: null,
    cause: 'Created when the order was credited to the advocate.',
  });
  for (const msg of parsed) {
    const verdict = verdicts.find((v) => verdictOf(v).from === msg.from && verdictOf(v).to === msg.to);
    let from: ReferralStatus = msg.from;
    for (const step of msg.path ?? [msg.to]) {
      out.push({
        from,
        to: step,
        at: msg.at,
        actor: verdict?.actor ?? null,
        note: verdict ? verdictOf(verdict).note : null,
        cause: verdict
          ? `${step === 'approved' ? 'Approved' : 'Rejected'} in the review queue.`
          : from === 'pending' || from === 'qualified'
            ? automaticCause(step, qualification)
            : laterCause(from, step, qualification),
      });
      from = step;
    }
  }
  return out;
}

/** Transitions rebuilt from the referral, the audit log and the rewards (see the file's comment). */
function deriveTransitions(input: {
  status: ReferralStatus;
  createdAt: Date;
  updatedAt: Date;
  qualification: string[];
  verdicts: AuditRow[];
  firstIssuedAt: Date | null;
}): TrailTransition[] {
  const { status, createdAt, updatedAt, qualification, verdicts } = input;
  const out: TrailTransition[] = [
    {
      from: null,
      to: 'pending',
      at: createdAt,
      actor: null,
      note: null,
      cause: 'Created when the order was credited to the advocate.',
    },
  ];
  const push = (
    to: ReferralStatus,
    at: Date,
    cause: string,
    actor: string | null = null,
    note: string | null = null,
  ) => out.push({ from: out.at(-1)?.to ?? null, to, at, actor, note, cause });

  // The automatic verdict, made in the transaction that created the referral.
  const verdict = verdicts[0];
  let automatic: ReferralStatus | null;
  if (verdict) automatic = verdictOf(verdict).from;
  else if (qualification.some((n) => n.startsWith('Held for review'))) automatic = 'review';
  else if (qualification.some((n) => n.startsWith('Approved automatically'))) automatic = 'approved';
  else if (qualification.some((n) => /^(Rejected:|Order subtotal|Not a new customer)/.test(n)))
    automatic = 'rejected';
  else
    automatic =
      status === 'pending' ? null : status === 'rewarded' || status === 'reversed' ? 'approved' : status;
  if (automatic === 'approved') push('qualified', createdAt, automaticCause('qualified', qualification));
  if (automatic) push(automatic, createdAt, automaticCause(automatic, qualification));

  if (verdict) {
    const v = verdictOf(verdict);
    push(
      v.to,
      verdict.at,
      `${v.to === 'approved' ? 'Approved' : 'Rejected'} in the review queue.`,
      verdict.actor,
      v.note,
    );
  }
  const last = () => out.at(-1)!.to;
  if (last() === 'approved' && (status === 'rewarded' || (status === 'reversed' && input.firstIssuedAt))) {
    push(
      'rewarded',
      status === 'rewarded' ? updatedAt : (input.firstIssuedAt ?? updatedAt),
      laterCause('approved', 'rewarded', qualification),
    );
  }
  if (last() !== status) push(status, updatedAt, laterCause(last(), status, qualification));
  return out;
}
