// The advocate's score with what it is made of, and the referrals they brought.
import {
  Flex,
  Heading,
  ScoreCircle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type { AdvocateScore, Referral } from './card-payload';
import { type DisplayFormat, formatDate, formatMinor, statusTags } from './format';

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function ScoreBreakdown({ score }: { score: AdvocateScore }) {
  return (
    <Flex direction="column" gap="xs">
      <Heading>Advocate score</Heading>
      <Flex direction="row" gap="sm" align="center">
        <ScoreCircle score={Math.round(score.score)} />
        <Text testId="advocate-score">
          {points(score.score)} / 100 (formula v{score.version})
        </Text>
      </Flex>
      {score.components.length > 0 && (
        <Table bordered={true} density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>Component</TableHeader>
              <TableHeader>Points</TableHeader>
              <TableHeader>Detail</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {score.components.map((component) => (
              <TableRow key={component.key} testId={`score-${component.key}`}>
                <TableCell>{component.label}</TableCell>
                <TableCell>
                  {points(component.points)} / {points(component.max)}
                </TableCell>
                <TableCell>{component.detail}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Flex>
  );
}

export function ReferralsTable({ referrals, format }: { referrals: Referral[]; format: DisplayFormat }) {
  if (referrals.length === 0) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>Their referrals</Heading>
        <Text>No referrals yet.</Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="xs">
      <Heading>Their referrals</Heading>
      <Table bordered={true} density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>Friend</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Order total</TableHeader>
            <TableHeader>Date</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {referrals.map((referral, i) => {
            const tag = statusTags[referral.status];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the contract gives referrals no id; rows never reorder within one answer
              <TableRow key={i} testId={`referral-${i}`}>
                <TableCell>{referral.friend ?? 'Erased'}</TableCell>
                <TableCell>
                  <Tag variant={tag.variant}>{tag.label}</Tag>
                </TableCell>
                <TableCell>
                  {referral.orderTotalMinor === null
                    ? 'No order yet'
                    : formatMinor(referral.orderTotalMinor, referral.currency, format.locale)}
                </TableCell>
                <TableCell>{formatDate(referral.at, format.timeZone, format.locale)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Flex>
  );
}
