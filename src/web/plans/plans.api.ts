import { useQuery } from '@tanstack/react-query';
import {
  type HandBackBody,
  MyTaskList,
  type NewTask,
  type RouteTaskBody,
  Task,
  TaskList,
  TaskProposals,
} from '../../shared/plans/plans.contract';
import { api } from '../app/api';

export const planKeys = {
  all: ['plans'] as const,
  family: (familyId: string) => ['plans', 'family', familyId] as const,
  proposals: (familyId: string, taskId: string) => ['plans', 'proposals', familyId, taskId] as const,
  mine: ['plans', 'mine'] as const,
  asked: ['plans', 'asked'] as const,
};

const family = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}/tasks`;

export function useFamilyTasks(familyId: string) {
  return useQuery({
    queryKey: planKeys.family(familyId),
    queryFn: () => api.get(family(familyId), TaskList),
  });
}

export function useProposals(familyId: string, taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.proposals(familyId, taskId),
    queryFn: () => api.get(`${family(familyId)}/${encodeURIComponent(taskId)}/proposals`, TaskProposals),
    enabled,
  });
}

export function useMyTasks() {
  return useQuery({ queryKey: planKeys.mine, queryFn: () => api.get('/api/tasks/mine', MyTaskList) });
}

export function useAskedTasks() {
  return useQuery({ queryKey: planKeys.asked, queryFn: () => api.get('/api/tasks/asked', MyTaskList) });
}

export const plansApi = {
  create: (familyId: string, body: NewTask) => api.post(family(familyId), body, Task),
  route: (familyId: string, taskId: string, body: RouteTaskBody) =>
    api.post(`${family(familyId)}/${encodeURIComponent(taskId)}/route`, body, Task),
  accept: (taskId: string) => api.post(`/api/tasks/${encodeURIComponent(taskId)}/accept`, undefined, Task),
  handBack: (taskId: string, body: HandBackBody) =>
    api.post(`/api/tasks/${encodeURIComponent(taskId)}/hand-back`, body, Task),
};
