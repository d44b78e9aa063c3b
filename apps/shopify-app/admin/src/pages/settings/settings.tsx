// Settings: the HubSpot connection and its sync, the theme's app embed (with a deep link into the
// theme editor), advocates' codes at Shopify's checkout, webhook health per topic, and the data
// requests Shopify sent us.
import type {
  CheckoutCodes,
  HubspotSettings,
  PrivacyRequest,
  WebhookTopic,
} from '@referrals/shopify-app/admin-contract';
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { errorMessage } from '../../api/client.js';
import { useConnectHubspot, usePrivacyRequests, useSettings } from '../../api/settings.js';
import { useSetup } from '../../api/setup.js';
import emptyStateImage from '../../assets/empty-state.svg';
import { formatDateTime } from '../../components/dates.js';
import { PageError } from '../../components/page-error.js';
import { useToast } from '../../components/toast.js';

const locale = typeof navigator !== 'undefined' ? navigator.language : undefined;

const topicLabels: Record<string, string> = {
  'orders/paid': 'Order paid',
  'orders/create': 'Order created',
  'orders/updated': 'Order updated',
  'orders/cancelled': 'Order cancelled',
  'refunds/create': 'Refund',
  'customers/create': 'Customer created',
  'customers/update': 'Customer updated',
  'customers/data_request': 'Customer data request',
  'customers/redact': 'Customer erasure',
  'shop/redact': 'Shop erasure',
  'app/uninstalled': 'App uninstalled',
  'app/scopes_update': 'App permissions changed',
};

export const topicLabel = (topic: string): string => topicLabels[topic] ?? topic;

export function SettingsPage() {
  const settings = useSettings();
  if (settings.isPending) {
    return (
      <SkeletonPage title="Settings">
        <Layout>
          {[0, 1, 2, 3].map((i) => (
            <Layout.AnnotatedSection key={i} title="">
              <Card>
                <SkeletonBodyText lines={3} />
              </Card>
            </Layout.AnnotatedSection>
          ))}
        </Layout>
      </SkeletonPage>
    );
  }
  if (settings.isError) {
    return (
      <Page title="Settings">
        <PageError error={settings.error} onRetry={() => void settings.refetch()} />
      </Page>
    );
  }
  const { hubspot, webhooks, checkoutCodes } = settings.data;
  return (
    <Page title="Settings">
      <Layout>
        <Layout.AnnotatedSection
          id="hubspot"
          title="HubSpot"
          description="Each advocate’s referral link, code and rewards are written to their HubSpot contact, so your emails and workflows can use them."
        >
          <HubspotCard hubspot={hubspot} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="theme"
          title="Theme app embed"
          description="The embed remembers which advocate sent a visitor, so their order is credited. It must be on in your live theme."
        >
          <ThemeEmbedCard />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="checkout-codes"
          title="Codes at checkout"
          description="Every advocate’s code works as a Shopify discount code: a friend who types it at checkout gets your friend offer and the advocate gets the credit. We keep Shopify in step with your advocates."
        >
          <CheckoutCodesCard codes={checkoutCodes} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="webhooks"
          title="Webhooks"
          description={`What Shopify and HubSpot sent us in the last ${webhooks.windowDays} days. Failed events are retried automatically.`}
        >
          <WebhookCard topics={webhooks.topics} windowDays={webhooks.windowDays} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="data-requests"
          title="Data requests"
          description="Requests from customers to see or erase their data reach us through Shopify. We answer them automatically."
        >
          <DataRequestsCard />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}

export function HubspotCard({ hubspot }: { hubspot: HubspotSettings }) {
  const connect = useConnectHubspot();
  const { show, toast } = useToast();
  const start = () => {
    // Opened at once (inside the click) so no pop-up blocker stops it; HubSpot's consent screen
    // cannot load inside the Shopify admin's frame.
    const tab = window.open('', '_blank');
    connect.mutate(undefined, {
      onSuccess: ({ url }) => {
        if (tab) tab.location.href = url;
        else window.open(url, '_blank');
      },
      onError: (error) => {
        tab?.close();
        show(errorMessage(error), { error: true });
      },
    });
  };
  if (!hubspot.available) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          HubSpot isn’t set up for this app yet. Ask the app’s administrator to configure it.
        </Text>
      </Card>
    );
  }
  if (!hubspot.connected) {
    return (
      <Card>
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              Not connected
            </Text>
          </InlineStack>
          <Text as="p">Connect your HubSpot account to keep your contacts’ referral details up to date.</Text>
          <InlineStack>
            <Button
              variant="primary"
              onClick={start}
              loading={connect.isPending}
              disabled={connect.isPending}
            >
              Connect HubSpot
            </Button>
          </InlineStack>
        </BlockStack>
        {toast}
      </Card>
    );
  }
  const needsReconnect = hubspot.status !== 'active' || hubspot.sync?.parkedReason === 'reconnect_needed';
  const sync = hubspot.sync;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {hubspot.portalId ? `HubSpot account ${hubspot.portalId}` : 'HubSpot account'}
          </Text>
          {needsReconnect ? (
            <Badge tone="critical">Needs reconnecting</Badge>
          ) : (
            <Badge tone="success">Connected</Badge>
          )}
        </InlineStack>
        {needsReconnect ? (
          <Banner
            tone="critical"
            title="Reconnect HubSpot to resume the sync"
            action={{ content: 'Reconnect HubSpot', onAction: start, loading: connect.isPending }}
          >
            <p>HubSpot no longer accepts our access. Changes are kept and sent once you reconnect.</p>
          </Banner>
        ) : null}
        {sync ? <SyncStatus sync={sync} /> : null}
        {needsReconnect ? null : (
          <InlineStack>
            <Button onClick={start} loading={connect.isPending} disabled={connect.isPending}>
              Reconnect
            </Button>
          </InlineStack>
        )}
      </BlockStack>
      {toast}
    </Card>
  );
}

