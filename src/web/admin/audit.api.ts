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

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: () => api.get(`/api/audit${query({ ...filters })}`, AuditList),
    placeholderData: keepPreviousData,
  });
}
