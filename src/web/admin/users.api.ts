import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { Approval, type RefuseApproval } from '../../shared/admin/approvals.contract';
import {
  AdminArea,
  AdminAreaList,
  AdminTeam,
  AdminTeamList,
  type AreaBody,
  type CreateTeam,
  DepartmentList,
  type RenameTeam,
} from '../../shared/admin/organisation.contract';
import {
  AdminUser,
  AdminUserList,
  type CreateUser,
  type ResetPassword,
  type SwitchToSso,
  type UpdateUser,
  type UserQuery,
  type VersionBody,
} from '../../shared/admin/users.contract';
import { api } from '../app/api';

export const adminKeys = {
  users: ['admin', 'users'] as const,
  user: (id: string) => ['admin', 'users', id] as const,
  areas: ['admin', 'areas'] as const,
  teams: ['admin', 'teams'] as const,
  departments: ['admin', 'departments'] as const,
};

/** A reset done (the account) or waiting for a second administrator (the approval, decision 0025). */
const ResetOutcome = z.union([Approval, AdminUser]);
export const isApproval = (value: z.infer<typeof ResetOutcome>): value is Approval => 'kind' in value;

export const adminApi = {
  createUser: (body: CreateUser) => api.post('/api/admin/users', body, AdminUser),
  updateUser: (id: string, body: UpdateUser) => api.patch(`/api/admin/users/${id}`, body, AdminUser),
  disable: (id: string, body: VersionBody) => api.post(`/api/admin/users/${id}/disable`, body, AdminUser),
  enable: (id: string, body: VersionBody) => api.post(`/api/admin/users/${id}/enable`, body, AdminUser),
  setPassword: (id: string, body: ResetPassword) =>
    api.post(`/api/admin/users/${id}/password`, body, ResetOutcome),
  resetSecondFactor: (id: string, body: VersionBody) =>
    api.post(`/api/admin/users/${id}/second-factor/reset`, body, ResetOutcome),
  switchToSso: (id: string, body: SwitchToSso) =>
    api.post(`/api/admin/users/${id}/single-sign-on`, body, ResetOutcome),
  approve: (id: string) => api.post(`/api/admin/approvals/${id}/approve`, {}, Approval),
  refuse: (id: string, body: RefuseApproval) => api.post(`/api/admin/approvals/${id}/refuse`, body, Approval),
  createArea: (body: AreaBody) => api.post('/api/admin/areas', body, AdminArea),
  renameArea: (id: string, body: AreaBody) => api.patch(`/api/admin/areas/${id}`, body, AdminArea),
  createTeam: (body: CreateTeam) => api.post('/api/admin/teams', body, AdminTeam),
  renameTeam: (id: string, body: RenameTeam) => api.patch(`/api/admin/teams/${id}`, body, AdminTeam),
  deleteArea: (id: string) => api.delete(`/api/admin/areas/${id}`),
  deleteTeam: (id: string) => api.delete(`/api/admin/teams/${id}`),
};

export function useUsers(params: UserQuery) {
  return useQuery({
    queryKey: [...adminKeys.users, 'list', params],
    // The search is a POST body, not a query string: names stay out of URLs (decision 0008).
    queryFn: () => api.post('/api/admin/users/search', params, AdminUserList),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: () => api.get(`/api/admin/users/${id}`, AdminUser),
  });
}

export function useAdminAreas() {
  return useQuery({ queryKey: adminKeys.areas, queryFn: () => api.get('/api/admin/areas', AdminAreaList) });
}

export function useAdminTeams() {
  return useQuery({ queryKey: adminKeys.teams, queryFn: () => api.get('/api/admin/teams', AdminTeamList) });
}

export function useDepartments() {
  return useQuery({
    queryKey: adminKeys.departments,
    queryFn: () => api.get('/api/admin/departments', DepartmentList),
    staleTime: 5 * 60_000,
  });
}
