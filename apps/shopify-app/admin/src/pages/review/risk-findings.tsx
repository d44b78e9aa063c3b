// Each risk finding: its reason, what it added to the score, and the evidence that matched.
import type { RiskFinding } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Box, DescriptionList, InlineStack, Text } from '@shopify/polaris';

export function RiskFindings({ findings }: { findings: RiskFinding[] }) {
  return (
    <BlockStack gap="300">
      {findings.map((f) => (
        <Box key={f.rule} padding="300" background="bg-surface-secondary" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <Badge tone="warning">{`+${f.score}`}</Badge>
              <Text as="p" fontWeight="semibold">
                {f.reason}
              </Text>
            </InlineStack>
            {f.evidence.length > 0 ? (
              <DescriptionList
                gap="tight"
                items={f.evidence.map((e) => ({ term: e.label, description: e.value }))}
              />
            ) : null}
          </BlockStack>
        </Box>
      ))}
    </BlockStack>
  );
}
