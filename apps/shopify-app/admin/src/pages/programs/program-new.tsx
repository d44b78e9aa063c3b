// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ProgramNewPage() {
  return <SkeletonPage title="New programme" />;
}
