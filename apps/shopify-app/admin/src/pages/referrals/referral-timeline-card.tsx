// "What happened": the referral's trail in time order, in a card.
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { BlockStack, Card, Text } from '@shopify/polaris';
import { ReferralTrail } from './referral-trail.js';

export function TimelineCard({ trail }: { trail: Trail }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What happened
        </Text>
        <ReferralTrail trail={trail} />
      </BlockStack>
    </Card>
  );
}
