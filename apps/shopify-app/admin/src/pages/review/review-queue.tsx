// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ReviewQueuePage() {
  return <SkeletonPage title="Review queue" />;
}
