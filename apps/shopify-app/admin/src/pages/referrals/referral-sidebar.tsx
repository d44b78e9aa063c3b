// The referral page's side cards: the rewards it granted, the order with its refunds, and the
// people involved.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { BlockStack, Card, InlineStack, Text } from '@shopify/polaris';
import { Facts } from '../../components/facts.js';
import { formatDateTime, money, personLabel, RewardStatusBadge, rewardKindLabel } from './referral-words.js';

export function RewardsCard({ trail }: { trail: Trail }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Rewards
        </Text>
        {trail.rewards.length === 0 ? (
          <Text as="p" tone="subdued">
            {trail.referral.status === 'review'
              ? 'No reward yet: rewards are granted when the referral is approved.'
              : 'No reward was granted for this referral.'}
          </Text>
        ) : (
          trail.rewards.map((r) => (
            <BlockStack gap="100" key={r.id}>
              <InlineStack align="space-between" blockAlign="center">
                <Text as="span" fontWeight="semibold">
                  {r.recipient === 'advocate' ? 'Advocate' : 'Friend'}: {money(r.amountMinor, r.currency)}{' '}
                  {rewardKindLabel(r.kind).toLowerCase()}
                </Text>
                <RewardStatusBadge status={r.status} />
              </InlineStack>
              {r.status === 'held' ? (
                <Text as="span" tone="subdued">
                  Pending until {formatDateTime(r.holdUntil)}
                </Text>
              ) : null}
              {r.reversedMinor > 0 ? (
                <Text as="span" tone="subdued">
                  {money(r.reversedMinor, r.currency)} taken back after refunds
                </Text>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

export function OrderCard({ trail }: { trail: Trail }) {
  const { order } = trail;
  const currency = order?.currency ?? null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Order
        </Text>
        {order ? (
          <Facts
            items={[
              { term: 'Order ID', description: `#${order.orderId}` },
              { term: 'Total', description: money(order.totalMinor, currency) },
              { term: 'Subtotal', description: money(order.subtotalMinor, currency) },
              { term: 'Placed', description: formatDateTime(order.placedAt) },
              { term: 'Paid', description: order.paidAt ? formatDateTime(order.paidAt) : 'Not paid' },
              {
                term: 'Refunded',
                description:
                  trail.refunds.length === 0
                    ? 'Nothing refunded'
                    : trail.refunds
                        .map((f) => `${money(f.amountMinor, f.currency)} on ${formatDateTime(f.occurredAt)}`)
                        .join('; '),
              },
              ...(order.cancelledAt
                ? [{ term: 'Cancelled', description: formatDateTime(order.cancelledAt) }]
                : []),
            ]}
          />
        ) : (
          <Text as="p" tone="subdued">
            The order is no longer on record.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

export function PeopleCard({ referral }: { referral: Trail['referral'] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          People
        </Text>
        <Facts
          items={[
            { term: 'Advocate', description: personLabel(referral.advocate, 'Unknown') },
            { term: 'Friend', description: referral.friendEmail ?? 'No email on the order' },
            { term: 'Friend first arrived', description: formatDateTime(referral.firstArrivedAt) },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
