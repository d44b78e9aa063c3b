// Every referral, newest first, filtered by status, source and date; the search box takes an order
// number and shows why that order was or wasn't credited, even when no referral came of it.
import {
  BlockStack,
  Card,
  EmptyState,
  IndexFiltersMode,
  IndexTable,
  Link,
  Page,
  Text,
  useSetIndexFiltersMode,
} from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useReferrals, useReviewQueueCount } from '../../api/referrals.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { ListPageSkeleton, PageError } from '../../components/page-error.js';
import { filtersFromParams, type ListFilters, listQuery, paramsFromFilters } from './list-filters.js';
import { OrderExplanationCard } from './order-explanation.js';
import { clearedFilters, ReferralFilterBar } from './referral-filters.js';
import { formatDateTime, money, personLabel, ReferralStatusBadge, sourceLabel } from './referral-words.js';

export function ReferralListPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = (changes: Partial<ListFilters>) =>
    setParams(paramsFromFilters({ ...filters, ...changes }), { replace: true });

  // Cursor pages: a stack of the cursors that opened each page after the first.
  const [cursors, setCursors] = useState<string[]>([]);
  const filterKey = `${filters.statuses}|${filters.sources}|${filters.range}|${filters.start}|${filters.end}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again at page one
  useEffect(() => setCursors([]), [filterKey]);
  const query = listQuery(filters, cursors.at(-1));
  const list = useReferrals(query);
  const reviewCount = useReviewQueueCount();

  // The search box updates the URL a moment after typing stops.
  const [search, setSearch] = useState(filters.order);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text triggers it
  useEffect(() => {
    const handle = setTimeout(() => {
      if (search.trim() !== filters.order) update({ order: search.trim() });
    }, 400);
    return () => clearTimeout(handle);
  }, [search]);

  // The search box and the applied filters stay open: searching an order is this page's other job.
  const { mode, setMode } = useSetIndexFiltersMode(IndexFiltersMode.Filtering);
  const fieldErrors = list.error instanceof ApiError ? (list.error.body.fields ?? {}) : {};
  const dateError = fieldErrors.to?.[0] ?? fieldErrors.from?.[0];
  const filtered =
    filters.statuses.length > 0 ||
    filters.sources.length > 0 ||
    filters.range !== null ||
    filters.order !== '';

  if (list.isPending) {
    return <ListPageSkeleton title="Referrals" />;
  }

  const rows = list.data?.referrals ?? [];
  const nextCursor = list.data?.pageInfo.nextCursor ?? null;

  return (
    <Page
      title="Referrals"
      subtitle="Every order credited to an advocate, and why. Search an order ID to see why any order was or wasn't credited."
      primaryAction={{
        content: reviewCount ? `Review queue (${reviewCount})` : 'Review queue',
        url: '/review',
      }}
    >
      <BlockStack gap="400">
        {filters.order ? <OrderExplanationCard orderNumber={filters.order} /> : null}
        {list.isError && !dateError ? <PageError error={list.error} onRetry={() => list.refetch()} /> : null}
        <Card padding="0">
          <ReferralFilterBar
            filters={filters}
            update={update}
            search={search}
            onSearchChange={setSearch}
            dateError={dateError}
            loading={list.isFetching}
            mode={mode}
            setMode={setMode}
          />
          <IndexTable
            resourceName={{ singular: 'referral', plural: 'referrals' }}
            itemCount={rows.length}
            selectable={false}
            loading={list.isFetching}
            emptyState={
              filtered || cursors.length > 0 ? (
                <EmptyState
                  heading={dateError ? 'Check the dates' : 'No referrals match these filters'}
                  action={{
                    content: 'Clear filters',
                    onAction: () => update(clearedFilters),
                  }}
                  image={emptyStateImage}
                >
                  <p>{dateError ?? 'Try a wider date range or another status.'}</p>
                </EmptyState>
              ) : (
                <EmptyState
                  heading="No referrals yet"
                  action={{ content: 'Set up a programme', url: '/programs' }}
                  image={emptyStateImage}
                >
                  <p>
                    When a friend orders through an advocate's link or code, the referral appears here with
                    the reason it was credited. You can still search any order ID to see why it wasn't.
                  </p>
                </EmptyState>
              )
            }
            headings={[
              { title: 'Order' },
              { title: 'Advocate' },
              { title: 'Friend' },
              { title: 'Source' },
              { title: 'Status' },
              { title: 'Risk', alignment: 'end' },
              { title: 'Total', alignment: 'end' },
              { title: 'Created' },
            ]}
            pagination={{
              hasPrevious: cursors.length > 0,
              onPrevious: () => setCursors((c) => c.slice(0, -1)),
              hasNext: nextCursor !== null,
              onNext: () => nextCursor && setCursors((c) => [...c, nextCursor]),
            }}
          >
            {rows.map((r, index) => (
              <IndexTable.Row id={r.id} key={r.id} position={index}>
                <IndexTable.Cell>
                  <Link url={`/referrals/${r.id}`} dataPrimaryLink removeUnderline monochrome>
                    <Text as="span" fontWeight="semibold">
                      #{r.orderId}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{personLabel(r.advocate, 'Unknown advocate')}</IndexTable.Cell>
                <IndexTable.Cell>{r.friendEmail ?? '—'}</IndexTable.Cell>
                <IndexTable.Cell>{sourceLabel(r.source)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <ReferralStatusBadge status={r.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric tone={r.riskScore >= 50 ? 'caution' : undefined}>
                    {r.riskScore}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {money(r.totalMinor, r.currency)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(r.createdAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
