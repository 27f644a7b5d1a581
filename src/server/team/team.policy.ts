import { isTeamStaff } from '../access/family-access';
import type { RoutePolicy } from '../http/access';

/** Team staff see who is on their own team (to form pairs and find a specialist). */
export const teamPolicy = {
  staff: { name: 'team.staff', allows: isTeamStaff },
  /** Areas are organisation data, not personal data: every signed-in role may list them. */
  areas: { name: 'team.areas', allows: () => true },
  /** Covers for absent pair members are the leader's to name (decision 0034); their own team's only. */
  covers: { name: 'team.covers', allows: (a) => a.role === 'team_leader' },
} satisfies Record<string, RoutePolicy>;
