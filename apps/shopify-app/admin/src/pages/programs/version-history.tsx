// Every published version, newest first, with who published it, when it applies, and what changed
// from the version before it (or between any two the marketer picks).
import type { ProgramVersion } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Card, Divider, InlineStack, Select, Text } from '@shopify/polaris';
import { useState } from 'react';
import { formatDateTime } from '../../components/dates.js';
import type { Formats } from './describe-rules.js';
import { VersionDiff } from './version-diff.js';

const who = (createdBy: string) =>
  createdBy.startsWith('staff:') ? `staff member ${createdBy.slice('staff:'.length)}` : createdBy;

type Props = { versions: ProgramVersion[]; currentVersion: number; formats: Formats };

export function VersionHistory({ versions, currentVersion, formats }: Props) {
  const newest = versions[0];
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  if (!newest) return null;
  const options = versions.map((v) => ({ label: `Version ${v.version}`, value: String(v.version) }));
  const from = compare?.from ?? versions[1]?.version ?? newest.version;
  const to = compare?.to ?? newest.version;
  const byNumber = (n: number) => versions.find((v) => v.version === n) ?? newest;
  const now = Date.now();

  return (
    <BlockStack gap="400">
      {versions.length > 1 ? (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Compare versions
            </Text>
            <InlineStack gap="300">
              <Select
                label="From"
                options={options}
                value={String(from)}
                onChange={(v) => setCompare({ from: Number(v), to })}
              />
              <Select
                label="To"
                options={options}
                value={String(to)}
                onChange={(v) => setCompare({ from, to: Number(v) })}
              />
            </InlineStack>
            <VersionDiff before={byNumber(from).rules} after={byNumber(to).rules} formats={formats} />
          </BlockStack>
        </Card>
      ) : null}
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Version history
          </Text>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            const scheduled = Date.parse(v.effectiveFrom) > now && v.version !== currentVersion;
            return (
              <BlockStack key={v.id} gap="200">
                {i > 0 ? <Divider /> : null}
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {`Version ${v.version}`}
                  </Text>
                  {v.version === currentVersion ? <Badge tone="success">In force</Badge> : null}
                  {scheduled ? <Badge tone="info">Scheduled</Badge> : null}
                </InlineStack>
                <Text as="p" tone="subdued">
                  {`${scheduled ? 'Applies' : 'Applied'} from ${formatDateTime(v.effectiveFrom, formats.locale)} · published ${formatDateTime(v.createdAt, formats.locale)} by ${who(v.createdBy)}`}
                </Text>
                {previous ? (
                  <VersionDiff before={previous.rules} after={v.rules} formats={formats} />
                ) : (
                  <Text as="p" tone="subdued">
                    The first version.
                  </Text>
                )}
              </BlockStack>
            );
          })}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
