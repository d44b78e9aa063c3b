// The advocate's newest referrals: the friend, the order's value, the status and the date; a row
// opens the referral.
import type { AdvocateDetail } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Card, IndexTable, Text } from '@shopify/polaris';
import { useNavigate } from 'react-router-dom';
import { formatMoney } from '../../components/money.js';
import { formatDate } from './advocate-format.js';

const referralTones = {
  pending: undefined,
  qualified: 'info',
  review: 'attention',
  approved: 'success',
  rewarded: 'success',
  rejected: 'critical',
  reversed: 'warning',
} as const;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Props = { referrals: AdvocateDetail['referrals']; locale?: string | undefined };

export function AdvocateReferralsCard({ referrals, locale }: Props) {
  const navigate = useNavigate();
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: 'var(--p-space-400)' }}>
          <Text as="h2" variant="headingMd">
            Referrals
          </Text>
        </div>
        <IndexTable
          resourceName={{ singular: 'referral', plural: 'referrals' }}
          itemCount={referrals.length}
          selectable={false}
          emptyState={
            <div style={{ padding: 'var(--p-space-400)' }}>
              <Text as="p" tone="subdued">
                No referrals yet. They appear here when a friend orders with this advocate’s code or link.
              </Text>
            </div>
          }
          headings={[{ title: 'Friend' }, { title: 'Order' }, { title: 'Status' }, { title: 'Date' }]}
        >
          {referrals.map((r, index) => (
            <IndexTable.Row
              id={r.id}
              key={r.id}
              position={index}
              onClick={() => navigate(`/referrals/${r.id}`)}
            >
              <IndexTable.Cell>{r.friend ?? 'Redacted customer'}</IndexTable.Cell>
              <IndexTable.Cell>
                {r.order ? formatMoney(r.order.amountMinor, r.order.currency, locale) : '—'}
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={referralTones[r.status]}>{capitalise(r.status)}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDate(r.createdAt, locale)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