function SyncStatus({ sync }: { sync: NonNullable<HubspotSettings['sync']> }) {
  const contacts = (n: number) =>
    `${new Intl.NumberFormat(locale).format(n)} ${n === 1 ? 'contact' : 'contacts'}`;
  return (
    <BlockStack gap="200">
      {sync.parkedReason === 'daily_limit' ? (
        <Banner tone="warning" title="HubSpot’s daily limit is reached">
          <p>
            The sync is paused
            {sync.parkedUntil ? ` until ${formatDateTime(sync.parkedUntil)}` : ''} and then carries on by
            itself.
          </p>
        </Banner>
      ) : null}
      <Text as="p">
        {sync.pending === 0
          ? 'Up to date: every contact is synced.'
          : `${contacts(sync.pending)} waiting to sync.`}
        {sync.retrying > 0 ? ` ${contacts(sync.retrying)} will be retried.` : ''}
      </Text>
      <Text as="p" tone="subdued">
        {sync.lastSuccessAt ? `Last synced ${formatDateTime(sync.lastSuccessAt)}.` : 'Not synced yet.'}
      </Text>
      {sync.pending > 0 && sync.oldestPendingAt ? (
        <Text
          as="p"
          tone="subdued"
        >{`Oldest change waiting since ${formatDateTime(sync.oldestPendingAt)}.`}</Text>
      ) : null}
      {sync.lastError ? (
        <BlockStack gap="100">
          <Text as="p" tone="critical">{`Last error: ${sync.lastError.message}`}</Text>
          <Text as="p" tone="subdued">{`Next try ${formatDateTime(sync.lastError.retryAt)}.`}</Text>
        </BlockStack>
      ) : null}
      {sync.backfill.startedAt && !sync.backfill.doneAt ? (
        <Text as="p" tone="subdued">
          Your existing advocates are being sent to HubSpot.
        </Text>
      ) : null}
    </BlockStack>
  );
}

