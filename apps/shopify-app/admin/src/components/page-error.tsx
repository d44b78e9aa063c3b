// A failed load: the server's public message and a retry, never a stack trace.
import { Banner } from '@shopify/polaris';
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
