// Hooks for referrals and the review queue (one hook per resource): the list, one referral's
// trail, an order's explanation, the queue, its count (the navigation badge) and a verdict.
import {
  type ListReferralsQuery,
  listReferralsResponseSchema,
  orderExplanationSchema,
  type ReviewReferralBody,
  referralTrailSchema,
  reviewQueueCountResponseSchema,
  reviewQueueResponseSchema,
  reviewReferralResponseSchema,
} from '@referrals/shopify-app/admin-contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from './client.js';

export const referralKeys = {
  all: ['referrals'] as const,
  list: (query: ListReferralsQuery) => ['referrals', 'list', query] as const,
  detail: (referralId: string) => ['referrals', 'detail', referralId] as const,
  order: (orderId: string) => ['referrals', 'order', orderId] as const,
  queue: () => ['referrals', 'review-queue'] as const,
  queueCount: () => ['referrals', 'review-queue', 'count'] as const,
};

/** A query string from the list's filters (empty values left out). */
export function referralListPath(query: ListReferralsQuery): string {
  const params = new URLSearchParams();
  const join = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    params.set(key, join(value));
  }
  const text = params.toString();
  return text ? `/referrals?${text}` : '/referrals';
}

export function useReferrals(query: ListReferralsQuery) {
  return useQuery({
    queryKey: referralKeys.list(query),
    queryFn: () => apiRequest(referralListPath(query), listReferralsResponseSchema),
    // Keep the rows on screen while a new filter loads (the table shows its loading bar).
    placeholderData: keepPreviousData,
  });
}

export function useReferralTrail(referralId: string) {
  return useQuery({
    queryKey: referralKeys.detail(referralId),
    queryFn: () => apiRequest(`/referrals/${encodeURIComponent(referralId)}`, referralTrailSchema),
  });
}

/** "#1001", " 1001 " or a Shopify order GID -> "1001". */
export const normalizeOrderNumber = (text: string) =>
  text
    .trim()
    .replace(/^#/, '')
    .replace(/^gid:\/\/shopify\/Order\//i, '');

/** Why an order was or was not credited; `null` data when no such order is on record. */
export function useOrderExplanation(orderNumber: string) {
  const orderId = normalizeOrderNumber(orderNumber);
  return useQuery({
    queryKey: referralKeys.order(orderId),
    enabled: orderId.length > 0,
    queryFn: async () => {
      try {
        return await apiRequest(`/orders/${encodeURIComponent(orderId)}/attribution`, orderExplanationSchema);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: referralKeys.queue(),
    queryFn: () => apiRequest('/review-queue', reviewQueueResponseSchema),
    select: (data) => data.referrals,
  });
}

/** How many referrals wait in the review queue (shown in the navigation). */
export function useReviewQueueCount(): number | undefined {
  const { data } = useQuery({
    queryKey: referralKeys.queueCount(),
    queryFn: () => apiRequest('/review-queue/count', reviewQueueCountResponseSchema),
    // New flagged referrals arrive from webhooks: look again every minute.
    refetchInterval: 60_000,
    select: (body) => body.count,
  });
  return data;
}

/** Approve or reject a flagged referral with a note; the queue, the lists and rewards refresh. */
export function useReviewReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ referralId, ...body }: ReviewReferralBody & { referralId: string }) =>
      apiRequest(`/referrals/${encodeURIComponent(referralId)}/review`, reviewReferralResponseSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: referralKeys.all }),
        // Approving grants rewards: the rewards list and the dashboard change too.
        client.invalidateQueries({ queryKey: ['rewards'] }),
      ]),
  });
}
