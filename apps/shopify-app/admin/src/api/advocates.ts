// Hooks for advocates (one hook per resource): the list (search, sort, page), one advocate, and
// the changes a marketer makes: enrol by email, disable or rotate a code, suspend or reactivate.
// Every mutation invalidates the list and the advocate it changed.
import {
  type AdvocateSortKey,
  type AdvocateStatus,
  codeActionRequestSchema,
  disableCodeResponseSchema,
  type EnrollAdvocateRequest,
  enrollAdvocateResponseSchema,
  getAdvocateResponseSchema,
  listAdvocatesResponseSchema,
  rotateCodeResponseSchema,
  setAdvocateStatusResponseSchema,
} from '@referrals/shopify-app/admin-contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client.js';

export const advocateKeys = {
  all: ['advocates'] as const,
  list: (query: AdvocateListParams) => ['advocates', 'list', query] as const,
  detail: (advocateId: string) => ['advocates', 'detail', advocateId] as const,
};

export type AdvocateListParams = {
  search: string;
  sort: AdvocateSortKey;
  cursor: string | null;
  limit?: number;
};

export function useAdvocates(params: AdvocateListParams) {
  const query = new URLSearchParams({ sort: params.sort, limit: String(params.limit ?? 50) });
  if (params.search.trim()) query.set('search', params.search.trim());
  if (params.cursor) query.set('cursor', params.cursor);
  return useQuery({
    queryKey: advocateKeys.list(params),
    queryFn: () => apiRequest(`/advocates?${query}`, listAdvocatesResponseSchema),
    // The table keeps its rows while the next page or a new search loads.
    placeholderData: keepPreviousData,
  });
}

export function useAdvocate(advocateId: string) {
  return useQuery({
    queryKey: advocateKeys.detail(advocateId),
    queryFn: () => apiRequest(`/advocates/${encodeURIComponent(advocateId)}`, getAdvocateResponseSchema),
    select: (data) => data.advocate,
  });
}

export function useEnrollAdvocate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrollAdvocateRequest) =>
      apiRequest('/advocates', enrollAdvocateResponseSchema, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: advocateKeys.all }),
  });
}

/** Invalidates the list and this advocate after a change. */
function useAdvocateMutation<T, V>(advocateId: string, mutationFn: (vars: V) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: advocateKeys.all }),
    meta: { advocateId },
  });
}

const path = (advocateId: string, rest: string) => `/advocates/${encodeURIComponent(advocateId)}${rest}`;

export function useDisableCode(advocateId: string) {
  return useAdvocateMutation(advocateId, (code: string) =>
    apiRequest(path(advocateId, '/code/disable'), disableCodeResponseSchema, {
      method: 'POST',
      body: codeActionRequestSchema.parse({ code }),
    }),
  );
}

export function useRotateCode(advocateId: string) {
  return useAdvocateMutation(advocateId, (code: string) =>
    apiRequest(path(advocateId, '/code/rotate'), rotateCodeResponseSchema, {
      method: 'POST',
      body: codeActionRequestSchema.parse({ code }),
    }),
  );
}

export function useSetAdvocateStatus(advocateId: string) {
  return useAdvocateMutation(advocateId, (status: AdvocateStatus) =>
    apiRequest(path(advocateId, '/status'), setAdvocateStatusResponseSchema, {
      method: 'POST',
      body: { status },
    }),
  );
}
