// The contact-record card: who referred this contact and how, and, when they are an advocate, their
// link, score, referrals and rewards. Data comes from our backend through hubspot.fetch.
import {
  Alert,
  Button,
  type CrmContext,
  Divider,
  EmptyState,
  ErrorState,
  type ExtensionPointApiActions,
  Flex,
  hubspot,
  LoadingSpinner,
  Text,
} from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CardFetcher, CardHttpError, fetchContactReferrals } from './api';
import type { CardPayload } from './card-payload';
import { pickLocale } from './format';
import { AdvocateSection, type CardActions, ReferredBySection } from './sections';

hubspot.extend<'crm.record.tab'>(({ context, actions }) => (
  <ReferralsCard context={context} actions={cardActions(actions)} fetcher={hubspot.fetch} />
));

/** Adapts HubSpot's actions to the narrow interface the card uses. */
export function cardActions(actions: ExtensionPointApiActions<'crm.record.tab'>): CardActions {
  return {
    copyText: (text) => actions.copyTextToClipboard(text),
    notify: (message, type) => actions.addAlert({ type, message }),
  };
}

export type ReferralsCardProps = {
  context: CrmContext;
  actions: CardActions;
  fetcher: CardFetcher;
};

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; payload: CardPayload };

export function ReferralsCard({ context, actions, fetcher }: ReferralsCardProps) {
  const crm = useCrmProperties(['email']);
  const email = crm.properties.email?.trim() || null;
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  // Only the latest request may set state: a slow answer must not overwrite a newer one.
  const latest = useRef(0);
  const portalId = context.portal.id;
  const contactId = context.crm.objectId;

  const load = useCallback(() => {
    const request = ++latest.current;
    setState({ kind: 'loading' });
    fetchContactReferrals(fetcher, { portalId, contactId, email }).then(
      (payload) => request === latest.current && setState({ kind: 'loaded', payload }),
      (error: unknown) => request === latest.current && setState({ kind: 'error', message: describe(error) }),
    );
  }, [fetcher, portalId, contactId, email]);

  // Wait for the email: the backend matches the contact on it. If it cannot be read, ask anyway.
  useEffect(() => {
    if (!crm.isLoading) load();
  }, [crm.isLoading, load]);

  if (state.kind === 'loading') return <LoadingSpinner label="Loading referrals" layout="centered" />;
  if (state.kind === 'error') {
    return (
      <ErrorState title="Referrals could not be loaded">
        <Text>{state.message}</Text>
        <Button onClick={load}>Try again</Button>
      </ErrorState>
    );
  }
  const { payload } = state;
  const format = { locale: pickLocale(context.user.locale), timeZone: context.portal.timezone };
  return (
    <Flex direction="column" gap="md">
      {payload.status === 'reconnect_needed' && (
        <Alert title="Reconnect HubSpot" variant="warning">
          The Referrals app has lost its connection to this HubSpot account, so referral details are not being
          written to contacts. A super admin should reconnect the app from the Referrals settings; the figures
          below are still current.
        </Alert>
      )}
      {payload.referredBy === null && payload.advocate === null ? (
        <EmptyState title="Not in the referral programme" imageName="contacts" layout="vertical">
          <Text>This contact was not referred by an advocate and has not joined as an advocate.</Text>
        </EmptyState>
      ) : (
        <>
          <ReferredBySection referredBy={payload.referredBy} format={format} />
          {payload.advocate && (
            <>
              <Divider />
              <AdvocateSection advocate={payload.advocate} actions={actions} format={format} />
            </>
          )}
        </>
      )}
    </Flex>
  );
}

function describe(error: unknown): string {
  if (error instanceof CardHttpError && error.status === 404) {
    return 'This HubSpot account is not connected to a Referrals store.';
  }
  if (error instanceof CardHttpError && error.status >= 500) {
    return 'The Referrals service is having trouble. Try again in a moment.';
  }
  return 'Something went wrong while loading referral data. Try again in a moment.';
}
