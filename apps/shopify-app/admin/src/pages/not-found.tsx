import { Button, EmptyState, Page } from '@shopify/polaris';

export function NotFoundPage() {
  return (
    <Page>
      <EmptyState heading="This page does not exist" image="">
        <p>The link may be old. Start again from Getting started.</p>
        <Button url="/">Go to Getting started</Button>
      </EmptyState>
    </Page>
  );
}
