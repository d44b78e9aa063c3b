// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function RewardListPage() {
  return <SkeletonPage title="Rewards" />;
}
