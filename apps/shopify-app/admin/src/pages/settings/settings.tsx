// Placeholder replaced by the page's implementation.
import { SkeletonPage } from '@shopify/polaris';

export function SettingsPage() {
  return <SkeletonPage title="Settings" />;
}
