// The trail of one referral in words and in time order: the order, the attribution decision with
// the signals it weighed, each status change (who, why, with which risk findings), the rewards,
// refunds and claw-backs.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { BlockStack, Box, InlineStack, List, Text } from '@shopify/polaris';
import {
  actorLabel,
  formatDateTime,
  money,
  readableReason,
  rewardKindLabel,
  ruleSentence,
  sourceLabel,
  statusLabels,
} from './referral-words.js';

export type TrailEntry = {
  at: string;
  title: string;
  details: string[];
  /** Who did it, when a person did. */
  actor: string | null;
};

// Entries at the same instant keep the story's order.
const order = ['placed', 'paid', 'decided', 'status', 'reward', 'refund', 'cancelled', 'clawback'] as const;
type Kind = (typeof order)[number];

/** The trail's events, oldest first, each in words. */
export function buildTrail(trail: Trail): TrailEntry[] {
  const entries: (TrailEntry & { kind: Kind; seq: number })[] = [];
  const add = (
    kind: Kind,
    at: string | null | undefined,
    title: string,
    details: string[] = [],
    actor: string | null = null,
  ) => {
    if (at) entries.push({ kind, at, title, details, actor, seq: entries.length });
  };
  const currency = trail.order?.currency ?? null;
  const orderLabel = trail.order ? `Order #${trail.order.orderId}` : 'The order';

  if (trail.order) {
    add(
      'placed',
      trail.order.placedAt,
      `${orderLabel} placed for ${money(trail.order.totalMinor, currency)}.`,
    );
    if (trail.order.paidAt && trail.order.paidAt !== trail.order.placedAt)
      add('paid', trail.order.paidAt, `${orderLabel} paid.`);
  }
  add(
    'decided',
    trail.attribution.decidedAt,
    ruleSentence(trail.attribution.rule),
    trail.attribution.signals.map(
      (s) =>
        `${sourceLabel(s.source)} — ${readableReason(s.signal)}: ${s.eligible ? 'counted' : 'not counted'} (${readableReason(s.why)})`,
    ),
  );

  const riskLines = trail.findings.map((f) => `${f.reason} (+${f.score})`);
  for (const t of trail.transitions) {
    const title = t.from
      ? `Status changed from ${statusLabels[t.from]} to ${statusLabels[t.to]}.`
      : `Referral created (${statusLabels[t.to]}).`;
    const details = [t.cause];
    if (t.note) details.push(`Note: “${t.note}”`);
    // The engine's own verdict came from the risk findings: show them with it.
    const automatic = !t.actor && (t.from === 'pending' || t.from === 'qualified');
    if (automatic && ['review', 'rejected', 'approved'].includes(t.to)) {
      details.push(
        riskLines.length > 0
          ? `Risk score ${trail.referral.riskScore}: ${riskLines.join('; ')}`
          : `Risk score ${trail.referral.riskScore}: no risk findings.`,
      );
    }
    add('status', t.at, title, details, t.actor);
  }

  for (const r of trail.rewards) {
    const who = r.recipient === 'advocate' ? "The advocate's" : "The friend's";
    const amount = money(r.amountMinor, r.currency);
    add('reward', r.createdAt, `${who} reward granted: ${amount} ${rewardKindLabel(r.kind).toLowerCase()}.`, [
      `Pending until ${formatDateTime(r.holdUntil)}, so a refund or cancellation can still reduce it.`,
    ]);
    add('reward', r.releasedAt, `${who} reward released for issuing.`);
    add('reward', r.issuedAt, `${who} reward issued.`);
    for (const c of r.clawbacks) {
      add(
        'clawback',
        c.createdAt,
        `Claw-back of ${money(c.amountMinor, r.currency)} requested from ${who.toLowerCase()} reward.`,
      );
      add(
        'clawback',
        c.completedAt,
        `Claw-back done: ${money(c.recoveredMinor ?? 0, r.currency)} recovered.`,
      );
    }
  }
  for (const refund of trail.refunds) {
    add('refund', refund.occurredAt, `Refund of ${money(refund.amountMinor, refund.currency)}.`);
  }
  if (trail.order) add('cancelled', trail.order.cancelledAt, `${orderLabel} cancelled.`);

  return entries
    .sort(
      (a, b) =>
        Date.parse(a.at) - Date.parse(b.at) || order.indexOf(a.kind) - order.indexOf(b.kind) || a.seq - b.seq,
    )
    .map(({ kind: _kind, seq: _seq, ...entry }) => entry);
}

export function ReferralTrail({ trail }: { trail: Trail }) {
  const entries = buildTrail(trail);
  return (
    <BlockStack gap="400">
      <ol aria-label="What happened" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {entries.map((entry) => (
          <li key={`${entry.at}-${entry.title}`}>
            <Box
              paddingBlockEnd="300"
              paddingInlineStart="300"
              borderInlineStartWidth="025"
              borderColor="border"
            >
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span" variant="bodySm" tone="subdued">
                    {formatDateTime(entry.at)}
                  </Text>
                  {entry.actor ? (
                    <Text as="span" variant="bodySm" tone="subdued">
                      by {actorLabel(entry.actor)}
                    </Text>
                  ) : null}
                </InlineStack>
                <Text as="p" fontWeight="semibold">
                  {entry.title}
                </Text>
                {entry.details.length > 0 ? (
                  <List type="bullet">
                    {entry.details.map((d) => (
                      <List.Item key={d}>{d}</List.Item>
                    ))}
                  </List>
                ) : null}
              </BlockStack>
            </Box>
          </li>
        ))}
      </ol>
      {trail.transitionsRecorded ? null : (
        <Text as="p" variant="bodySm" tone="subdued">
          Status changes are not kept in a history of their own, so their times here are worked out from the
          referral, the audit log of staff decisions and its rewards.
        </Text>
      )}
    </BlockStack>
  );
}
