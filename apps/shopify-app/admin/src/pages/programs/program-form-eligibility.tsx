// Who counts as a referral: new customers only, a minimum order, the attribution window, and
// which advocate wins when a friend clicked several links.
import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, Text } from '@shopify/polaris';
import type { ProgramDraft } from './program-draft.js';
import { type DraftForm, type FormFormats, MoneyField, WholeField } from './program-form-fields.js';

export function EligibilityCard({ form, currency, locale }: { form: DraftForm } & FormFormats) {
  const { draft, set } = form;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Who counts as a referral
        </Text>
        <FormLayout>
          <Checkbox
            label="New customers only"
            helpText="A friend who has ordered before earns nobody a reward."
            checked={draft.newCustomersOnly}
            onChange={(v) => set('newCustomersOnly', v)}
          />
          <FormLayout.Group>
            <MoneyField
              form={form}
              currency={currency}
              locale={locale}
              label="Minimum order"
              field="minimumOrder"
              path="rules.eligibility.minimumOrderMinor"
              helpText="Leave empty for any amount."
            />
            <WholeField
              form={form}
              label="Attribution window"
              field="windowDays"
              path="rules.eligibility.attributionWindowDays"
              suffix="days"
              helpText="How long after clicking a link an order still counts."
            />
          </FormLayout.Group>
          <ChoiceList
            title="When a friend clicked several advocates’ links"
            choices={[
              { label: 'The last link they clicked wins (last touch)', value: 'last_touch' },
              { label: 'The first link they clicked wins (first touch)', value: 'first_touch' },
            ]}
            selected={[draft.attributionModel]}
            onChange={([v]) =>
              set('attributionModel', (v ?? 'last_touch') as ProgramDraft['attributionModel'])
            }
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
