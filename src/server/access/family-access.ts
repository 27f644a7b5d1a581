import type { Actor } from '../http/access';

/**
 * The family-access core (DESIGN.md §6: access = role ∧ relationship; deny by default). Every
 * area that keeps something about a family — families today; plans, journal, outreach … next —
 * asks the same question: how does this actor stand to this family? The answer is loaded once
 * per request (`findFamilyRelation`, access.queries.ts, one query), the relationships are named
 * predicates below, and an area states its actions as rules on them, one line each
 * (`allow('plans.routeTask', (a, f) => isPairOf(a, f) || leadsTeamOf(a, f))`), in the manner of
 * Outline's `allow(User, "update", Document, …)`.
 *
 * A new relationship (a colleague covering an absent pair member for a period; a specialist
 * routed a task of the family) is one more field here, one more join in access.queries.ts and
 * one more predicate — no area's code changes, and every rule that should honour it names it.
 */
export interface FamilyRelation {
  municipalityId: string;
  teamId: string;
  /** The current pair (empty until the leader assigns one). */
  pairIds: string[];
  /** End of the actor's break-the-glass grant for this family, if one is running. */
  breakGlassUntil: Date | null;
  /** Who enrolled the family (null for families enrolled before this was kept). */
  enrolledBy: string | null;
  /**
   * The actor is today the backup of a cover in force for a member of the family's pair
   * (pair_cover, decision 0034): they have the pair's access until the cover's last day.
   */
  coversPair: boolean;
  /**
   * A task of the family is routed to the actor, asked or accepted, and not done or dropped
   * (issue 14 point 4, decision 0036): they may read the family's tasks while it is so.
   */
  routedTaskOpen: boolean;
  /**
   * A task of the family routed to the actor is accepted and not done or dropped (decision 0045):
   * at level 3 the specialist takes it over — they write notes linked to it and move it on.
   */
  taskTakenOver: boolean;
}

/** A rule of an area: may this actor do this action to this family now? */
export type FamilyRule = (actor: Actor, family: FamilyRelation, now: Date) => boolean;

/** An action an area registered with `allow`: its name (`area.action`) and its rule. */
export interface FamilyPermission {
  /** `area.action`, e.g. `families.update`. */
  readonly name: string;
  /** The action alone (`update`), as a refusal's audit record names it. */
  readonly action: string;
  readonly rule: FamilyRule;
  /** A read of personal data (shares the family's row) rather than a write (locks it). */
  readonly reads: boolean;
  /** Refused, it tells the actor when they may break the glass instead (the family page). */
  readonly offersBreakGlass: boolean;
}

// ---- The relationships, as named predicates. ----

export const isTeamStaff = (a: Actor) => a.role === 'team_member' || a.role === 'team_leader';
export const sameMunicipality = (a: Actor, f: FamilyRelation) => a.municipalityId === f.municipalityId;
export const inTeamOf = (a: Actor, f: FamilyRelation) =>
  isTeamStaff(a) && sameMunicipality(a, f) && a.teamId === f.teamId;
export const isPairOf = (a: Actor, f: FamilyRelation) => inTeamOf(a, f) && f.pairIds.includes(a.userId);
/**
 * The actor covers an absent member of the family's pair (decision 0034): a cover in force names
 * them backup. On the family's team too, so a backup moved to another team loses it at once.
 */
export const coversPairOf = (a: Actor, f: FamilyRelation) => inTeamOf(a, f) && f.coversPair;
/**
 * A specialist asked (or who accepted) to solve an open task of the family — from any team of the
 * municipality: the family's tasks, not the rest of the family (decision 0036).
 */
export const isRoutedSpecialistFor = (a: Actor, f: FamilyRelation) =>
  isTeamStaff(a) && sameMunicipality(a, f) && f.routedTaskOpen;
/**
 * A specialist who accepted an open task of the family (decision 0045, amending 0036/0037): they
 * took it over, so they write journal notes linked to it and move it on — that task only; each
 * route checks which task. Asked and not yet accepted is no more than `isRoutedSpecialistFor`.
 */
export const hasTakenOverTaskOf = (a: Actor, f: FamilyRelation) =>
  isTeamStaff(a) && sameMunicipality(a, f) && f.taskTakenOver;
