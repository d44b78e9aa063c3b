// The two halves of the card: how this contact was referred, and their own advocate record.
import {
  Button,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  Link,
  Statistics,
  StatisticsItem,
  Text,
} from '@hubspot/ui-extensions';
import { ReferralsTable, ScoreBreakdown } from './advocate-details';
import type { Advocate, ReferredBy } from './card-payload';
import { type DisplayFormat, formatDate, formatMinor, sourceLabels } from './format';

/** What the card needs from the extension's actions; narrow so tests pass plain spies. */
export type CardActions = {
  copyText: (text: string) => Promise<void> | void;
  notify: (message: string, type: 'success' | 'danger') => void;
};

export function ReferredBySection({
  referredBy,
  format,
}: {
  referredBy: ReferredBy | null;
  format: DisplayFormat;
}) {
  if (!referredBy) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>Referred by</Heading>
        <Text>Not referred by an advocate.</Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="xs">
      <Heading>Referred by</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label="Advocate">
          <Text testId="referred-by-advocate">{advocateLabel(referredBy)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="How">
          <Text testId="referred-by-source">{sourceLabels[referredBy.source]}</Text>
        </DescriptionListItem>
        {referredBy.code !== null && (
          <DescriptionListItem label="Code">
            <Text testId="referred-by-code">{referredBy.code}</Text>
          </DescriptionListItem>
        )}
        <DescriptionListItem label="When">
          <Text>{formatDate(referredBy.at, format.timeZone, format.locale)}</Text>
        </DescriptionListItem>
      </DescriptionList>
    </Flex>
  );
}

function advocateLabel({ advocateName, advocateEmail }: ReferredBy): string {
  if (advocateName && advocateEmail) return `${advocateName} (${advocateEmail})`;
  return advocateName ?? advocateEmail ?? 'An advocate whose details were erased';
}

export function AdvocateSection({
  advocate,
  actions,
  format,
}: {
  advocate: Advocate;
  actions: CardActions;
  format: DisplayFormat;
}) {
  const { link, code, rewards } = advocate;
  const copyLink = async () => {
    if (!link) return;
    try {
      await actions.copyText(link);
      actions.notify('Referral link copied', 'success');
    } catch {
      actions.notify('The referral link could not be copied', 'danger');
    }
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>Advocate</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label="Referral link">
          {link ? <Link href={{ url: link, external: true }}>{link}</Link> : <Text>No active link</Text>}
        </DescriptionListItem>
        <DescriptionListItem label="Referral code">
          <Text testId="advocate-code">{code ?? 'No active code'}</Text>
        </DescriptionListItem>
      </DescriptionList>
      {link && (
        <Button size="sm" variant="secondary" onClick={copyLink}>
          Copy link
        </Button>
      )}
      <Statistics>
        <StatisticsItem label="Referrals" number={advocate.referrals.length} />
        <StatisticsItem
          label="Referred revenue"
          number={formatMinor(advocate.revenueMinor, advocate.currency, format.locale)}
        />
        <StatisticsItem
          label="Rewards earned"
          number={formatMinor(rewards.earnedMinor, rewards.currency, format.locale)}
        />
        <StatisticsItem
          label="Rewards pending"
          number={formatMinor(rewards.pendingMinor, rewards.currency, format.locale)}
        />
      </Statistics>
      <ScoreBreakdown score={advocate.score} />
      <ReferralsTable referrals={advocate.referrals} format={format} />
    </Flex>
  );
}
