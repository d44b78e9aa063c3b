// Fraud checks: the scores at which a referral goes to review or is rejected, and which checks run.
import { programFraudRuleTypes } from '@referrals/shopify-app/admin-contract';
import { BlockStack, Card, Checkbox, FormLayout, Text } from '@shopify/polaris';
import { fraudRuleLabels } from './describe-rules.js';
import { type DraftForm, WholeField } from './program-form-fields.js';

export function FraudChecksCard({ form }: { form: DraftForm }) {
  const { draft, set } = form;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Fraud checks
        </Text>
        <FormLayout>
          <FormLayout.Group>
            <WholeField
              form={form}
              label="Review referrals scoring at least"
              field="reviewAt"
              path="rules.fraud.reviewAt"
              suffix="of 100"
            />
            <WholeField
              form={form}
              label="Reject referrals scoring at least"
              field="rejectAt"
              path="rules.fraud.rejectAt"
              suffix="of 100"
            />
          </FormLayout.Group>
          {programFraudRuleTypes.map((type) => (
            <Checkbox
              key={type}
              label={fraudRuleLabels[type]}
              checked={draft.fraudEnabled[type]}
              onChange={(on) => set('fraudEnabled', { ...draft.fraudEnabled, [type]: on })}
            />
          ))}
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
