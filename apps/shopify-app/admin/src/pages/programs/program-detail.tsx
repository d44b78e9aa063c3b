// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ProgramDetailPage() {
  return <SkeletonPage title="Programme" />;
}