export const leadsTeamOf = (a: Actor, f: FamilyRelation) => a.role === 'team_leader' && inTeamOf(a, f);
/**
 * Whoever enrolled a family works with it until the leader has assigned its pair (issue 13):
 * otherwise the team member who just enrolled it would land on the basic view and a
 * break-the-glass offer. The assignment of a pair ends it, whoever the pair is.
 */
export const enrolledAwaitingPair = (a: Actor, f: FamilyRelation) =>
  inTeamOf(a, f) && f.pairIds.length === 0 && f.enrolledBy !== null && f.enrolledBy === a.userId;
export const hasBrokenGlassFor = (a: Actor, f: FamilyRelation, now: Date) =>
  isTeamStaff(a) && sameMunicipality(a, f) && f.breakGlassUntil !== null && f.breakGlassUntil > now;

/**
 * Staff of the family's municipality without full access to it may break the glass, with a
 * reason (bounded per day, decision 0024); whoever already works with it, or holds a running
 * grant, has no glass to break.
 */
export const mayBreakGlass = (a: Actor, f: FamilyRelation, now: Date) =>
  isTeamStaff(a) && sameMunicipality(a, f) && !worksWith(a, f) && !hasBrokenGlassFor(a, f, now);

/**
 * A working relationship with the family's case: its pair, a backup covering a pair member (who
 * does the absent one's case work, so has the pair's access — decision 0034), its team's leader,
 * its enroller awaiting a pair.
 */
export const worksWith = (a: Actor, f: FamilyRelation) =>
  isPairOf(a, f) || coversPairOf(a, f) || leadsTeamOf(a, f) || enrolledAwaitingPair(a, f);

/** Whether the actor's working relationship is a cover's alone (audited as such, purpose `cover`). */
export const isCoverAccess = (a: Actor, f: FamilyRelation) =>
  coversPairOf(a, f) && !isPairOf(a, f) && !leadsTeamOf(a, f) && !enrolledAwaitingPair(a, f);

/**
 * Why the actor reads or writes the family, as the audit log records it: by a break-the-glass
 * grant, as a cover for an absent pair member, or in their own case work.
 */
export function accessPurpose(a: Actor, f: FamilyRelation, now: Date): 'break_glass' | 'cover' | 'case_work' {
  if (isBreakGlassAccess(a, f, now)) return 'break_glass';
  if (isCoverAccess(a, f)) return 'cover';
  return 'case_work';
}

/**
 * How the actor came to the family, as the family page and the audit log tell it: through a
 * working relationship, as a member of its team, or by breaking the glass (only when nothing
 * else gave them the access the grant gives).
 */
export type AccessKind = 'relationship' | 'team' | 'break_glass';
export function accessKind(a: Actor, f: FamilyRelation, now: Date): AccessKind {
  if (worksWith(a, f)) return 'relationship';
  if (hasBrokenGlassFor(a, f, now)) return 'break_glass';
  return 'team';
}

/** Whether the actor's access to the family right now is a break-the-glass grant's (audited as such). */
export const isBreakGlassAccess = (a: Actor, f: FamilyRelation, now: Date) =>
  accessKind(a, f, now) === 'break_glass';

// ---- The registry of actions. ----

const registered = new Map<string, FamilyPermission>();

/**
 * Registers an area's action on a family with its rule. One line per action, in the area's
 * policy module; a name is registered once (two areas cannot both define `families.read`).
 * `reads` says whether the action only reads: a write locks the family's row for its transaction.
 */
export function allow(
  name: string,
  rule: FamilyRule,
  options: { kind?: 'read' | 'write'; offersBreakGlass?: boolean } = {},
): FamilyPermission {
  const [area, short] = name.split('.');
  if (!area || !short || !/^[a-z]+\.[a-zA-Z]+$/.test(name)) {
    throw new Error(`family action "${name}" is not area.action`);
  }
  if (registered.has(name)) throw new Error(`family action "${name}" is registered twice`);
  const action: FamilyPermission = {
    name,
    action: short,
    rule,
    reads: (options.kind ?? 'read') === 'read',
    offersBreakGlass: options.offersBreakGlass ?? false,
  };
  registered.set(name, action);
  return action;
}

/** Every action registered so far, by name (for tests and documentation). */
export const registeredActions = (): ReadonlyMap<string, FamilyPermission> => registered;

/** The one question every area asks. */
export const can = (action: FamilyPermission, actor: Actor, family: FamilyRelation, now: Date): boolean =>
  action.rule(actor, family, now);
