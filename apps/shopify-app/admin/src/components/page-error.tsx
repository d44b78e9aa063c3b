// Page states every page shares: a failed load (the server's public message and a retry, never a
// stack trace) and a list's first load.
import { Banner, Card, Page, SkeletonBodyText, SkeletonPage } from '@shopify/polaris';
import { errorMessage } from '../api/client.js';

export function PageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Banner
      tone="critical"
      title="This page could not be loaded"
      action={{ content: 'Try again', onAction: onRetry }}
    >
      <p>{errorMessage(error)}</p>
    </Banner>
  );
}

/** A list page while its first page loads: the title, room for its action, a card of lines. */
export function ListPageSkeleton({ title, lines = 8 }: { title: string; lines?: number }) {
  return (
    <SkeletonPage title={title} primaryAction>
      <Card>
        <SkeletonBodyText lines={lines} />
      </Card>
    </SkeletonPage>
  );
}

/** A page whose data could not be loaded: its title and the error banner with a retry. */
export function PageErrorPage({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
}) {
  return (
    <Page title={title}>
      <PageError error={error} onRetry={onRetry} />
    </Page>
  );
}
