import { allow, isRoutedSpecialistFor, isTeamStaff, worksWith } from '../access/family-access';
import type { RoutePolicy } from '../http/access';

/**
 * The family's tasks (issue 14 point 4, decision 0036): whoever works with the family (pair,
 * cover, leader, enroller awaiting a pair) reads and writes them; a specialist routed an open task
 * of the family reads them — the tasks, not the rest of the family.
 */
export const planActions = {
  read: allow('plans.read', (a, f) => worksWith(a, f) || isRoutedSpecialistFor(a, f)),
  write: allow('plans.write', worksWith, { kind: 'write' }),
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
