// When the new rules apply: now, or from a later day (never a past one).
import { BlockStack, Card, ChoiceList, TextField } from '@shopify/polaris';
import { type ProgramDraft, todayIso } from './program-draft.js';
import type { DraftForm } from './program-form-fields.js';

export function ScheduleCard({ form }: { form: DraftForm }) {
  const { draft, set, errors } = form;
  return (
    <Card>
      <BlockStack gap="300">
        <ChoiceList
          title="When these rules apply"
          choices={[
            { label: 'Now', value: 'now' },
            {
              label: 'From a later day',
              value: 'later',
              helpText: 'Gives you time to tell your advocates about the change before it applies.',
            },
          ]}
          selected={[draft.schedule]}
          onChange={([v]) => set('schedule', (v ?? 'now') as ProgramDraft['schedule'])}
        />
        {draft.schedule === 'later' ? (
          <TextField
            label="Applies from"
            type="date"
            autoComplete="off"
            min={todayIso()}
            value={draft.effectiveDate}
            onChange={(v) => set('effectiveDate', v)}
            error={errors.effectiveFrom}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
