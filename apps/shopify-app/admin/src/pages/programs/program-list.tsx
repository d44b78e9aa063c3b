// Programmes: each with its status, the version in force and what each side gets.
import type { ProgramSummary } from '@referrals/shopify-app/admin-contract';
import {
  Card,
  EmptyState,
  IndexFilters,
  IndexTable,
  Layout,
  Page,
  Text,
  useSetIndexFiltersMode,
} from '@shopify/polaris';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { usePrograms, useShopMoney } from '../../api/programs.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { formatDate } from '../../components/dates.js';
import { ListPageSkeleton, PageError } from '../../components/page-error.js';
import { describeReward } from './describe-rules.js';
import { ProgramStatusBadge } from './program-status-badge.js';

const tabs = ['All', 'Active', 'Paused'] as const;
type SortKey = 'name asc' | 'name desc' | 'created asc' | 'created desc';

export function ProgramListPage() {
  const programs = usePrograms();
  const shop = useShopMoney();
  const navigate = useNavigate();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [tab, setTab] = useState(0);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey[]>(['created desc']);

  const rows = useMemo(() => {
    const list = programs.data?.programs ?? [];
    const status = tab === 1 ? 'active' : tab === 2 ? 'paused' : null;
    const q = query.trim().toLowerCase();
    const filtered = list.filter(
      (p) => (!status || p.status === status) && (!q || p.name.toLowerCase().includes(q)),
    );
    const [key, dir] = (sort[0] ?? 'created desc').split(' ');
    const sign = dir === 'asc' ? 1 : -1;
    return [...filtered].sort((a, b) =>
      key === 'name' ? sign * a.name.localeCompare(b.name) : sign * a.createdAt.localeCompare(b.createdAt),
    );
  }, [programs.data, tab, query, sort]);

  if (programs.isPending || shop.isPending) {
    return <ListPageSkeleton title="Programmes" lines={6} />;
  }
  const failed = programs.isError ? programs : shop.isError ? shop : null;
  if (failed || !shop.currency) {
    return (
      <Page title="Programmes">
        <PageError
          error={failed?.error}
          onRetry={() => void Promise.all([programs.refetch(), shop.refetch()])}
        />
      </Page>
    );
  }
  const formats = { currency: shop.currency, locale: shop.locale };
  const all = programs.data?.programs ?? [];
  const primaryAction = { content: 'Create programme', url: '/programs/new' };

  if (all.length === 0) {
    return (
      <Page title="Programmes">
        <Card>
          <EmptyState
            heading="Start your first referral programme"
            action={{ content: 'Create programme', url: '/programs/new' }}
            image={emptyStateImage}
          >
            <p>
              Choose what a friend gets on their first order and what the advocate earns for sending them.
            </p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  const side = (p: ProgramSummary, which: 'friendReward' | 'advocateReward') => {
    const text = describeReward(p.current.rules[which], formats);
    return text === 'Nothing' ? (
      <Text as="span" tone="subdued">
        Nothing
      </Text>
    ) : (
      text.charAt(0).toUpperCase() + text.slice(1)
    );
  };

  return (
    <Page title="Programmes" primaryAction={primaryAction}>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexFilters
              tabs={tabs.map((content, i) => ({ id: content.toLowerCase(), content, index: i }))}
              selected={tab}
              onSelect={setTab}
              queryValue={query}
              queryPlaceholder="Search programmes"
              onQueryChange={setQuery}
              onQueryClear={() => setQuery('')}
              sortOptions={[
                { label: 'Created', value: 'created asc', directionLabel: 'Oldest first' },
                { label: 'Created', value: 'created desc', directionLabel: 'Newest first' },
                { label: 'Name', value: 'name asc', directionLabel: 'A–Z' },
                { label: 'Name', value: 'name desc', directionLabel: 'Z–A' },
              ]}
              sortSelected={sort}
              onSort={(v) => setSort(v as SortKey[])}
              filters={[]}
              appliedFilters={[]}
              onClearAll={() => setQuery('')}
              mode={mode}
              setMode={setMode}
              canCreateNewView={false}
            />
            <IndexTable
              resourceName={{ singular: 'programme', plural: 'programmes' }}
              itemCount={rows.length}
              selectable={false}
              headings={[
                { title: 'Programme' },
                { title: 'Status' },
                { title: 'Version' },
                { title: 'Friend gets' },
                { title: 'Advocate gets' },
              ]}
            >
              {rows.map((p, i) => (
                <IndexTable.Row
                  id={p.id}
                  key={p.id}
                  position={i}
                  onClick={() => navigate(`/programs/${p.id}`)}
                >
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {p.name}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <ProgramStatusBadge status={p.status} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {`Version ${p.current.version}`}
                    {p.scheduled[0] ? (
                      <Text as="span" tone="subdued">
                        {` · version ${p.scheduled[0].version} from ${formatDate(p.scheduled[0].effectiveFrom, shop.locale)}`}
                      </Text>
                    ) : null}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{side(p, 'friendReward')}</IndexTable.Cell>
                  <IndexTable.Cell>{side(p, 'advocateReward')}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
