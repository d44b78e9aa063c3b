// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ReferralListPage() {
  return <SkeletonPage title="Referrals" />;
}
