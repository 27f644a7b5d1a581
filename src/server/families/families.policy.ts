import type { FamilyAbilities } from '../../shared/families/families.contract';
import {
  allow,
  can as allowed,
  type FamilyPermission,
  type FamilyRelation,
  type FamilyRule,
  hasBrokenGlassFor,
  inTeamOf,
  isTeamStaff,
  leadsTeamOf,
  mayBreakGlass,
  worksWith,
} from '../access/family-access';
import type { Actor, RoutePolicy } from '../http/access';

/**
 * What may be done with a family, as rules on the family-access core's relationships
 * (src/server/access/family-access.ts), one line per action. A write (`'write'`) locks the
 * family's row for its transaction and is checked against the family's rules before and after.
 */
const fullAccess = (a: Actor, f: FamilyRelation, now: Date) =>
  worksWith(a, f) || hasBrokenGlassFor(a, f, now);

const WRITE = { kind: 'write' } as const;

export const familyActions = {
  /** The family page: the team sees its families; break-the-glass opens one more. */
  read: allow('families.read', (a, f, now) => inTeamOf(a, f) || hasBrokenGlassFor(a, f, now), {
    offersBreakGlass: true,
  }),
  /** Everything about the family (CPR, origin, languages, consents): the pair, the leader, the enroller awaiting a pair. */
  readFull: allow('families.readFull', fullAccess),
  update: allow('families.update', worksWith, WRITE),
  assignPair: allow('families.assignPair', leadsTeamOf, WRITE),
  manageConsent: allow('families.manageConsent', worksWith, WRITE),
  viewHistory: allow('families.viewHistory', fullAccess),
  revealCpr: allow('families.revealCpr', fullAccess),
  /** Staff of the municipality outside the relationship may break the glass, with a reason. */
  breakGlass: allow('families.breakGlass', mayBreakGlass, WRITE),
} satisfies Record<string, FamilyPermission>;

export type FamilyAction = keyof typeof familyActions;

/** Each action's rule, by its short name. */
export const familyRules = Object.fromEntries(
  Object.entries(familyActions).map(([name, action]) => [name, action.rule]),
) as Record<FamilyAction, FamilyRule>;

export function can(action: FamilyAction, actor: Actor, family: FamilyRelation, now = new Date()): boolean {
  return allowed(familyActions[action], actor, family, now);
}

/** The family's own abilities; another area's (the tasks') the page adds from that area's rule. */
export function abilitiesFor(
  actor: Actor,
  family: FamilyRelation,
  now = new Date(),
): Omit<FamilyAbilities, 'readTasks'> {
  return {
    readFull: can('readFull', actor, family, now),
    update: can('update', actor, family, now),
    assignPair: can('assignPair', actor, family, now),
    manageConsent: can('manageConsent', actor, family, now),
    viewHistory: can('viewHistory', actor, family, now),
    revealCpr: can('revealCpr', actor, family, now),
    breakGlass: can('breakGlass', actor, family, now),
  };
}

/** A break-the-glass request past the daily limit, as its deciders are chosen (decision 0024). */
export interface BreakGlassRequestRelation {
  municipalityId: string;
  requesterId: string;
  requesterRole: Actor['role'];
  /** The team of the family asked for. */
  teamId: string;
}

/**
 * Who decides a request: the leader of the family's team; for a request by a team leader, also
 * any other team leader of the municipality or an administrator (who sees only the family's
 * reference, the requester, the reason and the time). Never the requester.
 */
export const mayDecideBreakGlass = (a: Actor, r: BreakGlassRequestRelation) =>
  a.municipalityId === r.municipalityId &&
  a.userId !== r.requesterId &&
  ((a.role === 'team_leader' && a.teamId === r.teamId) ||
    (r.requesterRole === 'team_leader' && (a.role === 'team_leader' || a.role === 'administrator')));

const decidesBreakGlass = (a: Actor) => a.role === 'team_leader' || a.role === 'administrator';

/** Role-level gates for the routes: only team staff work with families at all. */
export const familiesPolicy = {
  list: { name: 'families.list', allows: isTeamStaff },
  create: { name: 'families.create', allows: isTeamStaff },
  record: { name: 'families.record', allows: isTeamStaff },
  /** One's own requests (team staff), and those to decide (leaders, administrators). */
  breakGlassRequests: {
    name: 'families.breakGlassRequests',
    allows: (a: Actor) => isTeamStaff(a) || decidesBreakGlass(a),
  },
  breakGlassDecision: { name: 'families.breakGlassDecision', allows: decidesBreakGlass },
  /** The grants on the team's families, told to its leader at once. */
  breakGlassGrants: { name: 'families.breakGlassGrants', allows: (a: Actor) => a.role === 'team_leader' },
} satisfies Record<string, RoutePolicy>;
