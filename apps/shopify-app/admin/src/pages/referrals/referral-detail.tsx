// One referral, "why credited / why not": the decision and the signals behind it, the risk
// findings with their evidence, what happened in time order, the order and its refunds, the rewards.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import {
  BlockStack,
  Card,
  EmptyState,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
} from '@shopify/polaris';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useReferralTrail } from '../../api/referrals.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { PageError } from '../../components/page-error.js';
import { AttributionCard } from './referral-attribution-card.js';
import { RiskCard } from './referral-risk-card.js';
import { OrderCard, PeopleCard, RewardsCard } from './referral-sidebar.js';
import { TimelineCard } from './referral-timeline-card.js';
import { personLabel, ReferralStatusBadge, sourceLabel } from './referral-words.js';

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
            <AttributionCard attribution={attribution} people={people} />
            <RiskCard trail={trail} people={people} />
            <TimelineCard trail={trail} />
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <RewardsCard trail={trail} />
            <OrderCard trail={trail} />
            <PeopleCard referral={referral} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
