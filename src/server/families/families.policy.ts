import type { FamilyAbilities } from '../../shared/families/families.contract';
import type { Actor, RoutePolicy } from '../http/access';

/**
 * Who may do what with a family (DESIGN.md §6: access = role ∧ relationship; deny by default).
 * Each ability is one line built from named predicates, in the manner of Outline's policies.
 */
export interface FamilyRelation {
  municipalityId: string;
  teamId: string;
  pairIds: string[];
  /** End of the actor's break-the-glass grant for this family, if one is running. */
  breakGlassUntil: Date | null;
}

export const isTeamStaff = (a: Actor) => a.role === 'team_member' || a.role === 'team_leader';
export const sameMunicipality = (a: Actor, f: FamilyRelation) => a.municipalityId === f.municipalityId;
export const inTeamOf = (a: Actor, f: FamilyRelation) =>
  isTeamStaff(a) && sameMunicipality(a, f) && a.teamId === f.teamId;
export const isPairOf = (a: Actor, f: FamilyRelation) => inTeamOf(a, f) && f.pairIds.includes(a.userId);
export const leadsTeamOf = (a: Actor, f: FamilyRelation) => a.role === 'team_leader' && inTeamOf(a, f);
export const hasBrokenGlassFor = (a: Actor, f: FamilyRelation, now: Date) =>
  isTeamStaff(a) && sameMunicipality(a, f) && f.breakGlassUntil !== null && f.breakGlassUntil > now;

const fullAccess = (a: Actor, f: FamilyRelation, now: Date) =>
  isPairOf(a, f) || leadsTeamOf(a, f) || hasBrokenGlassFor(a, f, now);

export const familyRules = {
  /** The family page: the team sees its families; break-the-glass opens one more. */
  read: (a: Actor, f: FamilyRelation, now: Date) => inTeamOf(a, f) || hasBrokenGlassFor(a, f, now),
  /** Everything about the family (CPR, origin, languages, consents): the pair and the leader. */
  readFull: fullAccess,
  update: (a: Actor, f: FamilyRelation) => isPairOf(a, f) || leadsTeamOf(a, f),
  assignPair: (a: Actor, f: FamilyRelation) => leadsTeamOf(a, f),
  manageConsent: (a: Actor, f: FamilyRelation) => isPairOf(a, f) || leadsTeamOf(a, f),
  viewHistory: fullAccess,
  revealCpr: fullAccess,
  /** Staff of the municipality outside the relationship may break the glass, with a reason. */
  breakGlass: (a: Actor, f: FamilyRelation, now: Date) =>
    isTeamStaff(a) && sameMunicipality(a, f) && !fullAccess(a, f, now),
} satisfies Record<string, (a: Actor, f: FamilyRelation, now: Date) => boolean>;

export type FamilyAction = keyof typeof familyRules;

export function can(action: FamilyAction, actor: Actor, family: FamilyRelation, now = new Date()): boolean {
  return familyRules[action](actor, family, now);
}

export function abilitiesFor(actor: Actor, family: FamilyRelation, now = new Date()): FamilyAbilities {
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
