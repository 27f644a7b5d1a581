import {
  allow,
  hasTakenOverTaskOf,
  isRoutedSpecialistFor,
  isTeamStaff,
  worksWith,
} from '../access/family-access';
import type { RoutePolicy } from '../http/access';

/**
 * The family's tasks (issue 14 point 4, decision 0036): whoever works with the family (pair,
 * cover, leader, enroller awaiting a pair) reads and writes them; a specialist routed an open task
 * of the family reads them — the tasks, not the rest of the family — and, once they accepted it,
 * moves that task on (decision 0045).
 */
export const planActions = {
  read: allow('plans.read', (a, f) => worksWith(a, f) || isRoutedSpecialistFor(a, f)),
  write: allow('plans.write', worksWith, { kind: 'write' }),
  /**
   * Moving a task on (its state; due date, owner, goal and helpers too for whoever works with the
   * family). A specialist who accepted a task of the family takes it over (decision 0045): they move
   * that task's state on — the route refuses them any other task and any other field.
   */
  moveTask: allow('plans.moveTask', (a, f) => worksWith(a, f) || hasTakenOverTaskOf(a, f), { kind: 'write' }),
  routeTask: allow('plans.routeTask', worksWith, { kind: 'write' }),
  proposals: allow('plans.proposals', worksWith),
  /**
   * The plan (dreams, goals, versions; decision 0039): the family's own hopes, so only whoever
   * works with the family — not a specialist routed one task.
   */
  readPlan: allow('plans.readPlan', worksWith),
  writePlan: allow('plans.writePlan', worksWith, { kind: 'write' }),
};

export const plansPolicy = {
  /** The family-scoped task routes; the relationship is decided by planActions. */
  record: { name: 'plans.record', allows: isTeamStaff },
  /** A person's own lists and the specialist's answers: team staff; each task is checked in the route. */
  own: { name: 'plans.own', allows: isTeamStaff },
} satisfies Record<string, RoutePolicy>;
