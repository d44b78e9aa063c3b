// Hooks for settings (one hook per resource): HubSpot and webhook health, starting a HubSpot
// connection, and the privacy requests Shopify sent. The theme embed status is useSetup's.
import {
  hubspotConnectResponseSchema,
  privacyRequestListResponseSchema,
  settingsResponseSchema,
} from '@referrals/shopify-app/admin-contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.js';

export const settingsKeys = {
  all: ['settings'] as const,
  privacy: ['settings', 'privacy-requests'] as const,
};

export function useSettings() {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: () => apiRequest('/settings', settingsResponseSchema),
    // Coming back from HubSpot's consent screen in another tab shows the new connection.
    refetchOnWindowFocus: true,
  });
}

export function usePrivacyRequests() {
  return useQuery({
    queryKey: settingsKeys.privacy,
    queryFn: () => apiRequest('/privacy-requests?limit=50', privacyRequestListResponseSchema),
  });
}

/** Starts HubSpot's OAuth for this shop: the answer is the consent URL, opened in a new tab. */
export function useConnectHubspot() {
  return useMutation({
    mutationFn: () =>
      apiRequest('/integrations/hubspot/connect', hubspotConnectResponseSchema, { method: 'POST' }),
  });
}
