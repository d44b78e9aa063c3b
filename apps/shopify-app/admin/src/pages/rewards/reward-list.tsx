// Rewards: every reward the programmes granted, by status (pending with its release date, issued
// with Shopify's id, failed with why and a retry, clawed back) and recipient, searchable by email,
// and exported as CSV exactly as filtered.
import type { Reward, RewardStatus } from '@referrals/shopify-app/admin-contract';
import {
  BlockStack,
  Button,
  Card,
  ChoiceList,
  EmptyState,
  IndexFilters,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Text,
  useSetIndexFiltersMode,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client.js';
import { type RewardFilters, useExportRewards, useRetryReward, useRewards } from '../../api/rewards.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { ListPageSkeleton, PageErrorPage } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import {
  describeClawback,
  describeIssueAttempts,
  describeRewardValue,
  formatDate,
  RewardStatusBadge,
  shopifyIdLabel,
} from './reward-format.js';

const tabs: { id: string; content: string; status: RewardStatus | null }[] = [
  { id: 'all', content: 'All', status: null },
  { id: 'pending', content: 'Pending', status: 'pending' },
  { id: 'issuing', content: 'Issuing', status: 'issuing' },
  { id: 'issued', content: 'Issued', status: 'issued' },
  { id: 'failed', content: 'Failed', status: 'failed' },
  { id: 'clawed_back', content: 'Clawed back', status: 'clawed_back' },
  { id: 'voided', content: 'Voided', status: 'voided' },
];

const recipientLabels = { advocate: 'Advocates', friend: 'Friends' } as const;

