import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/server/http/access';
import { ownsAuthorityAppointment } from '../../../src/server/journal/appointments.policy';
import type { Role } from '../../../src/shared/auth/auth.contract';

/**
 * Who edits and cancels an appointment with another authority only (decision 0053): its creator and
 * the leader of the creator's team — not a participant, not another team's leader, and never a
 * family's appointment (the family's routes decide those).
 */
const actor = (userId: string, role: Role, teamId = 'team-1'): Actor => ({
  userId,
  municipalityId: 'muni-1',
  role,
  teamId,
  displayName: 'Test actor',
});
const own = { household_id: null, created_by: 'creator', creator_team_id: 'team-1' };

describe('an appointment without a family: who may change it', () => {
  it('its creator and the leader of the creator’s team', () => {
    expect(ownsAuthorityAppointment(actor('creator', 'team_member'), own)).toBe(true);
    expect(ownsAuthorityAppointment(actor('leader', 'team_leader'), own)).toBe(true);
  });

  it('not a colleague (a participant is one), nor another team’s leader', () => {
    expect(ownsAuthorityAppointment(actor('participant', 'team_member'), own)).toBe(false);
    expect(ownsAuthorityAppointment(actor('leader-2', 'team_leader', 'team-2'), own)).toBe(false);
  });

  it('never a family’s appointment, not even for its creator', () => {
    expect(
      ownsAuthorityAppointment(actor('creator', 'team_member'), { ...own, household_id: 'family-1' }),
    ).toBe(false);
  });
});
