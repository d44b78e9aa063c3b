// Getting started: the store owner's checklist until the programme is live. Each step checks
// itself on the server (programme, theme embed, share block, HubSpot, first click) and links to
// where it is done; the theme editor opens in a new tab, and coming back refetches the list.
import type { SetupResponse, SetupStepId, SetupStepState } from '@referrals/shopify-app/admin-contract';
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { useSetup } from '../api/setup.js';
import { PageError } from '../components/page-error.js';

type StepCopy = {
  title: string;
  done: string;
  todo: string;
  action: (setup: SetupResponse) => { content: string; url: string; external?: boolean } | null;
};

const STEPS: Record<SetupStepId, StepCopy> = {
  programme: {
    title: 'Create your referral programme',
    done: 'Your programme is set up: what advocates earn and what their friends get.',
    todo: 'Choose what an advocate earns for each friend who buys, and the welcome offer friends get.',
    action: (s) =>
      s.steps.programme.programId
        ? { content: 'View programme', url: `/programs/${s.steps.programme.programId}` }
        : { content: 'Create programme', url: '/programs/new' },
  },
  themeEmbed: {
    title: 'Switch on referral tracking in your theme',
    done: 'Referral tracking is on: visits from referral links are remembered until checkout.',
    todo: 'In the theme editor, switch on "Referral tracking" under App embeds, then save. Without it, referred orders cannot be credited.',
    action: (s) => ({ content: 'Open theme editor', url: s.steps.themeEmbed.url, external: true }),
  },
  shareBlock: {
    title: 'Add the share block to your store',
    done: 'Customers can find their referral link and share it from your store.',
    todo: 'Add the "Referral share" block to a page so signed-in customers can copy and share their link.',
    action: (s) => ({ content: 'Add block in theme editor', url: s.steps.shareBlock.url, external: true }),
  },
  hubspot: {
    title: 'Connect HubSpot (optional)',
    done: 'HubSpot is connected: advocates and referred friends sync to your contacts.',
    todo: 'Send advocates, referrals and rewards to HubSpot contacts to use them in your marketing.',
    action: (s) => (s.steps.hubspot.available ? { content: 'Go to Settings', url: '/settings' } : null),
  },
  firstClick: {
    title: 'See your first referral click',
    done: 'Referral links are working: clicks are arriving.',
    todo: "Open an advocate's referral link (or share your own) in a new browser window. The click shows up here within a minute.",
    action: () => null,
  },
};

const ORDER: SetupStepId[] = ['programme', 'themeEmbed', 'shareBlock', 'hubspot', 'firstClick'];

function StateBadge({ state }: { state: SetupStepState }) {
  if (state === 'done') return <Badge tone="success">Done</Badge>;
  if (state === 'unknown') return <Badge tone="warning">Couldn't check</Badge>;
  return <Badge tone="attention">To do</Badge>;
}

function Step({ id, setup }: { id: SetupStepId; setup: SetupResponse }) {
  const step = setup.steps[id];
  const copy = STEPS[id];
  const action = copy.action(setup);
  const unknownText =
    id === 'themeEmbed' || id === 'shareBlock'
      ? `${setup.theme.reason ?? "We couldn't read your theme."} Check it in the theme editor.`
      : null;
  return (
    <Box paddingBlock="300" borderBlockStartWidth="025" borderColor="border-secondary">
      <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
        <BlockStack gap="100">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {copy.title}
            </Text>
            <StateBadge state={step.state} />
          </InlineStack>
          <Text as="p" tone="subdued">
            {step.state === 'done' ? copy.done : step.state === 'unknown' ? unknownText : copy.todo}
          </Text>
          {id === 'firstClick' && step.state === 'done' ? (
            <Text as="p" tone="subdued">
              {setup.steps.firstClick.clicks === 1
                ? '1 click so far.'
                : `${setup.steps.firstClick.clicks.toLocaleString()} clicks so far.`}
            </Text>
          ) : null}
        </BlockStack>
        {action && step.state !== 'done' ? (
          <Box minWidth="fit-content">
            {action.external ? (
              <Button
                url={action.url}
                target="_blank"
                variant={id === firstTodo(setup) ? 'primary' : undefined}
              >
                {action.content}
              </Button>
            ) : (
              <Button url={action.url} variant={id === firstTodo(setup) ? 'primary' : undefined}>
                {action.content}
              </Button>
            )}
          </Box>
        ) : null}
      </InlineStack>
    </Box>
  );
}

/** The next thing to do gets the primary button. */
const firstTodo = (setup: SetupResponse): SetupStepId | undefined =>
  ORDER.find((id) => setup.steps[id].required && setup.steps[id].state !== 'done');

function Checklist({
  setup,
  onRefresh,
  refreshing,
}: {
  setup: SetupResponse;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { doneCount, totalCount } = setup;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Setup guide
          </Text>
          <Button variant="plain" onClick={onRefresh} loading={refreshing}>
            Check again
          </Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          Finish these steps to start rewarding customers who bring their friends.
        </Text>
        <InlineStack gap="300" blockAlign="center" wrap={false}>
          <Text as="span" variant="bodySm">
            {`${doneCount} of ${totalCount} done`}
          </Text>
          <Box width="100%">
            <ProgressBar progress={(doneCount / totalCount) * 100} size="small" tone="primary" />
          </Box>
        </InlineStack>
        <BlockStack>
          {ORDER.map((id) => (
            <Step key={id} id={id} setup={setup} />
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

function LiveSummary({ setup }: { setup: SetupResponse }) {
  const clicks = setup.steps.firstClick.clicks;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          You're live
        </Text>
        <Text as="p">
          {`Your referral programme is running on ${setup.theme.themeName ?? 'your theme'}. Referral links have been clicked ${clicks.toLocaleString()} ${clicks === 1 ? 'time' : 'times'}.`}
        </Text>
        <InlineStack gap="200">
          <Button variant="primary" url="/referrals">
            View referrals
          </Button>
          {setup.steps.programme.programId ? (
            <Button url={`/programs/${setup.steps.programme.programId}`}>View programme</Button>
          ) : null}
          {setup.steps.hubspot.state !== 'done' && setup.steps.hubspot.available ? (
            <Button url="/settings">Connect HubSpot</Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function GettingStartedPage() {
  const setup = useSetup();
  if (setup.isPending) {
    return (
      <SkeletonPage title="Getting started">
        <Card>
          <BlockStack gap="400">
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={8} />
          </BlockStack>
        </Card>
      </SkeletonPage>
    );
  }
  if (setup.isError) {
    return (
      <Page title="Getting started">
        <PageError error={setup.error} onRetry={() => void setup.refetch()} />
      </Page>
    );
  }
  const data = setup.data;
  const programmePaused = data.steps.programme.state === 'done' && !data.steps.programme.live;
  return (
    <Page title={data.live ? 'Home' : 'Getting started'}>
      <Layout>
        {programmePaused ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title="Your programme is not active"
              action={
                data.steps.programme.programId
                  ? { content: 'View programme', url: `/programs/${data.steps.programme.programId}` }
                  : undefined
              }
            >
              <p>Customers can't earn rewards until you activate it.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          {data.live ? (
            <LiveSummary setup={data} />
          ) : (
            <Checklist setup={data} onRefresh={() => void setup.refetch()} refreshing={setup.isFetching} />
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
