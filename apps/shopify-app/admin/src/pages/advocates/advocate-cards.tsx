// The advocate page's cards with logic of their own: the score explained by its components, and
// the balance per currency with anything the advocate owes after a claw-back.
import type { AdvocateBalance, AdvocateDetail } from '@referrals/shopify-app/admin-contract';
import { Banner, BlockStack, Card, InlineStack, ProgressBar, Text } from '@shopify/polaris';
import { Facts } from '../../components/facts.js';
import { formatMoney } from '../../components/money.js';
import { describeBalance } from './advocate-format.js';

export function ScoreCard({ score }: { score: AdvocateDetail['score'] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Advocate score
          </Text>
          <Text as="p" variant="headingLg">
            {score.score} / 100
          </Text>
        </InlineStack>
        {score.components.map((c) => (
          <BlockStack gap="100" key={c.key}>
            <InlineStack align="space-between">
              <Text as="span" fontWeight="medium">
                {c.label}
              </Text>
              <Text as="span" tone={c.points < 0 ? 'critical' : undefined} numeric>
                {c.max > 0 ? `${c.points} / ${c.max}` : `${c.points}`}
              </Text>
            </InlineStack>
            {c.max > 0 ? (
              <ProgressBar progress={Math.round((c.points / c.max) * 100)} size="small" tone="primary" />
            ) : null}
            <Text as="p" variant="bodySm" tone="subdued">
              {c.detail}
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

export function BalanceCard({
  balances,
  locale,
}: {
  balances: AdvocateBalance[];
  locale?: string | undefined;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Balance
        </Text>
        {balances.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing earned yet. Rewards appear here once a referred friend’s order is paid.
          </Text>
        ) : (
          balances.map((b) => (
            <BlockStack gap="200" key={b.currency}>
              {b.owedMinor > 0 ? (
                <Banner tone="warning" title={`Owes ${formatMoney(b.owedMinor, b.currency, locale)}`}>
                  <p>
                    A refund took back more than was left of an issued reward. This is taken from their next
                    rewards before anything more is handed out.
                  </p>
                </Banner>
              ) : null}
              <Facts
                items={[
                  {
                    term: 'Pending (in the hold window)',
                    description: formatMoney(b.heldMinor, b.currency, locale),
                  },
                  {
                    term: 'Released, being issued',
                    description: formatMoney(b.payableMinor, b.currency, locale),
                  },
                  { term: 'Issued on Shopify', description: formatMoney(b.issuedMinor, b.currency, locale) },
                  { term: 'Owed back', description: formatMoney(b.owedMinor, b.currency, locale) },
                  { term: 'Balance', description: describeBalance(b.balanceMinor, b.currency, locale) },
                ]}
              />
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
