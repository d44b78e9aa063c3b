// The Getting started checklist (and the theme's embed status Settings shows): GET /api/setup.
import { type SetupResponse, setupResponseSchema } from '@referrals/shopify-app/admin-contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.js';

export const setupQueryKey = ['setup'] as const;

/** Checked live on the server; refetched when the merchant comes back from the theme editor. */
export function useSetup() {
  return useQuery<SetupResponse>({
    queryKey: setupQueryKey,
    queryFn: () => apiRequest('/setup', setupResponseSchema),
    staleTime: 5_000,
    refetchOnWindowFocus: true,
  });
}
