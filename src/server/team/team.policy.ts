import type { Role } from '../../shared/auth/auth.contract';
import { isTeamStaff } from '../access/family-access';
import type { Actor, RoutePolicy } from '../http/access';

const isLeader = (a: Actor) => a.role === 'team_leader';

export const teamPolicy = {
  /** Team staff see who is on their own team (to form pairs and find a specialist). */
  staff: { name: 'team.staff', allows: isTeamStaff },
  /** The team page: who knows what, and each one's load. */
  page: { name: 'team.page', allows: isTeamStaff },
  /** Home departments and levels are kept by the team's leader (the member is checked in the route). */
  competences: { name: 'team.competences', allows: isLeader },
  /** Areas, departments and domains are organisation data, not personal data: every signed-in role may list them. */
  areas: { name: 'team.areas', allows: () => true },
  units: { name: 'team.units', allows: () => true },
  /** Departments and competence domains are added and renamed by the administrator. */
  manageUnits: { name: 'team.manageUnits', allows: (a) => a.role === 'administrator' },
  /** Covers for absent pair members are the leader's to name (decision 0034); their own team's only. */
  covers: { name: 'team.covers', allows: (a) => a.role === 'team_leader' },
} satisfies Record<string, RoutePolicy>;

/**
 * Whether the actor keeps this person's home department and levels: the leader of the person's
 * own team, for an active team member or leader (themselves included — a leader is on the team
 * and may be its specialist too). The administrator does not: levels are a professional judgement
 * of the team's leader, not account data.
 */
export const mayKeepCompetencesOf = (
  a: Actor,
  member: { teamId: string | null; role: Role; disabled: boolean },
): boolean =>
  isLeader(a) &&
  a.teamId !== null &&
  member.teamId === a.teamId &&
  !member.disabled &&
  (member.role === 'team_member' || member.role === 'team_leader');
