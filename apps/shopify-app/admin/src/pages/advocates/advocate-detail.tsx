// One advocate: their link and code (with copy buttons), the score and its components, their
// referrals and rewards, the balance and anything owed; disable or rotate the code, suspend or
// reactivate, each after a confirmation (the server audits who did it).
import { BlockStack, Card, Layout, Page, SkeletonBodyText, SkeletonPage } from '@shopify/polaris';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useAdvocate, useDisableCode, useRotateCode, useSetAdvocateStatus } from '../../api/advocates.js';
import { errorMessage } from '../../api/client.js';
import { PageError } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import { BalanceCard, ScoreCard } from './advocate-cards.js';
import { type AdvocateAction, ConfirmActionModal } from './advocate-confirm-modal.js';
import { AdvocateStatusBadge, advocateName, formatDate } from './advocate-format.js';
import { LinkAndCodeCard } from './advocate-link-card.js';
import { AdvocateReferralsCard } from './advocate-referrals-table.js';
import { AdvocateRewardsCard } from './advocate-rewards-table.js';

export function AdvocateDetailPage() {
  const { advocateId = '' } = useParams();
  const locale = typeof navigator !== 'undefined' ? navigator.language : undefined;
  const advocate = useAdvocate(advocateId);
  const disable = useDisableCode(advocateId);
  const rotate = useRotateCode(advocateId);
  const setStatus = useSetAdvocateStatus(advocateId);
  const { show, toast } = useToast();
  const [confirm, setConfirm] = useState<AdvocateAction | null>(null);

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
  const run = (which: AdvocateAction) => {
    if (which === 'disable' && code) disable.mutate(code, done('Code disabled'));
    if (which === 'rotate' && code)
      rotate.mutate(code, done('Code rotated: share the new link with the advocate'));
    if (which === 'suspend') setStatus.mutate('suspended', done('Advocate suspended'));
    if (which === 'reactivate') setStatus.mutate('active', done('Advocate reactivated'));
  };
  const suspended = a.advocate.status === 'suspended';

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
            <LinkAndCodeCard advocate={a} suspended={suspended} onCopied={show} />
            <AdvocateReferralsCard referrals={a.referrals} locale={locale} />
            <AdvocateRewardsCard rewards={a.rewards} locale={locale} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <BalanceCard balances={a.balances} locale={locale} />
            <ScoreCard score={a.score} />
          </BlockStack>
        </Layout.Section>
      </Layout>
      {confirm ? (
        <ConfirmActionModal
          action={confirm}
          pending={pending}
          onConfirm={() => run(confirm)}
          onClose={() => setConfirm(null)}
        />
      ) : null}
      {toast}
    </Page>
  );
}
