// One advocate: their link and code (with copy buttons), the score and its components, their
// referrals and rewards, the balance and anything owed; disable or rotate the code, suspend or
// reactivate, each after a confirmation (the server audits who did it).
import type { AdvocateDetail } from '@referrals/shopify-app/admin-contract';
import {
  Badge,
  BlockStack,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Modal,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useAdvocate, useDisableCode, useRotateCode, useSetAdvocateStatus } from '../../api/advocates.js';
import { errorMessage } from '../../api/client.js';
import { formatMoney } from '../../components/money.js';
import { PageError } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import { BalanceCard, ScoreCard } from './advocate-cards.js';
import { AdvocateStatusBadge, advocateName, formatDate } from './advocate-format.js';

type Confirm = 'disable' | 'rotate' | 'suspend' | 'reactivate';

const confirmations: Record<Confirm, { title: string; body: string; action: string; destructive: boolean }> =
  {
    disable: {
      title: 'Disable this code?',
      body: 'The code and the link stop crediting referrals at once. The advocate keeps what they earned. You can give them a fresh code later by rotating.',
      action: 'Disable code',
      destructive: true,
    },
    rotate: {
      title: 'Rotate this code?',
      body: 'The current code and link stop working and the advocate gets a new one, for example after the code leaked to a coupon site. Let them know their new link.',
      action: 'Rotate code',
      destructive: false,
    },
    suspend: {
      title: 'Suspend this advocate?',
      body: 'Their code and link stop crediting new referrals. Rewards already earned are not touched. You can reactivate them at any time.',
      action: 'Suspend',
      destructive: true,
    },
    reactivate: {
      title: 'Reactivate this advocate?',
      body: 'Their active code and link credit referrals again.',
      action: 'Reactivate',
      destructive: false,
    },
  };

const referralTones = {
  pending: undefined,
  qualified: 'info',
  review: 'attention',
  approved: 'success',
  rewarded: 'success',
  rejected: 'critical',
  reversed: 'warning',
} as const;
const rewardTones = {
  held: 'attention',
  released: 'info',
  issued: 'success',
  voided: undefined,
  reversed: 'warning',
  rejected: 'critical',
} as const;
const rewardStatusWords = {
  held: 'Pending',
  released: 'Issuing',
  issued: 'Issued',
  voided: 'Voided',
  reversed: 'Clawed back',
  rejected: 'Rejected',
} as const;
const rewardKindWords = {
  percent_discount: 'Percentage discount',
  fixed_discount: 'Discount code',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
  points: 'Points',
} as const;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function rewardValue(r: AdvocateDetail['rewards'][number], locale?: string): string {
  if (r.kind === 'percent_discount' && r.bps !== null) return `${r.bps / 100} % off`;
  if (r.currency === 'PTS') return `${r.amountMinor} points`;
  return formatMoney(r.amountMinor, r.currency, locale);
}

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

