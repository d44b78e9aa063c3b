// The review queue: each referral the risk checks held back, with its reasons and the evidence
// (matching email, address, IP, browser), and an approve / reject with a note. The verdict is
// audited with the staff member; approving grants the rewards (pending until the hold ends).
import type { ReviewQueueItem } from '@referrals/shopify-app/admin-contract';
import {
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { useReviewQueue, useReviewReferral } from '../../api/referrals.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { PageError } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import { formatDateTime, money, personLabel, sourceLabel } from '../referrals/referral-words.js';
import { RiskFindings } from './risk-findings.js';

type Decided = { referralId: string; orderId: string; verdict: 'approve' | 'reject' };

export function ReviewQueuePage() {
  const queue = useReviewQueue();
  const { show, toast } = useToast();
  const [decided, setDecided] = useState<Decided | null>(null);

  if (queue.isPending) {
    return (
      <SkeletonPage title="Review queue">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {[0, 1].map((i) => (
                <Card key={i}>
                  <SkeletonBodyText lines={6} />
                </Card>
              ))}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  const items = queue.data ?? [];
  return (
    <Page
      title="Review queue"
      subtitle="Referrals the risk checks held back. Approve to grant the rewards, or reject to end the referral."
      secondaryActions={[{ content: 'All referrals', url: '/referrals' }]}
    >
      <Layout>
        {decided ? (
          <Layout.Section>
            <Banner
              tone={decided.verdict === 'approve' ? 'success' : 'info'}
              title={
                decided.verdict === 'approve'
                  ? `Order #${decided.orderId} approved`
                  : `Order #${decided.orderId} rejected`
              }
              action={{ content: 'See the referral', url: `/referrals/${decided.referralId}` }}
              onDismiss={() => setDecided(null)}
            >
              <p>
                {decided.verdict === 'approve'
                  ? "Its reward is pending: it is issued when the programme's hold ends, unless the order is refunded first."
                  : 'No reward will be granted, and any unused welcome code for the friend is withdrawn.'}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {queue.isError ? (
          <Layout.Section>
            <PageError error={queue.error} onRetry={() => queue.refetch()} />
          </Layout.Section>
        ) : items.length === 0 ? (
          <Layout.Section>
            <Card>
              <EmptyState
                heading="Nothing to review"
                action={{ content: 'View referrals', url: '/referrals' }}
                secondaryAction={{ content: 'Adjust the risk checks', url: '/programs' }}
                image={emptyStateImage}
              >
                <p>
                  When a referral looks risky (the friend shares an email, address, IP address or browser with
                  the advocate), it waits here for your decision before any reward is granted.
                </p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="p" tone="subdued">
                {items.length === 1
                  ? '1 referral is waiting, oldest first.'
                  : `${items.length} referrals are waiting, oldest first.`}
              </Text>
              {items.map((item) => (
                <ReviewCard
                  key={item.id}
                  item={item}
                  onDecided={(verdict) => {
                    setDecided({ referralId: item.id, orderId: item.orderId, verdict });
                    show(
                      verdict === 'approve'
                        ? 'Referral approved. Its reward is pending.'
                        : 'Referral rejected.',
                    );
                  }}
                />
              ))}
            </BlockStack>
          </Layout.Section>
        )}
      </Layout>
      {toast}
    </Page>
  );
}

function ReviewCard({
  item,
  onDecided,
}: {
  item: ReviewQueueItem;
  onDecided: (verdict: 'approve' | 'reject') => void;
}) {
  const review = useReviewReferral();
  const [note, setNote] = useState('');
  const [pendingVerdict, setPendingVerdict] = useState<'approve' | 'reject' | null>(null);
  const fieldError = review.error instanceof ApiError ? review.error.body.fields?.note?.[0] : undefined;
  const otherError = review.error && !fieldError ? errorMessage(review.error) : undefined;

  const decide = async (verdict: 'approve' | 'reject') => {
    setPendingVerdict(verdict);
    try {
      // mutateAsync, not mutate's callbacks: the card unmounts as the refreshed queue drops it.
      await review.mutateAsync({ referralId: item.id, verdict, note });
      onDecided(verdict);
    } catch {
      // Shown from review.error: the note's field error inline, anything else in a banner.
    }
  };

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Order #{item.orderId} · {money(item.totalMinor, item.currency)}
            </Text>
            <Text as="p" tone="subdued">
              {`Referred by ${personLabel(item.advocate, 'an advocate')} to ${item.friendEmail ?? 'a friend with no email'} · ${sourceLabel(item.source)} · ${formatDateTime(item.createdAt)}`}
            </Text>
          </BlockStack>
          <Button url={`/referrals/${item.id}`} variant="plain">
            See the full trail
          </Button>
        </InlineStack>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {`Why it was held: risk score ${item.riskScore}`}
          </Text>
          <RiskFindings findings={item.findings} />
        </BlockStack>
        {otherError ? (
          <Banner tone="critical" onDismiss={() => review.reset()}>
            <p>{otherError}</p>
          </Banner>
        ) : null}
        <TextField
          label="Note"
          helpText="Saved in the audit log with your name, and shown on the referral."
          value={note}
          onChange={setNote}
          multiline={2}
          maxLength={500}
          autoComplete="off"
          error={fieldError}
          disabled={review.isPending}
        />
        <InlineStack gap="200" align="end">
          <Button
            tone="critical"
            onClick={() => decide('reject')}
            loading={review.isPending && pendingVerdict === 'reject'}
            disabled={review.isPending}
          >
            Reject
          </Button>
          <Button
            variant="primary"
            onClick={() => decide('approve')}
            loading={review.isPending && pendingVerdict === 'approve'}
            disabled={review.isPending}
          >
            Approve
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
