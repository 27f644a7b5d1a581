import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/server/http/access';
import { mayKeepCompetencesOf, teamPolicy } from '../../../src/server/team/team.policy';
import type { Role } from '../../../src/shared/auth/auth.contract';

const actor = (role: Role, teamId: string | null = 'team-a'): Actor => ({
  userId: 'u',
  municipalityId: 'm',
  role,
  teamId,
  displayName: 'X',
});
const member = { teamId: 'team-a', role: 'team_member' as Role, disabled: false };

describe('who keeps a person’s home department and levels', () => {
  it('the leader of the person’s own team', () => {
    expect(mayKeepCompetencesOf(actor('team_leader'), member)).toBe(true);
    expect(mayKeepCompetencesOf(actor('team_leader'), { ...member, role: 'team_leader' })).toBe(true);
  });
  it('not another team’s leader, a team member, the administrator nor the analyst', () => {
    expect(mayKeepCompetencesOf(actor('team_leader', 'team-b'), member)).toBe(false);
    expect(mayKeepCompetencesOf(actor('team_member'), member)).toBe(false);
    expect(mayKeepCompetencesOf(actor('administrator', null), member)).toBe(false);
    expect(mayKeepCompetencesOf(actor('analyst', null), member)).toBe(false);
  });
  it('not for a disabled account nor one without a team role', () => {
    expect(mayKeepCompetencesOf(actor('team_leader'), { ...member, disabled: true })).toBe(false);
    expect(mayKeepCompetencesOf(actor('team_leader'), { ...member, role: 'analyst' })).toBe(false);
  });
  it('the route policies: the page for team staff, management of departments and domains for the administrator', () => {
    expect(teamPolicy.page.allows(actor('team_member'))).toBe(true);
    expect(teamPolicy.page.allows(actor('analyst', null))).toBe(false);
    expect(teamPolicy.competences.allows(actor('team_member'))).toBe(false);
    expect(teamPolicy.manageUnits.allows(actor('administrator', null))).toBe(true);
    expect(teamPolicy.manageUnits.allows(actor('team_leader'))).toBe(false);
  });
});
