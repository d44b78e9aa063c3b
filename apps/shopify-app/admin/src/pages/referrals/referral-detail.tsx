// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function ReferralDetailPage() {
  return <SkeletonPage title="Referral" />;
}
