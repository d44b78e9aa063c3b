// Tiers: a bonus for the advocate at a number of successful referrals; added and removed freely.
import { BlockStack, Box, Button, Card, InlineStack, Text, TextField } from '@shopify/polaris';
import { newTier, type TierDraft } from './program-draft.js';
import type { DraftForm, FormFormats } from './program-form-fields.js';
import { RewardFields } from './reward-fields.js';

export function TiersCard({ form, currency, locale }: { form: DraftForm } & FormFormats) {
  const { draft, set, errors } = form;
  const change = (key: number, changes: Partial<TierDraft>) =>
    set(
      'tiers',
      draft.tiers.map((t) => (t.key === key ? { ...t, ...changes } : t)),
    );
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Tiers
        </Text>
        <Text as="p" tone="subdued">
          A bonus for advocates when they reach a number of successful referrals.
        </Text>
        {draft.tiers.map((tier, i) => (
          <Box key={tier.key} paddingBlockEnd="200">
            <BlockStack gap="200">
              <TextField
                label={`Tier ${i + 1}: at successful referral number`}
                autoComplete="off"
                inputMode="numeric"
                value={tier.atReferral}
                onChange={(atReferral) => change(tier.key, { atReferral })}
                error={errors[`rules.tiers.${i}.atReferral`] ?? errors['rules.tiers']}
              />
              <RewardFields
                label={`Tier ${i + 1} bonus`}
                value={tier.bonus}
                onChange={(bonus) => change(tier.key, { bonus })}
                path={`rules.tiers.${i}.bonus`}
                errors={errors}
                currency={currency}
                locale={locale}
              />
              <InlineStack>
                <Button
                  variant="plain"
                  tone="critical"
                  onClick={() =>
                    set(
                      'tiers',
                      draft.tiers.filter((t) => t.key !== tier.key),
                    )
                  }
                >
                  {`Remove tier ${i + 1}`}
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
        <InlineStack>
          <Button onClick={() => set('tiers', [...draft.tiers, newTier()])}>Add tier</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
