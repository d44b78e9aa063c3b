// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ProgramListPage() {
  return <SkeletonPage title="Programmes" />;
}