/** The search box's text, settled for a moment before it becomes a request. */
function useDebounced(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function RewardListPage() {
  const locale = typeof navigator !== 'undefined' ? navigator.language : undefined;
  const { mode, setMode } = useSetIndexFiltersMode();
  // The status tab and the recipient live in the URL (/rewards?status=failed links straight to them).
  const [params, setParams] = useSearchParams();
  const tab = Math.max(
    0,
    tabs.findIndex((t) => t.status === params.get('status')),
  );
  const recipientParam = params.get('recipient');
  const recipient: RewardFilters['recipient'] =
    recipientParam === 'advocate' || recipientParam === 'friend' ? recipientParam : null;
  const setParam = (key: 'status' | 'recipient', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const setTab = (index: number) => setParam('status', tabs[index]?.status ?? null);
  const setRecipient = (value: RewardFilters['recipient']) => setParam('recipient', value);
  const [queryText, setQueryText] = useState('');
  const query = useDebounced(queryText);
  const status = tabs[tab]?.status ?? null;
  const filters: RewardFilters = { status: status ? [status] : [], recipient, query };
  const rewards = useRewards(filters);
  const exporter = useExportRewards();
  const retry = useRetryReward();
  const { show, toast } = useToast();
  const [pageIndex, setPageIndex] = useState(0);
  // A new filter starts again at its first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are what resets the page.
  useEffect(() => setPageIndex(0), [tab, recipient, query]);

  if (rewards.isPending) {
    return <ListPageSkeleton title="Rewards" />;
  }
  if (rewards.isError) {
    return <PageErrorPage title="Rewards" error={rewards.error} onRetry={() => void rewards.refetch()} />;
  }

  const pages = rewards.data.pages;
  const filtered = status !== null || recipient !== null || query.trim() !== '';
  if (!filtered && (pages[0]?.rewards.length ?? 0) === 0) {
    return (
      <Page title="Rewards">
        <Card>
          <EmptyState
            heading="No rewards yet"
            action={{ content: 'View programmes', url: '/programs' }}
            image={emptyStateImage}
          >
            <p>
              When a referred friend’s order is paid, the advocate’s reward appears here, with the date it is
              released. Check that a programme is live and the referral embed is on in your theme.
            </p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  const shown = pages[Math.min(pageIndex, pages.length - 1)]?.rewards ?? [];
  const hasNext = pageIndex < pages.length - 1 || rewards.hasNextPage;
  const next = async () => {
    if (pageIndex >= pages.length - 1) await rewards.fetchNextPage();
    setPageIndex((i) => i + 1);
  };

  const onExport = () =>
    exporter.mutate(filters, {
      onSuccess: () => show('Your CSV is downloading'),
      onError: (error) => show(errorMessage(error), { error: true }),
    });
  const onRetry = (reward: Reward) =>
    retry.mutate(reward.id, {
      onSuccess: () => show('We’ll try to issue this reward again within a minute'),
      onError: (error) => show(errorMessage(error), { error: true }),
    });

  const clearAll = () => {
    setRecipient(null);
    setQueryText('');
  };
  const clearEverything = () => {
    clearAll();
    setTab(0);
  };

  return (
    <Page
      title="Rewards"
      subtitle="What each advocate and friend earned, and where it stands on Shopify"
      primaryAction={{
        content: 'Export CSV',
        onAction: onExport,
        loading: exporter.isPending,
        disabled: exporter.isPending,
        accessibilityLabel: 'Export these rewards as a CSV file',
      }}
    >
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexFilters
              tabs={tabs.map((t, index) => ({ id: t.id, content: t.content, index }))}
              selected={tab}
              onSelect={setTab}
              queryValue={queryText}
              queryPlaceholder="Search by recipient email"
              onQueryChange={setQueryText}
              onQueryClear={() => setQueryText('')}
              filters={[
                {
                  key: 'recipient',
                  label: 'Recipient',
                  shortcut: true,
                  filter: (
                    <ChoiceList
                      title="Recipient"
                      titleHidden
                      choices={[
                        { label: 'Advocates', value: 'advocate' },
                        { label: 'Friends', value: 'friend' },
                      ]}
                      selected={recipient ? [recipient] : []}
                      onChange={(v) => setRecipient((v[0] as RewardFilters['recipient']) ?? null)}
                    />
                  ),
                },
              ]}
              appliedFilters={
                recipient
                  ? [
                      {
                        key: 'recipient',
                        label: recipientLabels[recipient],
                        onRemove: () => setRecipient(null),
                      },
                    ]
                  : []
              }
              onClearAll={clearAll}
              mode={mode}
              setMode={setMode}
              canCreateNewView={false}
              loading={rewards.isFetching}
            />
            <IndexTable
              resourceName={{ singular: 'reward', plural: 'rewards' }}
              itemCount={shown.length}
              selectable={false}
              loading={rewards.isFetchingNextPage}
              headings={[
                { title: 'Recipient' },
                { title: 'Reward' },
                { title: 'Status' },
                { title: 'Release date' },
                { title: 'Shopify' },
                { title: 'Action', hidden: true },
              ]}
              emptyState={
                <EmptyState
                  heading="No rewards match"
                  action={{ content: 'Clear filters', onAction: clearEverything }}
                  image={emptyStateImage}
                >
                  <p>Try another status, recipient or email.</p>
                </EmptyState>
              }
              pagination={{
                hasPrevious: pageIndex > 0,
                onPrevious: () => setPageIndex((i) => Math.max(0, i - 1)),
                hasNext,
                onNext: () => void next(),
              }}
            >
              {shown.map((reward, position) => (
                <RewardRow
                  key={reward.id}
                  reward={reward}
                  position={position}
                  locale={locale}
                  retrying={retry.isPending && retry.variables === reward.id}
                  onRetry={onRetry}
                />
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
      </Layout>
      {toast}
    </Page>
  );
}

function RewardRow({
  reward,
  position,
  locale,
  retrying,
  onRetry,
}: {
  reward: Reward;
  position: number;
  locale: string | undefined;
  retrying: boolean;
  onRetry: (reward: Reward) => void;
}) {
  const who = reward.recipientName ?? reward.recipientEmail ?? 'Customer removed';
  const shopifyId = shopifyIdLabel(reward.platformRef);
  return (
    <IndexTable.Row id={reward.id} position={position}>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <Text as="span" fontWeight="semibold">
            {who}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {reward.recipient === 'advocate' ? 'Advocate' : 'Friend'}
            {reward.recipientName && reward.recipientEmail ? ` · ${reward.recipientEmail}` : ''}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>{describeRewardValue(reward, locale)}</IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <InlineStack>
            <RewardStatusBadge status={reward.status} />
          </InlineStack>
          {reward.status === 'failed' && reward.issueError ? (
            <Text as="span" tone="critical" variant="bodySm">
              {reward.issueError}
            </Text>
          ) : null}
          {reward.status === 'failed' && reward.issueAttempts > 0 ? (
            <Text as="span" tone="subdued" variant="bodySm">
              {describeIssueAttempts(reward, locale)}
            </Text>
          ) : null}
          {reward.status === 'clawed_back' ? (
            <Text as="span" tone="subdued" variant="bodySm">
              {describeClawback(reward, locale)}
            </Text>
          ) : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {reward.status === 'pending' ? (
          formatDate(reward.holdUntil, locale)
        ) : reward.releasedAt ? (
          <Text as="span" tone="subdued">{`Released ${formatDate(reward.releasedAt, locale)}`}</Text>
        ) : (
          <Text as="span" tone="subdued">
            Not released
          </Text>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {shopifyId ? (
          <BlockStack gap="050">
            <Text as="span">{shopifyId}</Text>
            {reward.issuedAt ? (
              <Text
                as="span"
                tone="subdued"
                variant="bodySm"
              >{`Issued ${formatDate(reward.issuedAt, locale)}`}</Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="span" tone="subdued">
            Not issued
          </Text>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {reward.status === 'failed' ? (
          <Button
            size="slim"
            onClick={() => onRetry(reward)}
            loading={retrying}
            disabled={retrying}
            accessibilityLabel={`Retry issuing the reward for ${who}`}
          >
            Retry
          </Button>
        ) : null}
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
