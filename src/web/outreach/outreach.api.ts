import { useQuery } from '@tanstack/react-query';
import {
  type Enroll,
  Enrolled,
  EnrollmentStart,
  PlacedInComparison,
} from '../../shared/outreach/enrollment.contract';
import {
  BuildingList,
  BuildingPicture,
  BuildingRef,
  Created,
  ImportJob,
  ImportJobPage,
  ImportRowPage,
  MyArea,
  type NewStaircase,
} from '../../shared/outreach/outreach.contract';
import { StaircaseWalk } from '../../shared/outreach/visits.contract';
import { api, failureOf, NetworkError, query, uploadHeaders } from '../app/api';

export const outreachKeys = {
  all: ['outreach'] as const,
  myArea: ['outreach', 'my-area'] as const,
  buildingsAll: ['outreach', 'buildings'] as const,
  buildings: (areaId: string) => ['outreach', 'buildings', areaId] as const,
  buildingAll: ['outreach', 'building'] as const,
  building: (id: string) => ['outreach', 'building', id] as const,
  job: (id: string) => ['outreach', 'job', id] as const,
  jobsAll: ['outreach', 'jobs'] as const,
  jobs: (page: number) => ['outreach', 'jobs', page] as const,
  rows: (id: string, page: number, only: string) => ['outreach', 'rows', id, page, only] as const,
  enrollment: (id: string) => ['outreach', 'enrollment', id] as const,
};

const household = (id: string) => `/api/outreach/households/${encodeURIComponent(id)}`;

/** The enrollment flow's start: the household, its people and what the user may do. */
export function useEnrollmentStart(householdId: string) {
  return useQuery({
    queryKey: outreachKeys.enrollment(householdId),
    queryFn: () => api.get(`${household(householdId)}/enrollment`, EnrollmentStart),
    // The flow keeps the version it opened: a refetch would not change what is sent.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMyArea() {
  return useQuery({ queryKey: outreachKeys.myArea, queryFn: () => api.get('/api/outreach/my-area', MyArea) });
}

export function useBuildings(areaId: string | null) {
  return useQuery({
    queryKey: outreachKeys.buildings(areaId ?? ''),
    queryFn: () => api.get(`/api/outreach/areas/${encodeURIComponent(areaId!)}/buildings`, BuildingList),
    enabled: areaId !== null,
  });
}

/**
 * A building's picture: shown from the cache at once and always read anew when opened, since
 * the visits of the rest of the team change it (the cache's 30 s would show it as it was).
 */
export function useBuilding(buildingId: string) {
  return useQuery({
    queryKey: outreachKeys.building(buildingId),
    queryFn: () => api.get(`/api/outreach/buildings/${encodeURIComponent(buildingId)}`, BuildingPicture),
    refetchOnMount: 'always',
  });
}

/** The job, polled while the server works on it (reading or committing). */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: outreachKeys.job(jobId ?? ''),
    queryFn: () => api.get(`/api/outreach/imports/${encodeURIComponent(jobId!)}`, ImportJob),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data?.state === 'committing' || q.state.data?.state === 'receiving' ? 500 : false,
  });
}

export const importJobsPageSize = 20;

/** The team's recent imports, polled while one of them is being read or committed. */
export function useImportJobs(page: number) {
  return useQuery({
    queryKey: outreachKeys.jobs(page),
    queryFn: () =>
      api.get(`/api/outreach/imports${query({ page, pageSize: importJobsPageSize })}`, ImportJobPage),
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.state === 'committing' || j.state === 'receiving') ? 2000 : false,
  });
}

export function useImportRows(jobId: string | null, page: number, only: 'all' | 'problems') {
  return useQuery({
    queryKey: outreachKeys.rows(jobId ?? '', page, only),
    queryFn: () =>
      api.get(
        `/api/outreach/imports/${encodeURIComponent(jobId!)}/rows${query({ page, only })}`,
        ImportRowPage,
      ),
    enabled: jobId !== null,
  });
}

export const outreachApi = {
  createBuilding: (areaId: string, name: string) =>
    api.post('/api/outreach/buildings', { areaId, name }, BuildingRef),
  addStaircase: (buildingId: string, body: NewStaircase) =>
    api.post(`/api/outreach/buildings/${encodeURIComponent(buildingId)}/staircases`, body, Created),
  enroll: (householdId: string, body: Enroll) => api.post(`${household(householdId)}/enroll`, body, Enrolled),
  placeInComparison: (householdId: string, version: number) =>
    api.post(`${household(householdId)}/comparison`, { version }, PlacedInComparison),
  commit: (jobId: string) =>
    api.post(`/api/outreach/imports/${encodeURIComponent(jobId)}/commit`, undefined, ImportJob),
};

/**
 * Uploads the file as the request body (streamed by the server), telling how much was sent:
 * XMLHttpRequest, as fetch cannot report an upload's progress.
 */
export function uploadRegisterFile(
  areaId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/outreach/imports${query({ areaId, fileName: file.name })}`);
    for (const [name, value] of Object.entries(uploadHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader(
      'content-type',
      file.name.toLowerCase().endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    );
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new NetworkError(null));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new NetworkError(xhr.status));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(ImportJob.parse(body));
      else reject(failureOf(xhr.status, body));
    };
    xhr.send(file);
  });
}

export const walkKey = (staircaseId: string) => ['outreach', 'walk', staircaseId] as const;

/** A staircase's doors in stair order, each household with its visits. */
export function useWalk(staircaseId: string | null) {
  return useQuery({
    queryKey: walkKey(staircaseId ?? ''),
    queryFn: () =>
      api.get(`/api/outreach/staircases/${encodeURIComponent(staircaseId!)}/walk`, StaircaseWalk),
    enabled: staircaseId !== null,
  });
}
