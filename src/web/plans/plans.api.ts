import { useQuery } from '@tanstack/react-query';
import {
  type DreamUpdate,
  type GoalUpdate,
  type HandBackBody,
  MyTaskList,
  type NewDream,
  type NewGoal,
  type NewTask,
  Plan,
  PlanVersion,
  PlanVersionList,
  type RouteTaskBody,
  Task,
  TaskList,
  TaskProposals,
  type TaskUpdate,
} from '../../shared/plans/plans.contract';
import { api } from '../app/api';

export const planKeys = {
  all: ['plans'] as const,
  family: (familyId: string) => ['plans', 'family', familyId] as const,
  proposals: (familyId: string, taskId: string) => ['plans', 'proposals', familyId, taskId] as const,
  mine: ['plans', 'mine'] as const,
  asked: ['plans', 'asked'] as const,
  plan: (familyId: string) => ['plans', 'plan', familyId] as const,
  versions: (familyId: string) => ['plans', 'plan', familyId, 'versions'] as const,
  version: (familyId: string, version: number) => ['plans', 'plan', familyId, 'versions', version] as const,
};

const plan = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}/plan`;

/** The family's plan as it stands: dreams, goals, people, the pair with work phones. */
export function useFamilyPlan(familyId: string, enabled = true) {
  return useQuery({
    queryKey: planKeys.plan(familyId),
    queryFn: () => api.get(plan(familyId), Plan),
    enabled,
  });
}

export function usePlanVersions(familyId: string) {
  return useQuery({
    queryKey: planKeys.versions(familyId),
    queryFn: () => api.get(`${plan(familyId)}/versions`, PlanVersionList),
  });
}

export function usePlanVersion(familyId: string, version: number | null) {
  return useQuery({
    queryKey: planKeys.version(familyId, version ?? 0),
    queryFn: () => api.get(`${plan(familyId)}/versions/${version}`, PlanVersion),
    enabled: version !== null,
  });
}

export const planApi = {
  addDream: (familyId: string, body: NewDream) => api.post(`${plan(familyId)}/dreams`, body, Plan),
  editDream: (familyId: string, dreamId: string, body: DreamUpdate) =>
    api.patch(`${plan(familyId)}/dreams/${encodeURIComponent(dreamId)}`, body, Plan),
  removeDream: (familyId: string, dreamId: string, version: number) =>
    api.delete(`${plan(familyId)}/dreams/${encodeURIComponent(dreamId)}?version=${version}`),
  addGoal: (familyId: string, body: NewGoal) => api.post(`${plan(familyId)}/goals`, body, Plan),
  editGoal: (familyId: string, goalId: string, body: GoalUpdate) =>
    api.patch(`${plan(familyId)}/goals/${encodeURIComponent(goalId)}`, body, Plan),
  removeGoal: (familyId: string, goalId: string, version: number) =>
    api.delete(`${plan(familyId)}/goals/${encodeURIComponent(goalId)}?version=${version}`),
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
  update: (familyId: string, taskId: string, body: TaskUpdate) =>
    api.patch(`${family(familyId)}/${encodeURIComponent(taskId)}`, body, Task),
  route: (familyId: string, taskId: string, body: RouteTaskBody) =>
    api.post(`${family(familyId)}/${encodeURIComponent(taskId)}/route`, body, Task),
  accept: (taskId: string) => api.post(`/api/tasks/${encodeURIComponent(taskId)}/accept`, undefined, Task),
  handBack: (taskId: string, body: HandBackBody) =>
    api.post(`/api/tasks/${encodeURIComponent(taskId)}/hand-back`, body, Task),
};
