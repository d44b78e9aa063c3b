// The list's "Created" filter: a preset range, or from and to days of one's own (the server's
// answer on a bad range shows under "To").
import { BlockStack, ChoiceList, InlineStack, TextField } from '@shopify/polaris';
import { type DatePreset, datePresets, type ListFilters, presetLabels } from './list-filters.js';

type Props = {
  filters: ListFilters;
  update: (changes: Partial<ListFilters>) => void;
  error?: string | undefined;
};

export function DateRangeFilter({ filters, update, error }: Props) {
  return (
    <BlockStack gap="200">
      <ChoiceList
        title="Created"
        titleHidden
        choices={datePresets.map((p) => ({ label: presetLabels[p], value: p }))}
        selected={filters.range ? [filters.range] : []}
        onChange={([range]) => update({ range: (range as DatePreset) ?? null })}
      />
      {filters.range === 'custom' ? (
        <InlineStack gap="200" wrap={false}>
          <TextField
            label="From"
            type="date"
            autoComplete="off"
            value={filters.start}
            onChange={(start) => update({ start })}
          />
          <TextField
            label="To"
            type="date"
            autoComplete="off"
            value={filters.end}
            onChange={(end) => update({ end })}
            error={error}
          />
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}
