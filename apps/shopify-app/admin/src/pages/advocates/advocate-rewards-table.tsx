// The advocate's own newest rewards of every status: the kind, the live value, the status (with
// the day a pending one is released) and the date.
import type { AdvocateDetail } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Card, IndexTable, Text } from '@shopify/polaris';
import { formatMoney } from '../../components/money.js';
import { formatDate } from './advocate-format.js';

const rewardTones = {
  held: 'attention',
  released: 'info',
  issued: 'success',
  voided: undefined,
  reversed: 'warning',
  rejected: 'critical',
} as const;
const rewardStatusWords = {
  held: 'Pending',
  released: 'Issuing',
  issued: 'Issued',
  voided: 'Voided',
  reversed: 'Clawed back',
  rejected: 'Rejected',
} as const;
const rewardKindWords = {
  percent_discount: 'Percentage discount',
  fixed_discount: 'Discount code',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
  points: 'Points',
} as const;

function rewardValue(r: AdvocateDetail['rewards'][number], locale?: string): string {
  if (r.kind === 'percent_discount' && r.bps !== null) return `${r.bps / 100} % off`;
  if (r.currency === 'PTS') return `${r.amountMinor} points`;
  return formatMoney(r.amountMinor, r.currency, locale);
}

type Props = { rewards: AdvocateDetail['rewards']; locale?: string | undefined };

export function AdvocateRewardsCard({ rewards, locale }: Props) {
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: 'var(--p-space-400)' }}>
          <Text as="h2" variant="headingMd">
            Rewards
          </Text>
        </div>
        <IndexTable
          resourceName={{ singular: 'reward', plural: 'rewards' }}
          itemCount={rewards.length}
          selectable={false}
          emptyState={
            <div style={{ padding: 'var(--p-space-400)' }}>
              <Text as="p" tone="subdued">
                No rewards yet. A reward is granted when a referral is approved.
              </Text>
            </div>
          }
          headings={[
            { title: 'Reward' },
            { title: 'Value', alignment: 'end' },
            { title: 'Status' },
            { title: 'Date' },
          ]}
        >
          {rewards.map((r, index) => (
            <IndexTable.Row id={r.id} key={r.id} position={index}>
              <IndexTable.Cell>{rewardKindWords[r.kind]}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {rewardValue(r, locale)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={rewardTones[r.status]}>{rewardStatusWords[r.status]}</Badge>
                {r.status === 'held' ? (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {` until ${formatDate(r.holdUntil, locale)}`}
                  </Text>
                ) : null}
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDate(r.createdAt, locale)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