export function AdvocateDetailPage() {
  const { advocateId = '' } = useParams();
  const navigate = useNavigate();
  const locale = typeof navigator !== 'undefined' ? navigator.language : undefined;
  const advocate = useAdvocate(advocateId);
  const disable = useDisableCode(advocateId);
  const rotate = useRotateCode(advocateId);
  const setStatus = useSetAdvocateStatus(advocateId);
  const { show, toast } = useToast();
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  if (advocate.isPending) {
    return (
      <SkeletonPage title="Advocate" backAction primaryAction>
        <Layout>
          <Layout.Section>
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  if (advocate.isError) {
    return (
      <Page title="Advocate" backAction={{ content: 'Advocates', url: '/advocates' }}>
        <PageError error={advocate.error} onRetry={() => void advocate.refetch()} />
      </Page>
    );
  }

  const a = advocate.data;
  const name = advocateName(a.advocate);
  const code = a.linkCode;
  const pending = disable.isPending || rotate.isPending || setStatus.isPending;
  const done = (message: string) => ({
    onSuccess: () => {
      setConfirm(null);
      show(message);
    },
    onError: (error: unknown) => {
      setConfirm(null);
      show(errorMessage(error), { error: true });
    },
  });
  const run = (which: Confirm) => {
    if (which === 'disable' && code) disable.mutate(code, done('Code disabled'));
    if (which === 'rotate' && code)
      rotate.mutate(code, done('Code rotated: share the new link with the advocate'));
    if (which === 'suspend') setStatus.mutate('suspended', done('Advocate suspended'));
    if (which === 'reactivate') setStatus.mutate('active', done('Advocate reactivated'));
  };
  const suspended = a.advocate.status === 'suspended';
  const dialog = confirm ? confirmations[confirm] : null;

  return (
    <Page
      title={name}
      titleMetadata={<AdvocateStatusBadge status={a.advocate.status} />}
      subtitle={`${a.advocate.email && a.advocate.firstName ? `${a.advocate.email} · ` : ''}Enrolled ${formatDate(a.advocate.createdAt, locale)} in ${a.advocate.program.name}`}
      backAction={{ content: 'Advocates', url: '/advocates' }}
      primaryAction={
        suspended
          ? { content: 'Reactivate', onAction: () => setConfirm('reactivate'), disabled: pending }
          : {
              content: 'Suspend',
              destructive: true,
              onAction: () => setConfirm('suspend'),
              disabled: pending,
            }
      }
      secondaryActions={
        code
          ? [
              { content: 'Rotate code', onAction: () => setConfirm('rotate'), disabled: pending },
              {
                content: 'Disable code',
                destructive: true,
                onAction: () => setConfirm('disable'),
                disabled: pending,
              },
            ]
          : []
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Link and code
                </Text>
                {code ? (
                  <>
                    {a.link ? (
                      <CopyField label="Referral link" value={a.link} onCopied={() => show('Link copied')} />
                    ) : null}
                    <CopyField label="Code" value={code} onCopied={() => show('Code copied')} />
                    {suspended ? (
                      <Text as="p" tone="caution">
                        While the advocate is suspended, this link and code credit no referrals.
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    Every code of this advocate is disabled, so they have no working link. Earlier codes are
                    listed below.
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
            <Card padding="0">
              <BlockStack>
                <div style={{ padding: 'var(--p-space-400)' }}>
                  <Text as="h2" variant="headingMd">
                    Referrals
                  </Text>
                </div>
                <IndexTable
                  resourceName={{ singular: 'referral', plural: 'referrals' }}
                  itemCount={a.referrals.length}
                  selectable={false}
                  emptyState={
                    <div style={{ padding: 'var(--p-space-400)' }}>
                      <Text as="p" tone="subdued">
                        No referrals yet. They appear here when a friend orders with this advocate’s code or
                        link.
                      </Text>
                    </div>
                  }
                  headings={[{ title: 'Friend' }, { title: 'Order' }, { title: 'Status' }, { title: 'Date' }]}
                >
                  {a.referrals.map((r, index) => (
                    <IndexTable.Row
                      id={r.id}
                      key={r.id}
                      position={index}
                      onClick={() => navigate(`/referrals/${r.id}`)}
                    >
                      <IndexTable.Cell>{r.friend ?? 'Redacted customer'}</IndexTable.Cell>
                      <IndexTable.Cell>
                        {r.order ? formatMoney(r.order.amountMinor, r.order.currency, locale) : '—'}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge tone={referralTones[r.status]}>{capitalise(r.status)}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{formatDate(r.createdAt, locale)}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </BlockStack>
            </Card>
            <Card padding="0">
              <BlockStack>
                <div style={{ padding: 'var(--p-space-400)' }}>
                  <Text as="h2" variant="headingMd">
                    Rewards
                  </Text>
                </div>
                <IndexTable
                  resourceName={{ singular: 'reward', plural: 'rewards' }}
                  itemCount={a.rewards.length}
                  selectable={false}
                  emptyState={
                    <div style={{ padding: 'var(--p-space-400)' }}>
                      <Text as="p" tone="subdued">
                        No rewards yet. A reward is granted when a referral is approved.
                      </Text>
                    </div>
                  }
                  headings={[
                    { title: 'Reward' },
                    { title: 'Value', alignment: 'end' },
                    { title: 'Status' },
                    { title: 'Date' },
                  ]}
                >
                  {a.rewards.map((r, index) => (
                    <IndexTable.Row id={r.id} key={r.id} position={index}>
                      <IndexTable.Cell>{rewardKindWords[r.kind]}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {rewardValue(r, locale)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge tone={rewardTones[r.status]}>{rewardStatusWords[r.status]}</Badge>
                        {r.status === 'held' ? (
                          <Text as="span" variant="bodySm" tone="subdued">
                            {` until ${formatDate(r.holdUntil, locale)}`}
                          </Text>
                        ) : null}
                      </IndexTable.Cell>
                      <IndexTable.Cell>{formatDate(r.createdAt, locale)}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <BalanceCard balances={a.balances} locale={locale} />
            <ScoreCard score={a.score} />
          </BlockStack>
        </Layout.Section>
      </Layout>
      {dialog && confirm ? (
        <Modal
          open
          onClose={() => setConfirm(null)}
          title={dialog.title}
          primaryAction={{
            content: dialog.action,
            destructive: dialog.destructive,
            loading: pending,
            disabled: pending,
            onAction: () => run(confirm),
          }}
          secondaryActions={[{ content: 'Cancel', onAction: () => setConfirm(null) }]}
        >
          <Modal.Section>
            <Text as="p">{dialog.body}</Text>
          </Modal.Section>
        </Modal>
      ) : null}
      {toast}
    </Page>
  );
}
