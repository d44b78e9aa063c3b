// Who gets a reward (the friend, the advocate or both) and what each side receives.
import { BlockStack, Card, ChoiceList } from '@shopify/polaris';
import type { ProgramDraft } from './program-draft.js';
import type { DraftForm, FormFormats } from './program-form-fields.js';
import { RewardFields } from './reward-fields.js';

const noSideChosen = 'Reward the advocate, the friend, or both.';

export function RewardSidesCard({ form, currency, locale }: { form: DraftForm } & FormFormats) {
  const { draft, set, errors } = form;
  return (
    <Card>
      <BlockStack gap="400">
        <ChoiceList
          title="Who gets a reward"
          choices={[
            { label: 'The friend and the advocate', value: 'both' },
            { label: 'Only the friend', value: 'friend' },
            { label: 'Only the advocate', value: 'advocate' },
          ]}
          selected={[draft.sides]}
          onChange={([sides]) => set('sides', (sides ?? 'both') as ProgramDraft['sides'])}
          error={errors['rules.advocateReward'] === noSideChosen ? errors['rules.advocateReward'] : undefined}
        />
        {draft.sides !== 'advocate' ? (
          <RewardFields
            label="Friend reward"
            value={draft.friend}
            onChange={(v) => set('friend', v)}
            path="rules.friendReward"
            errors={errors}
            currency={currency}
            locale={locale}
          />
        ) : null}
        {draft.sides !== 'friend' ? (
          <RewardFields
            label="Advocate reward"
            value={draft.advocate}
            onChange={(v) => set('advocate', v)}
            path="rules.advocateReward"
            errors={errors}
            currency={currency}
            locale={locale}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
