// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function GettingStartedPage() {
  return <SkeletonPage title="Getting started" />;
}
