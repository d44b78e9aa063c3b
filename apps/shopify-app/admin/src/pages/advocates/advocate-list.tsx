// Advocates: everyone enrolled, searchable by email, first name or code, sorted by referrals,
// referred revenue, score or newest, a page at a time; "Enrol customer" adds one by email.
import type { AdvocateSortKey } from '@referrals/shopify-app/admin-contract';
import {
  Badge,
  Card,
  EmptyState,
  IndexFilters,
  type IndexFiltersProps,
  IndexTable,
  Layout,
  Page,
  Text,
  useSetIndexFiltersMode,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAdvocates } from '../../api/advocates.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { formatMoney } from '../../components/money.js';
import { ListPageSkeleton, PageErrorPage } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import { AdvocateStatusBadge, advocateName, describeBalance, formatDate } from './advocate-format.js';
import { EnrollModal } from './enroll-modal.js';

const sortOptions: IndexFiltersProps['sortOptions'] = [
  { label: 'Enrolled', value: 'newest desc', directionLabel: 'Newest first' },
  { label: 'Referrals', value: 'referrals desc', directionLabel: 'Most first' },
  { label: 'Referred revenue', value: 'revenue desc', directionLabel: 'Highest first' },
  { label: 'Score', value: 'score desc', directionLabel: 'Highest first' },
];

/** The search box's text, settled for a moment before it becomes a request. */
function useDebounced(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function AdvocateListPage() {
  const locale = typeof navigator !== 'undefined' ? navigator.language : undefined;
  const navigate = useNavigate();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [queryText, setQueryText] = useState('');
  const search = useDebounced(queryText);
  const [sort, setSort] = useState<AdvocateSortKey>('newest');
  const [cursor, setCursor] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const { show, toast } = useToast();
  // A new search or sort starts again at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the search and sort are what reset the page.
  useEffect(() => setCursor(null), [search, sort]);
  const advocates = useAdvocates({ search, sort, cursor });

  const enrollAction = { content: 'Enrol customer', onAction: () => setEnrolling(true) };
  const modal = (
    <EnrollModal
      open={enrolling}
      onClose={() => setEnrolling(false)}
      onEnrolled={(message) => show(message)}
    />
  );

  if (advocates.isPending) {
    return <ListPageSkeleton title="Advocates" />;
  }
  if (advocates.isError) {
    return (
      <PageErrorPage title="Advocates" error={advocates.error} onRetry={() => void advocates.refetch()} />
    );
  }

  const data = advocates.data;
  if (data.total === 0 && !search.trim() && !cursor) {
    return (
      <Page title="Advocates" primaryAction={enrollAction}>
        <Card>
          <EmptyState
            heading="No advocates yet"
            action={enrollAction}
            secondaryAction={{ content: 'View programmes', url: '/programs' }}
            image={emptyStateImage}
          >
            <p>
              Customers join from the referral page in your store, or you can enrol one by email. Each
              advocate gets a code and a link to share with friends.
            </p>
          </EmptyState>
        </Card>
        {modal}
        {toast}
      </Page>
    );
  }

  const currency = data.currency;
  const rows = data.advocates.map((a, index) => (
    <IndexTable.Row id={a.id} key={a.id} position={index} onClick={() => navigate(`/advocates/${a.id}`)}>
      <IndexTable.Cell>
        <Text as="span" variant="bodyMd" fontWeight="semibold">
          {advocateName(a)}
        </Text>
        {a.firstName && a.email ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {a.email}
          </Text>
        ) : null}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {a.code ? (
          <Text as="span" variant="bodyMd" fontWeight="medium">
            {a.code}
          </Text>
        ) : (
          <Badge>No active code</Badge>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        <AdvocateStatusBadge status={a.status} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {a.successfulReferrals}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {formatMoney(a.referredRevenueMinor, currency, locale)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {formatMoney(a.rewardValueMinor, currency, locale)}
          {a.rewardCount > 0 ? ` (${a.rewardCount})` : ''}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric tone={a.balanceMinor < 0 ? 'critical' : undefined}>
          {describeBalance(a.balanceMinor, currency, locale)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {a.score}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{formatDate(a.createdAt, locale)}</IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Page
      title="Advocates"
      subtitle="Everyone sharing your store, what they brought in and what they have coming"
      primaryAction={enrollAction}
    >
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexFilters
              tabs={[{ id: 'all', content: 'All' }]}
              selected={0}
              onSelect={() => undefined}
              queryValue={queryText}
              queryPlaceholder="Search by email, name or code"
              onQueryChange={setQueryText}
              onQueryClear={() => setQueryText('')}
              sortOptions={sortOptions}
              sortSelected={[`${sort} desc`]}
              onSort={(value) =>
                setSort((value[0]?.split(' ')[0] as AdvocateSortKey | undefined) ?? 'newest')
              }
              filters={[]}
              appliedFilters={[]}
              onClearAll={() => setQueryText('')}
              mode={mode}
              setMode={setMode}
              canCreateNewView={false}
              loading={advocates.isFetching}
            />
            <IndexTable
              resourceName={{ singular: 'advocate', plural: 'advocates' }}
              itemCount={data.advocates.length}
              selectable={false}
              loading={advocates.isPlaceholderData}
              emptyState={
                <EmptyState heading="No advocates match" image={emptyStateImage}>
                  <p>Try another email, first name or code.</p>
                </EmptyState>
              }
              headings={[
                { title: 'Advocate' },
                { title: 'Code' },
                { title: 'Status' },
                { title: 'Referrals', alignment: 'end' },
                { title: 'Referred revenue', alignment: 'end' },
                { title: 'Rewards', alignment: 'end' },
                { title: 'Balance', alignment: 'end' },
                { title: 'Score', alignment: 'end' },
                { title: 'Enrolled' },
              ]}
              pagination={{
                hasPrevious: data.previousCursor !== null,
                hasNext: data.nextCursor !== null,
                onPrevious: () => setCursor(data.previousCursor),
                onNext: () => setCursor(data.nextCursor),
                label: `${data.total} ${data.total === 1 ? 'advocate' : 'advocates'}`,
              }}
            >
              {rows}
            </IndexTable>
          </Card>
        </Layout.Section>
      </Layout>
      {modal}
      {toast}
    </Page>
  );
}
