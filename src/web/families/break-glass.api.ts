import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  BreakGlassCounts,
  type BreakGlassDecision,
  BreakGlassGrants,
  BreakGlassPending,
  BreakGlassRequestItem,
  BreakGlassRequests,
} from '../../shared/families/break-glass.contract';
import { BreakGlassGrant } from '../../shared/families/families.contract';
import { api, isConflict } from '../app/api';
import { familyKeys } from './families.api';

export const breakGlassKeys = {
  all: ['break-glass'] as const,
  counts: ['break-glass', 'counts'] as const,
  requests: ['break-glass', 'requests'] as const,
  grants: ['break-glass', 'grants'] as const,
};

/** 201 opens the family; 202 means the request waits for a leader (decision 0024). */
const BreakGlassOutcome = z.union([BreakGlassPending, BreakGlassGrant]);

export const breakGlassApi = {
  breakGlass: (familyId: string, reason: string) =>
    api.post(`/api/families/${encodeURIComponent(familyId)}/break-glass`, { reason }, BreakGlassOutcome),
  counts: () => api.get('/api/break-glass/counts', BreakGlassCounts),
  requests: () => api.get('/api/break-glass/requests', BreakGlassRequests),
  decide: (requestId: string, body: BreakGlassDecision) =>
    api.post(
      `/api/break-glass/requests/${encodeURIComponent(requestId)}/decision`,
      body,
      BreakGlassRequestItem,
    ),
  grants: () => api.get('/api/break-glass/grants', BreakGlassGrants),
  markSeen: () => api.post('/api/break-glass/grants/seen'),
};

/** The header's flag for leaders and administrators: requests to decide, grants not yet seen. */
export function useBreakGlassCounts(enabled: boolean) {
  return useQuery({ queryKey: breakGlassKeys.counts, queryFn: breakGlassApi.counts, enabled });
}

export function useBreakGlassRequests() {
  return useQuery({ queryKey: breakGlassKeys.requests, queryFn: breakGlassApi.requests });
}

export function useBreakGlassGrants(enabled: boolean) {
  return useQuery({ queryKey: breakGlassKeys.grants, queryFn: breakGlassApi.grants, enabled });
}

export function useDecide(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, body }: { requestId: string; body: BreakGlassDecision }) =>
      breakGlassApi.decide(requestId, body),
    onSuccess: (item) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: breakGlassKeys.all }),
        queryClient.invalidateQueries({ queryKey: familyKeys.detail(item.familyId) }),
      ]),
    onError: async (error) => {
      onError(error);
      // Decided by someone else meanwhile: the list shows it gone.
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: breakGlassKeys.all });
    },
  });
}

export function useMarkSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: breakGlassApi.markSeen,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breakGlassKeys.all }),
  });
}
