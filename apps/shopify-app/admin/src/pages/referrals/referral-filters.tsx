// The referral list's filter bar: the order search box, status, source and created date, and the
// applied filters as removable tags.
import { referralSources, referralStatuses } from '@referrals/shopify-app/admin-contract';
import { ChoiceList, IndexFilters, type IndexFiltersProps } from '@shopify/polaris';
import { type ListFilters, presetLabels } from './list-filters.js';
import { DateRangeFilter } from './referral-date-range.js';
import { sourceLabel, statusLabels } from './referral-words.js';

/** Every filter off (the typed order number stays). */
export const clearedFilters: Partial<ListFilters> = {
  statuses: [],
  sources: [],
  range: null,
  start: '',
  end: '',
};

function appliedFilters(filters: ListFilters, update: (changes: Partial<ListFilters>) => void) {
  return [
    ...(filters.statuses.length
      ? [
          {
            key: 'status',
            label: `Status: ${filters.statuses.map((s) => statusLabels[s]).join(', ')}`,
            onRemove: () => update({ statuses: [] }),
          },
        ]
      : []),
    ...(filters.sources.length
      ? [
          {
            key: 'source',
            label: `Source: ${filters.sources.map(sourceLabel).join(', ')}`,
            onRemove: () => update({ sources: [] }),
          },
        ]
      : []),
    ...(filters.range
      ? [
          {
            key: 'created',
            label:
              filters.range === 'custom'
                ? `Created: ${filters.start || '…'} to ${filters.end || '…'}`
                : `Created: ${presetLabels[filters.range].toLowerCase()}`,
            onRemove: () => update({ range: null, start: '', end: '' }),
          },
        ]
      : []),
  ];
}

type Props = {
  filters: ListFilters;
  update: (changes: Partial<ListFilters>) => void;
  /** The search box's text, ahead of the URL while typing. */
  search: string;
  onSearchChange: (text: string) => void;
  dateError?: string | undefined;
  loading: boolean;
  mode: IndexFiltersProps['mode'];
  setMode: IndexFiltersProps['setMode'];
};

export function ReferralFilterBar({ filters, update, search, onSearchChange, dateError, ...rest }: Props) {
  return (
    <IndexFilters
      queryValue={search}
      queryPlaceholder="Search by order ID"
      onQueryChange={onSearchChange}
      onQueryClear={() => {
        onSearchChange('');
        update({ order: '' });
      }}
      tabs={[{ id: 'all', content: 'All referrals' }]}
      selected={0}
      onSelect={() => {}}
      canCreateNewView={false}
      filters={[
        {
          key: 'status',
          label: 'Status',
          shortcut: true,
          filter: (
            <ChoiceList
              title="Status"
              titleHidden
              allowMultiple
              choices={referralStatuses.map((s) => ({ label: statusLabels[s], value: s }))}
              selected={filters.statuses}
              onChange={(statuses) => update({ statuses: statuses as ListFilters['statuses'] })}
            />
          ),
        },
        {
          key: 'source',
          label: 'Source',
          shortcut: true,
          filter: (
            <ChoiceList
              title="Source"
              titleHidden
              allowMultiple
              choices={referralSources.map((s) => ({ label: sourceLabel(s), value: s }))}
              selected={filters.sources}
              onChange={(sources) => update({ sources: sources as ListFilters['sources'] })}
            />
          ),
        },
        {
          key: 'created',
          label: 'Created',
          shortcut: true,
          filter: <DateRangeFilter filters={filters} update={update} error={dateError} />,
        },
      ]}
      appliedFilters={appliedFilters(filters, update)}
      onClearAll={() => update(clearedFilters)}
      mode={rest.mode}
      setMode={rest.setMode}
      loading={rest.loading}
    />
  );
}
