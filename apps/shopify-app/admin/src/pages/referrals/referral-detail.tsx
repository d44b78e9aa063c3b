// One referral, "why credited / why not": the decision and the signals behind it, the risk
// findings with their evidence, what happened in time order, the order and its refunds, the rewards.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import {
  Badge,
  BlockStack,
  Card,
  EmptyState,
  InlineStack,
  Layout,
  List,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useReferralTrail } from '../../api/referrals.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { Facts } from '../../components/facts.js';
import { PageError } from '../../components/page-error.js';
import { RiskFindings } from '../review/risk-findings.js';
import { ReferralTrail } from './referral-trail.js';
import {
  formatDateTime,
  money,
  personLabel,
  ReferralStatusBadge,
  RewardStatusBadge,
  readableReason,
  rewardKindLabel,
  ruleSentence,
  sourceLabel,
} from './referral-words.js';

export function ReferralDetailPage() {
  const { referralId = '' } = useParams();
  const trail = useReferralTrail(referralId);

  if (trail.isPending) {
    return (
      <SkeletonPage title="Referral" backAction>
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={6} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <SkeletonBodyText lines={5} />
            </Card>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  if (trail.isError) {
    if (trail.error instanceof ApiError && trail.error.status === 404) {
      return (
        <Page title="Referral" backAction={{ content: 'Referrals', url: '/referrals' }}>
          <Card>
            <EmptyState
              heading="This referral could not be found"
              action={{ content: 'Back to referrals', url: '/referrals' }}
              image={emptyStateImage}
            >
              <p>
                It may belong to another shop, or the link is incomplete. Search the list by order ID instead.
              </p>
            </EmptyState>
          </Card>
        </Page>
      );
    }
    return (
      <Page title="Referral" backAction={{ content: 'Referrals', url: '/referrals' }}>
        <PageError error={trail.error} onRetry={() => trail.refetch()} />
      </Page>
    );
  }
  return <ReferralDetail trail={trail.data} />;
}

function ReferralDetail({ trail }: { trail: Trail }) {
  const { referral, order, attribution } = trail;
  const people: Record<string, string> = referral.advocate
    ? { [referral.advocate.id.toLowerCase()]: personLabel(referral.advocate, 'the advocate') }
    : {};
  const currency = order?.currency ?? null;
  return (
    <Page
      title={order ? `Order #${order.orderId}` : 'Referral'}
      titleMetadata={<ReferralStatusBadge status={referral.status} />}
      subtitle={`Referred by ${personLabel(referral.advocate, 'an advocate')} · ${sourceLabel(referral.source)}`}
      backAction={{ content: 'Referrals', url: '/referrals' }}
      primaryAction={
        referral.status === 'review' ? { content: 'Review this referral', url: '/review' } : undefined
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Why it was credited
                </Text>
                <Text as="p">{ruleSentence(attribution.rule)}</Text>
                {attribution.signals.length > 0 ? (
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      Signals seen on the order
                    </Text>
                    <List type="bullet">
                      {attribution.signals.map((s) => (
                        <List.Item key={`${s.source}-${s.signal}-${s.at}`}>
                          <InlineStack gap="200" blockAlign="center">
                            <Text as="span">
                              {sourceLabel(s.source)}: {s.signal}
                            </Text>
                            <Badge tone={s.eligible ? 'success' : undefined}>
                              {s.eligible ? 'Counted' : 'Not counted'}
                            </Badge>
                          </InlineStack>
                          <Text as="span" tone="subdued">
                            {s.why}
                          </Text>
                        </List.Item>
                      ))}
                    </List>
                  </BlockStack>
                ) : null}
                {attribution.reasons.length > 0 ? (
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      How the decision was made
                    </Text>
                    <List type="number">
                      {attribution.reasons.map((r) => (
                        <List.Item key={r}>{readableReason(r, people)}</List.Item>
                      ))}
                    </List>
                  </BlockStack>
                ) : null}
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Risk checks
                  </Text>
                  <Badge tone={referral.riskScore >= 50 ? 'warning' : 'success'}>
                    {`Risk score ${referral.riskScore}`}
                  </Badge>
                </InlineStack>
                {trail.findings.length > 0 ? (
                  <RiskFindings findings={trail.findings} />
                ) : (
                  <Text as="p" tone="subdued">
                    No risk check matched: the friend shares no email, address, IP address or browser with the
                    advocate.
                  </Text>
                )}
                {trail.qualification.length > 0 ? (
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      Qualification notes
                    </Text>
                    <List type="bullet">
                      {trail.qualification.map((q) => (
                        <List.Item key={q}>{readableReason(q, people)}</List.Item>
                      ))}
                    </List>
                  </BlockStack>
                ) : null}
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  What happened
                </Text>
                <ReferralTrail trail={trail} />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Rewards
                </Text>
                {trail.rewards.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {referral.status === 'review'
                      ? 'No reward yet: rewards are granted when the referral is approved.'
                      : 'No reward was granted for this referral.'}
                  </Text>
                ) : (
                  trail.rewards.map((r) => (
                    <BlockStack gap="100" key={r.id}>
                      <InlineStack align="space-between" blockAlign="center">
                        <Text as="span" fontWeight="semibold">
                          {r.recipient === 'advocate' ? 'Advocate' : 'Friend'}:{' '}
                          {money(r.amountMinor, r.currency)} {rewardKindLabel(r.kind).toLowerCase()}
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
                                .map(
                                  (f) =>
                                    `${money(f.amountMinor, f.currency)} on ${formatDateTime(f.occurredAt)}`,
                                )
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
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
