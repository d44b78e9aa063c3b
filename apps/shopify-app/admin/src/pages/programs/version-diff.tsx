// What changed between two versions, field by field, in words ("Friend reward: 15% off → 20% off").
import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { BlockStack, InlineStack, Text } from '@shopify/polaris';
import { diffRules, type Formats } from './describe-rules.js';

export function VersionDiff({
  before,
  after,
  formats,
}: {
  before: ProgramRules;
  after: ProgramRules;
  formats: Formats;
}) {
  const changes = diffRules(before, after, formats);
  if (changes.length === 0) {
    return (
      <Text as="p" tone="subdued">
        The rules are the same in both versions.
      </Text>
    );
  }
  return (
    <BlockStack as="ul" gap="200">
      {changes.map((change) => (
        <li key={change.field} style={{ listStyle: 'none' }}>
          <InlineStack gap="100" wrap>
            <Text as="span" fontWeight="semibold">
              {change.field}:
            </Text>
            <Text as="span" tone="subdued">
              <s>{change.before}</s>
            </Text>
            <Text as="span">→</Text>
            <Text as="span">{change.after}</Text>
          </InlineStack>
        </li>
      ))}
    </BlockStack>
  );
}
