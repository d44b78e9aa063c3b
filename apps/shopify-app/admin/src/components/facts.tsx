// Label–value rows for a narrow side card: DescriptionList's fixed term column wraps short labels
// mid-word there ("Refunde d"), so each fact is one row with the value set against the right edge.
import { BlockStack, Box, InlineStack, Text } from '@shopify/polaris';
import type { ReactNode } from 'react';

export type Fact = { term: string; description: ReactNode };

export function Facts({ items }: { items: Fact[] }) {
  return (
    <BlockStack gap="200">
      {items.map((item, i) => (
        <Box
          key={item.term}
          {...(i > 0
            ? { borderBlockStartWidth: '025', borderColor: 'border-secondary', paddingBlockStart: '200' }
            : {})}
        >
          <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
            <Text as="span" tone="subdued">
              {item.term}
            </Text>
            <Box>
              <Text as="span" alignment="end">
                {item.description}
              </Text>
            </Box>
          </InlineStack>
        </Box>
      ))}
    </BlockStack>
  );
}
