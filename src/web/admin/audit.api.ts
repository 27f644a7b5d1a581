import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AuditAction, AuditActorList, AuditList } from '../../shared/admin/audit.contract';
import { api, query } from '../app/api';

export interface AuditFilters {
  actorId?: string;
  householdId?: string;
  householdReference?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  breakGlass?: boolean;
  page: number;
  pageSize: number;
}

/** The search, asked only when `enabled` (the filters pass the contract's rules). */
export function useAuditLog(filters: AuditFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['audit', filters],
    queryFn: () => api.get(`/api/audit${query({ ...filters })}`, AuditList),
    placeholderData: keepPreviousData,
  });
}

/** The municipality's accounts, for the staff-member filter (names, teams; disabled ones too). */
export function useAuditActors() {
  return useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: () => api.get('/api/audit/actors', AuditActorList),
    staleTime: 5 * 60_000,
  });
}
