// The advocate's working link and code, each with a copy button, and every code they have had
// (disabled ones marked) when there is more than one or none works.
import type { AdvocateDetail } from '@referrals/shopify-app/admin-contract';
import { Badge, BlockStack, Button, Card, InlineStack, Text, TextField } from '@shopify/polaris';

function CopyField({ label, value, onCopied }: { label: string; value: string; onCopied: () => void }) {
  const copy = async () => {
    await navigator.clipboard?.writeText(value);
    onCopied();
  };
  return (
    <TextField
      label={label}
      value={value}
      readOnly
      autoComplete="off"
      connectedRight={<Button onClick={() => void copy()}>Copy</Button>}
    />
  );
}

type Props = {
  advocate: AdvocateDetail;
  suspended: boolean;
  /** Says (in a toast) what was copied. */
  onCopied: (message: string) => void;
};

export function LinkAndCodeCard({ advocate: a, suspended, onCopied }: Props) {
  const code = a.linkCode;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Link and code
        </Text>
        {code ? (
          <>
            {a.link ? (
              <CopyField label="Referral link" value={a.link} onCopied={() => onCopied('Link copied')} />
            ) : null}
            <CopyField label="Code" value={code} onCopied={() => onCopied('Code copied')} />
            {suspended ? (
              <Text as="p" tone="caution">
                While the advocate is suspended, this link and code credit no referrals.
              </Text>
            ) : null}
          </>
        ) : (
          <Text as="p" tone="subdued">
            Every code of this advocate is disabled, so they have no working link. Earlier codes are listed
            below.
          </Text>
        )}
        {a.codes.length > 1 || !code ? (
          <InlineStack gap="200">
            {a.codes.map((c) => (
              <Badge key={c.code} tone={c.status === 'active' ? 'success' : undefined}>
                {`${c.code}${c.status === 'disabled' ? ' (disabled)' : ''}`}
              </Badge>
            ))}
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
