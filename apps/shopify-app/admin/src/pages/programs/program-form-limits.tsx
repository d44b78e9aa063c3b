// Hold and limits: how long rewards wait for returns, and the monthly and lifetime caps per
// advocate, by count and by value.
import { BlockStack, Card, FormLayout, Text } from '@shopify/polaris';
import { type DraftForm, type FormFormats, MoneyField, WholeField } from './program-form-fields.js';

export function HoldAndLimitsCard({ form, currency, locale }: { form: DraftForm } & FormFormats) {
  const money = { form, currency, locale };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Hold and limits
        </Text>
        <FormLayout>
          <WholeField
            form={form}
            label="Hold rewards for"
            field="holdDays"
            path="rules.holdDays"
            suffix="days"
            helpText="Rewards wait this long after the order, so returns can cancel them."
          />
          <FormLayout.Group>
            <WholeField
              form={form}
              label="Most rewards per advocate a month"
              field="monthlyCount"
              path="rules.caps.perAdvocatePerMonth.count"
            />
            <MoneyField
              {...money}
              label="Most reward value per advocate a month"
              field="monthlyAmount"
              path="rules.caps.perAdvocatePerMonth.amountMinor"
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <WholeField
              form={form}
              label="Most rewards per advocate in total"
              field="lifetimeCount"
              path="rules.caps.lifetime.count"
            />
            <MoneyField
              {...money}
              label="Most reward value per advocate in total"
              field="lifetimeAmount"
              path="rules.caps.lifetime.amountMinor"
            />
          </FormLayout.Group>
          <Text as="p" tone="subdued">
            Leave a limit empty for no limit.
          </Text>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