function ThemeEmbedCard() {
  const setup = useSetup();
  if (setup.isPending) {
    return (
      <Card>
        <SkeletonBodyText lines={2} />
      </Card>
    );
  }
  if (setup.isError) {
    return (
      <Banner
        tone="critical"
        title="We couldn’t check your theme"
        action={{ content: 'Try again', onAction: () => void setup.refetch() }}
      >
        <p>{errorMessage(setup.error)}</p>
      </Banner>
    );
  }
  const { theme } = setup.data;
  const themeName = theme.themeName ? `“${theme.themeName}”` : 'your live theme';
  const on = theme.embedEnabled === true;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            Referral embed
          </Text>
          {on ? (
            <Badge tone="success">On</Badge>
          ) : theme.embedEnabled === false ? (
            <Badge tone="critical">Off</Badge>
          ) : (
            <Badge>Unknown</Badge>
          )}
        </InlineStack>
        <Text as="p">
          {on
            ? `The embed is on in ${themeName}. Referred visitors are remembered until they order.`
            : theme.embedEnabled === false
              ? `The embed is off in ${themeName}, so referred orders can’t be credited. Turn it on in the theme editor, then save.`
              : `We couldn’t read ${themeName}${theme.reason ? `: ${theme.reason}` : '.'}`}
        </Text>
        <InlineStack>
          <Button url={theme.editorUrls.embed} external variant={on ? 'secondary' : 'primary'}>
            {on ? 'Open theme editor' : 'Turn on in theme editor'}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function CheckoutCodesCard({ codes }: { codes: CheckoutCodes }) {
  const count = (n: number) =>
    `${new Intl.NumberFormat(locale).format(n)} advocate ${n === 1 ? 'code works' : 'codes work'}`;
  const failing = codes.failures > 0 || codes.failingCodeCount > 0;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            Advocate codes
          </Text>
          {failing ? (
            <Badge tone="warning">Needs attention</Badge>
          ) : codes.codeDiscountActive ? (
            <Badge tone="success">In step</Badge>
          ) : (
            <Badge>Not set up yet</Badge>
          )}
        </InlineStack>
        <Text as="p">
          {codes.codeDiscountActive
            ? `${count(codes.codesPlaced)} as discount codes at checkout.`
            : 'No code discount on Shopify yet: it is made when a programme whose friend reward is a discount goes live.'}
          {codes.automaticDiscountActive
            ? ' Friends who arrive through a referral link get the offer without typing anything.'
            : ''}
        </Text>
        <Text as="p" tone="subdued">
          {codes.lastSyncedAt
            ? `Codes last sent to Shopify ${formatDateTime(codes.lastSyncedAt)}.`
            : 'Codes not sent to Shopify yet.'}
          {codes.lastReconciledAt
            ? ` Last checked against Shopify ${formatDateTime(codes.lastReconciledAt)}.`
            : ''}
        </Text>
        {codes.lastError ? (
          <Text as="p" tone="critical">{`Last error: ${codes.lastError}. We try again by ourselves.`}</Text>
        ) : null}
        {codes.failingCodeCount > 0 ? (
          <Text as="p" tone="subdued">
            {`Shopify refused ${codes.failingCodeCount === 1 ? 'one code' : `${codes.failingCodeCount} codes`} so far: ${codes.failingCodes
              .map((c) => c.code)
              .join(
                ', ',
              )}${codes.failingCodeCount > codes.failingCodes.length ? ', …' : ''}. They are retried every hour.`}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function WebhookCard({ topics, windowDays }: { topics: WebhookTopic[]; windowDays: number }) {
  if (topics.length === 0) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          {`Nothing received in the last ${windowDays} days. Events arrive as orders are paid and refunded.`}
        </Text>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: 'topic', plural: 'topics' }}
        itemCount={topics.length}
        selectable={false}
        headings={[
          { title: 'Event' },
          { title: 'Last received' },
          { title: 'Received', alignment: 'end' },
          { title: 'Health' },
        ]}
      >
        {topics.map((t, position) => (
          <IndexTable.Row
            id={`${t.platform}:${t.topic}`}
            key={`${t.platform}:${t.topic}`}
            position={position}
          >
            <IndexTable.Cell>
              <BlockStack gap="050">
                <Text as="span" fontWeight="semibold">
                  {topicLabel(t.topic)}
                </Text>
                <Text as="span" tone="subdued" variant="bodySm">
                  {`${t.platform === 'shopify' ? 'Shopify' : 'HubSpot'} · ${t.topic}`}
                </Text>
              </BlockStack>
            </IndexTable.Cell>
            <IndexTable.Cell>{formatDateTime(t.lastReceivedAt)}</IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {new Intl.NumberFormat(locale).format(t.received)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              {t.failed > 0 ? (
                <BlockStack gap="050">
                  <InlineStack>
                    <Badge tone="critical">{`${t.failed} failed`}</Badge>
                  </InlineStack>
                  {t.lastFailedAt ? (
                    <Text
                      as="span"
                      tone="subdued"
                      variant="bodySm"
                    >{`Last ${formatDateTime(t.lastFailedAt)}`}</Text>
                  ) : null}
                </BlockStack>
              ) : t.waiting > 0 ? (
                <Badge tone="info">{`${t.waiting} processing`}</Badge>
              ) : (
                <Badge tone="success">Healthy</Badge>
              )}
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}

const requestLabels: Record<PrivacyRequest['kind'], string> = {
  customer_data_request: 'Customer asked for their data',
  customer_redact: 'Customer asked to be erased',
};

function DataRequestsCard() {
  const requests = usePrivacyRequests();
  if (requests.isPending) {
    return (
      <Card>
        <SkeletonBodyText lines={3} />
      </Card>
    );
  }
  if (requests.isError) {
    return (
      <Banner
        tone="critical"
        title="Data requests could not be loaded"
        action={{ content: 'Try again', onAction: () => void requests.refetch() }}
      >
        <p>{errorMessage(requests.error)}</p>
      </Banner>
    );
  }
  const rows = requests.data.privacyRequests;
  if (rows.length === 0) {
    return (
      <Card>
        <EmptyState heading="No data requests" image={emptyStateImage}>
          <p>
            When a customer asks to see or erase their data, Shopify tells us, we act on it, and it’s listed
            here.
          </p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: 'data request', plural: 'data requests' }}
        itemCount={rows.length}
        selectable={false}
        headings={[{ title: 'Request' }, { title: 'Received' }, { title: 'Status' }]}
      >
        {rows.map((r, position) => (
          <IndexTable.Row id={r.id} key={r.id} position={position}>
            <IndexTable.Cell>{requestLabels[r.kind]}</IndexTable.Cell>
            <IndexTable.Cell>{formatDateTime(r.createdAt)}</IndexTable.Cell>
            <IndexTable.Cell>
              {r.status === 'completed' ? <Badge tone="success">Done</Badge> : <Badge>{r.status}</Badge>}
            </IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}
