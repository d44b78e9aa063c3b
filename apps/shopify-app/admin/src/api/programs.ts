// Hooks for programmes (one hook per resource): the list, one programme with its versions,
// creating, publishing a version, pausing and resuming. Every mutation invalidates what it changes.
import {
  type CreateProgramRequest,
  createProgramResponseSchema,
  getProgramResponseSchema,
  listProgramsResponseSchema,
  type PublishVersionRequest,
  publishVersionResponseSchema,
  type SetProgramStatusRequest,
  setProgramStatusResponseSchema,
  shopResponseSchema,
} from '@referrals/shopify-app/admin-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client.js';

export const programKeys = {
  all: ['programs'] as const,
  list: () => ['programs', 'list'] as const,
  detail: (programId: string) => ['programs', 'detail', programId] as const,
};

export function usePrograms() {
  return useQuery({
    queryKey: programKeys.list(),
    queryFn: () => apiRequest('/programs', listProgramsResponseSchema),
  });
}

export function useProgram(programId: string) {
  return useQuery({
    queryKey: programKeys.detail(programId),
    queryFn: () => apiRequest(`/programs/${encodeURIComponent(programId)}`, getProgramResponseSchema),
    select: (data) => data.program,
  });
}

/** The shop's currency (amounts are its minor units) and the browser's locale, for the form. */
export function useShopMoney() {
  const shop = useQuery({ queryKey: ['shop'], queryFn: () => apiRequest('/shop', shopResponseSchema) });
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return { ...shop, currency: shop.data?.currency, locale };
}

export function useCreateProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProgramRequest) =>
      apiRequest('/programs', createProgramResponseSchema, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: programKeys.all }),
  });
}

export function usePublishProgramVersion(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishVersionRequest) =>
      apiRequest(`/programs/${encodeURIComponent(programId)}/versions`, publishVersionResponseSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: programKeys.all }),
  });
}

export function useSetProgramStatus(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetProgramStatusRequest) =>
      apiRequest(`/programs/${encodeURIComponent(programId)}/status`, setProgramStatusResponseSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: programKeys.all }),
  });
}
