// The plain-language preview beside the form: what each side gets, in the shop's currency.
import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { BlockStack, Card, List, Text } from '@shopify/polaris';
import { type Formats, previewDetails, previewSentence } from './describe-rules.js';

export function ProgramPreview({ rules, formats }: { rules: ProgramRules; formats: Formats }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What advocates and friends will read
        </Text>
        <Text as="p" variant="bodyLg" fontWeight="semibold">
          <span data-testid="program-preview-sentence">{previewSentence(rules, formats)}</span>
        </Text>
        <List type="bullet">
          {previewDetails(rules, formats).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </BlockStack>
    </Card>
  );
}
