import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import {
  type AssignPair,
  CprReveal,
  type CreateFamily,
  FamilyDetail,
  FamilyList,
  type FamilyListQuery,
  type GiveConsent,
  HistoryList,
  type MemberInput,
  type MemberUpdate,
  type UpdateFamily,
} from '../../shared/families/families.contract';
import { AreaList, StaffList } from '../../shared/team/team.contract';
import { api, query } from '../app/api';

export const familyKeys = {
  all: ['families'] as const,
  list: (params: FamilyListQuery) => ['families', 'list', params] as const,
  detail: (id: string) => ['families', 'detail', id] as const,
  history: (id: string, page: number) => ['families', 'detail', id, 'history', page] as const,
};

export function useFamilyList(params: FamilyListQuery) {
  return useQuery({
    queryKey: familyKeys.list(params),
    // A POST, so the search text (maybe a name) stays out of URLs and access logs.
    queryFn: () => api.post('/api/families/search', params, FamilyList),
    placeholderData: keepPreviousData,
  });
}

export function useFamily(id: string) {
  return useQuery({
    queryKey: familyKeys.detail(id),
    queryFn: () => familiesApi.get(id),
  });
}

/**
 * The family from the server, whatever the cache holds: after a conflict the cached copy may be
 * seconds old — the very version the server just refused.
 */
export function fetchFreshFamily(queryClient: QueryClient, id: string) {
  return queryClient.fetchQuery({
    queryKey: familyKeys.detail(id),
    queryFn: () => familiesApi.get(id),
    staleTime: 0,
  });
}

export function useFamilyHistory(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: familyKeys.history(id, page),
    queryFn: () => api.get(`/api/families/${encodeURIComponent(id)}/history${query({ page })}`, HistoryList),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => api.get('/api/areas', AreaList),
    staleTime: 10 * 60_000,
  });
}

export function useStaff(enabled = true) {
  return useQuery({
    queryKey: ['team', 'staff'],
    queryFn: () => api.get('/api/team/staff', StaffList),
    enabled,
  });
}

const base = (id: string) => `/api/families/${encodeURIComponent(id)}`;

export const familiesApi = {
  get: (id: string) => api.get(base(id), FamilyDetail),
  create: (body: CreateFamily) => api.post('/api/families', body, FamilyDetail),
  update: (id: string, body: UpdateFamily) => api.patch(base(id), body, FamilyDetail),
  addMember: (id: string, body: MemberInput) => api.post(`${base(id)}/members`, body),
  updateMember: (id: string, memberId: string, body: MemberUpdate) =>
    api.patch(`${base(id)}/members/${encodeURIComponent(memberId)}`, body),
  revealCpr: (id: string, memberId: string) =>
    api.post(`${base(id)}/members/${encodeURIComponent(memberId)}/cpr`, undefined, CprReveal),
  assignPair: (id: string, body: AssignPair) => api.put(`${base(id)}/pair`, body),
  giveConsent: (id: string, body: GiveConsent) => api.post(`${base(id)}/consents`, body),
  withdrawConsent: (id: string, consentId: string, withdrawnOn: string) =>
    api.post(`${base(id)}/consents/${encodeURIComponent(consentId)}/withdraw`, { withdrawnOn }),
};
