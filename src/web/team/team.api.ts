import { useQuery } from '@tanstack/react-query';
import { Cover, CoverList, type NewCover } from '../../shared/team/cover.contract';
import {
  CompetenceDomain,
  CompetenceDomainList,
  Department,
  DepartmentList,
  type OrgUnitName,
  type SetCompetences,
  TeamPage,
} from '../../shared/team/team.contract';
import { api } from '../app/api';

export const teamKeys = {
  all: ['team'] as const,
  page: ['team', 'page'] as const,
  covers: ['team', 'covers'] as const,
  units: (kind: UnitKind) => ['team', 'units', kind] as const,
};

/** Departments and competence domains are kept alike (decision 0033), so one set of hooks serves both. */
export type UnitKind = 'departments' | 'domains';

export function useTeamPage() {
  return useQuery({ queryKey: teamKeys.page, queryFn: () => api.get('/api/team/page', TeamPage) });
}

export function useCovers(enabled: boolean) {
  return useQuery({
    queryKey: teamKeys.covers,
    queryFn: () => api.get('/api/team/covers', CoverList),
    enabled,
  });
}

export function useUnits(kind: UnitKind) {
  return useQuery({
    queryKey: teamKeys.units(kind),
    queryFn: async (): Promise<{ items: (Department | CompetenceDomain)[] }> =>
      kind === 'departments'
        ? api.get('/api/team/departments', DepartmentList)
        : api.get('/api/team/domains', CompetenceDomainList),
  });
}

const unitSchema = (kind: UnitKind) => (kind === 'departments' ? Department : CompetenceDomain);

export const teamApi = {
  setCompetences: (userId: string, body: SetCompetences) =>
    api.put(`/api/team/members/${encodeURIComponent(userId)}/competences`, body),
  createUnit: (kind: UnitKind, body: OrgUnitName) => api.post(`/api/team/${kind}`, body, unitSchema(kind)),
  renameUnit: (kind: UnitKind, id: string, body: OrgUnitName) =>
    api.patch(`/api/team/${kind}/${encodeURIComponent(id)}`, body, unitSchema(kind)),
  createCover: (body: NewCover) => api.post('/api/team/covers', body, Cover),
  cancelCover: (id: string) =>
    api.post(`/api/team/covers/${encodeURIComponent(id)}/cancel`, undefined, Cover),
};
