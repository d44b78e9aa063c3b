// "Risk checks": the referral's risk score, the findings with their evidence (or that none
// matched), and the notes from qualifying it.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Card, InlineStack, List, Text } from '@shopify/polaris';
import { RiskFindings } from '../review/risk-findings.js';
import { readableReason } from './referral-words.js';

type Props = {
  trail: Trail;
  /** Lower-cased ids in the notes, with the words to show instead. */
  people: Record<string, string>;
};

export function RiskCard({ trail, people }: Props) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Risk checks
          </Text>
          <Badge tone={trail.referral.riskScore >= 50 ? 'warning' : 'success'}>
            {`Risk score ${trail.referral.riskScore}`}
          </Badge>
        </InlineStack>
        {trail.findings.length > 0 ? (
          <RiskFindings findings={trail.findings} />
        ) : (
          <Text as="p" tone="subdued">
            No risk check matched: the friend shares no email, address, IP address or browser with the
            advocate.
          </Text>
        )}
        {trail.qualification.length > 0 ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Qualification notes
            </Text>
            <List type="bullet">
              {trail.qualification.map((q) => (
                <List.Item key={q}>{readableReason(q, people)}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
