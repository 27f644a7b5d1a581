import { isTeamStaff } from '../access/family-access';
import type { Actor, RoutePolicy } from '../http/access';

/*
 * Outreach (issue 15 §1–2): the outreach workers are the team's staff, working in their team's
 * area — its places, the picture of each building, the eligibility rule. Importing a register
 * extract creates and updates households of the team, so it is the team leader's; so is the
 * area's eligibility rule, which decides who the team goes to.
 */

const isLeader = (a: Actor) => a.role === 'team_leader';

export const outreachPolicy = {
  /** The area's buildings, a building's picture, adding and naming places. */
  places: { name: 'outreach.places', allows: isTeamStaff },
  /** Reading the area's eligibility rule (every household's reasons refer to it). */
  rules: { name: 'outreach.rules', allows: isTeamStaff },
  /** Changing the area's eligibility rule. */
  editRules: { name: 'outreach.editRules', allows: isLeader },
  /**
   * Recording visits at the door and reading them (a household's, a staircase's walk): the team's
   * staff in their team's area (`worksInArea`, checked with the household or staircase at hand).
   */
  visits: { name: 'outreach.visits', allows: isTeamStaff },
  /** Uploading, previewing and committing a register import. */
  import: { name: 'outreach.import', allows: isLeader },
  /**
   * The funnel (decision 0050): the team's staff for their own area, counts as they are; analysts
   * for any area of the municipality, small cells suppressed. Administrators do not read it.
   */
  funnel: { name: 'outreach.funnel', allows: (a: Actor) => isTeamStaff(a) || a.role === 'analyst' },
  /**
   * Opening the enrollment flow, enrolling a household and placing one in the comparison group:
   * the team's staff in their area (decision 0049). The pair is chosen in the flow by the leader
   * only (`assignsPairAtEnrollment`).
   */
  enroll: { name: 'outreach.enroll', allows: isTeamStaff },
  /** The comparison group in counts per area: analysts only, never a household (decision 0049). */
  comparisonCounts: { name: 'outreach.comparisonCounts', allows: (a: Actor) => a.role === 'analyst' },
} satisfies Record<string, RoutePolicy>;

/** The leader forms pairs (DESIGN.md §1); in the enrollment flow too. */
export const assignsPairAtEnrollment = isLeader;

/** The household is the actor's team's, in the team's area: the enrolling team works with it. */
export const enrollsFor = (
  a: Actor,
  teamAreaId: string | null | undefined,
  h: { team_id: string; area_id: string },
): boolean => worksInArea(a, teamAreaId, h.area_id) && a.teamId === h.team_id;

/** The actor works in the area: team staff whose team's area it is. */
export const worksInArea = (a: Actor, teamAreaId: string | null | undefined, areaId: string): boolean =>
  isTeamStaff(a) && teamAreaId !== null && teamAreaId !== undefined && teamAreaId === areaId;

/** An import is its team's: the leader of the team that uploaded it. */
export const ownsImport = (a: Actor, job: { team_id: string }): boolean =>
  isLeader(a) && a.teamId === job.team_id;
