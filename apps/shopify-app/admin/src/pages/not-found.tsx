import { Button, EmptyState, Page } from '@shopify/polaris';
import emptyStateImage from '../assets/empty-state.svg';

export function NotFoundPage() {
  return (
    <Page>
      <EmptyState heading="This page does not exist" image={emptyStateImage}>
        <p>The link may be old. Start again from Getting started.</p>
        <Button url="/">Go to Getting started</Button>
      </EmptyState>
    </Page>
  );
}
