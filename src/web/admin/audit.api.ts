import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AuditAction, AuditList } from '../../shared/admin/audit.contract';
import { api, query } from '../app/api';

export interface AuditFilters {
  actorId?: string;
  householdId?: string;
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
