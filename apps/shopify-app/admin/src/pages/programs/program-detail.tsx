// One programme: the rules in force in words, editing (a new version, now or from a later day),
// the version history with what changed, and pause / resume.
import { Banner, BlockStack, Card, Layout, Page, SkeletonBodyText, SkeletonPage } from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client.js';
import {
  useProgram,
  usePublishProgramVersion,
  useSetProgramStatus,
  useShopMoney,
} from '../../api/programs.js';
import { formatDateTime } from '../../components/dates.js';
import { PageError } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';
import { draftFromRules } from './program-draft.js';
import { ProgramForm } from './program-form.js';
import { ProgramPreview } from './program-preview.js';
import { ProgramStatusBadge } from './program-status-badge.js';
import { VersionHistory } from './version-history.js';

export function ProgramDetailPage() {
  const { programId = '' } = useParams();
  const program = useProgram(programId);
  const shop = useShopMoney();
  const publish = usePublishProgramVersion(programId);
  const status = useSetProgramStatus(programId);
  const { show, toast } = useToast();
  const location = useLocation();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);

  // A toast handed over by the page that sent us here ("Programme created").
  const handedToast = (location.state as { toast?: string } | null)?.toast;
  useEffect(() => {
    if (!handedToast) return;
    show(handedToast);
    navigate(location.pathname, { replace: true, state: null });
  }, [handedToast, show, navigate, location.pathname]);

  const latest = program.data?.versions[0];
  const currency = shop.currency;
  const initial = useMemo(
    () => (latest && currency ? draftFromRules(latest.rules, currency, program.data?.name) : null),
    [latest, currency, program.data?.name],
  );

  if (program.isPending || shop.isPending) {
    return (
      <SkeletonPage title="Programme" backAction primaryAction>
        <Layout>
          <Layout.Section>
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  if (program.isError || shop.isError || !currency || !program.data || !initial) {
    const error = program.error ?? shop.error;
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <Page title="Programme" backAction={{ content: 'Programmes', url: '/programs' }}>
        {missing ? (
          <Banner
            tone="warning"
            title="This programme doesn’t exist"
            action={{ content: 'See all programmes', url: '/programs' }}
          >
            <p>It may belong to another shop, or the link is wrong.</p>
          </Banner>
        ) : (
          <PageError error={error} onRetry={() => void Promise.all([program.refetch(), shop.refetch()])} />
        )}
      </Page>
    );
  }

  const p = program.data;
  const formats = { currency, locale: shop.locale };
  const paused = p.status === 'paused';
  const toggle = () =>
    status.mutate(
      { status: paused ? 'active' : 'paused' },
      {
        onSuccess: (r) => show(r.status === 'paused' ? 'Programme paused' : 'Programme resumed'),
        onError: (e) => show(errorMessage(e), { error: true }),
      },
    );
  const failure = publish.error;

  return (
    <Page
      title={p.name}
      titleMetadata={<ProgramStatusBadge status={p.status} />}
      subtitle={`Version ${p.current.version} in force`}
      backAction={{ content: 'Programmes', url: '/programs' }}
      {...(editing ? {} : { primaryAction: { content: 'Edit rules', onAction: () => setEditing(true) } })}
      secondaryActions={
        p.status === 'archived'
          ? []
          : [
              {
                content: paused ? 'Resume programme' : 'Pause programme',
                onAction: toggle,
                loading: status.isPending,
                disabled: status.isPending,
              },
            ]
      }
    >
      <BlockStack gap="400">
        {paused ? (
          <Banner tone="warning" title="This programme is paused">
            <p>
              While it is paused, new orders earn no referral rewards and friends get no new welcome codes.
              Rewards already earned are still paid.
            </p>
          </Banner>
        ) : null}
        {p.scheduled.map((v) => (
          <Banner
            key={v.id}
            tone="info"
            title={`Version ${v.version} applies from ${formatDateTime(v.effectiveFrom, shop.locale)}`}
          >
            <p>
              Until then, version {p.current.version} stays in force. Now is a good time to tell your
              advocates.
            </p>
          </Banner>
        ))}
        {editing ? (
          <ProgramForm
            key={latest?.id}
            initial={initial}
            currency={currency}
            locale={shop.locale}
            askName={false}
            submitLabel="Publish new version"
            pending={publish.isPending}
            unchangedFrom={latest?.rules}
            serverErrors={failure instanceof ApiError ? failure.body.fields : undefined}
            serverMessage={failure ? errorMessage(failure) : undefined}
            onCancel={() => {
              publish.reset();
              setEditing(false);
            }}
            onSubmit={({ rules, effectiveFrom }) =>
              publish.mutate(
                { rules, effectiveFrom },
                {
                  onSuccess: (r) => {
                    setEditing(false);
                    show(effectiveFrom ? `Version ${r.version} scheduled` : `Version ${r.version} published`);
                  },
                },
              )
            }
          />
        ) : (
          <Layout>
            <Layout.Section>
              <VersionHistory versions={p.versions} currentVersion={p.current.version} formats={formats} />
            </Layout.Section>
            <Layout.Section variant="oneThird">
              <ProgramPreview rules={p.current.rules} formats={formats} />
            </Layout.Section>
          </Layout>
        )}
      </BlockStack>
      {toast}
    </Page>
  );
}
