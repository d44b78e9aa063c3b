// Hooks for rewards (one hook per resource): the filtered list, page by page; the CSV export of
// exactly that list; a retry of a failed issue (which refreshes the list).
import {
  type RewardListQuery,
  type RewardStatus,
  rewardListResponseSchema,
  rewardRetryResponseSchema,
} from '@referrals/shopify-app/admin-contract';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from './client.js';

export type RewardFilters = {
  status: RewardStatus[];
  recipient: 'advocate' | 'friend' | null;
  query: string;
};

export const rewardKeys = {
  all: ['rewards'] as const,
  list: (filters: RewardFilters) => ['rewards', 'list', filters] as const,
};

/** The filters as a query string (shared by the list and the export, so they match exactly). */
export function rewardSearchParams(filters: RewardFilters, extra: Partial<RewardListQuery> = {}): string {
  const params = new URLSearchParams();
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  if (filters.recipient) params.set('recipient', filters.recipient);
  if (filters.query.trim()) params.set('query', filters.query.trim());
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useRewards(filters: RewardFilters) {
  return useInfiniteQuery({
    queryKey: rewardKeys.list(filters),
    queryFn: ({ pageParam }) =>
      apiRequest(
        `/rewards${rewardSearchParams(filters, { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) })}`,
        rewardListResponseSchema,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.pageInfo.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Downloads the filtered list as CSV (streamed by the server). */
export function useExportRewards() {
  return useMutation({
    mutationFn: (filters: RewardFilters) =>
      apiDownload(`/rewards/export.csv${rewardSearchParams(filters)}`, 'rewards.csv'),
  });
}

export function useRetryReward() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rewardId: string) =>
      apiRequest(`/rewards/${encodeURIComponent(rewardId)}/retry`, rewardRetryResponseSchema, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: rewardKeys.all }),
  });
}
