// The search box's answer: why one order was or wasn't credited, from the stored decision, even
// when no referral came of it; a link to the full trail when one did.
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  List,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { normalizeOrderNumber, useOrderExplanation } from '../../api/referrals.js';
import { PageError } from '../../components/page-error.js';
import {
  money,
  ReferralStatusBadge,
  readableReason,
  rewardKindLabel,
  ruleSentence,
  sourceLabel,
} from './referral-words.js';

export function OrderExplanationCard({ orderNumber }: { orderNumber: string }) {
  const explanation = useOrderExplanation(orderNumber);
  const label = `Order #${normalizeOrderNumber(orderNumber)}`;
  if (explanation.isPending) {
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {label}
          </Text>
          <SkeletonBodyText lines={3} />
        </BlockStack>
      </Card>
    );
  }
  if (explanation.isError)
    return <PageError error={explanation.error} onRetry={() => explanation.refetch()} />;
  const data = explanation.data;
  if (!data) {
    return (
      <Banner tone="warning" title={`${label} is not on record`}>
        <p>
          Orders appear once Shopify has sent them to the app. Check the ID: it is the number at the end of
          the order's address in your Shopify admin.
        </p>
      </Banner>
    );
  }
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {label}
            </Text>
            <Badge tone={data.credited ? 'success' : undefined}>
              {data.credited ? 'Credited' : 'Not credited'}
            </Badge>
            {data.referral ? <ReferralStatusBadge status={data.referral.status} /> : null}
          </InlineStack>
          {data.referral ? (
            <Button url={`/referrals/${data.referral.id}`} variant="primary">
              Open the full trail
            </Button>
          ) : null}
        </InlineStack>
        <Text as="p">{ruleSentence(data.decidedBy)}</Text>
        {data.signals.length > 0 ? (
          <List type="bullet">
            {data.signals.map((s) => (
              <List.Item key={`${s.source}-${s.signal}-${s.at}`}>
                {`${sourceLabel(s.source)}: ${readableReason(s.signal)} — ${s.eligible ? 'counted' : 'not counted'} (${readableReason(s.why)})`}
              </List.Item>
            ))}
          </List>
        ) : null}
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            How the decision was made
          </Text>
          <List type="number">
            {data.reasons.map((r) => (
              <List.Item key={r}>{readableReason(r)}</List.Item>
            ))}
          </List>
        </BlockStack>
        {data.rewards.length > 0 ? (
          <Text as="p" tone="subdued">
            {`Rewards: ${data.rewards
              .map(
                (r) =>
                  `${r.recipient === 'advocate' ? 'advocate' : 'friend'} ${money(r.amountMinor, r.currency)} ${rewardKindLabel(r.kind).toLowerCase()}`,
              )
              .join(', ')}`}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
