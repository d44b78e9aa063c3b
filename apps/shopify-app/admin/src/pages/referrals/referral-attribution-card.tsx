// "Why it was credited": the attribution rule in words, the signals seen on the order (counted or
// not, and why), and the steps of the decision.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Card, InlineStack, List, Text } from '@shopify/polaris';
import { readableReason, ruleSentence, sourceLabel } from './referral-words.js';

type Props = {
  attribution: Trail['attribution'];
  /** Lower-cased ids in the reasons, with the words to show instead. */
  people: Record<string, string>;
};

export function AttributionCard({ attribution, people }: Props) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Why it was credited
        </Text>
        <Text as="p">{ruleSentence(attribution.rule)}</Text>
        {attribution.signals.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Signals seen on the order
            </Text>
            <List type="bullet">
              {attribution.signals.map((s) => (
                <List.Item key={`${s.source}-${s.signal}-${s.at}`}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span">
                      {sourceLabel(s.source)}: {readableReason(s.signal, people)}
                    </Text>
                    <Badge tone={s.eligible ? 'success' : undefined}>
                      {s.eligible ? 'Counted' : 'Not counted'}
                    </Badge>
                  </InlineStack>
                  <Text as="span" tone="subdued">
                    {readableReason(s.why, people)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
        {attribution.reasons.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              How the decision was made
            </Text>
            <List type="number">
              {attribution.reasons.map((r) => (
                <List.Item key={r}>{readableReason(r, people)}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
