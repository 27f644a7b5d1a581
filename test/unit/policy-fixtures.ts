import type { FamilyRelation } from '../../src/server/access/family-access';
import type { Actor } from '../../src/server/http/access';
import type { Role } from '../../src/shared/auth/auth.contract';

/**
 * The actor and the family of the area policy tests (measures, plans, journal): one actor, `ME`,
 * on team-1 in muni-1, and a family of team-1 with another pair — the relationship each row
 * writes out is the one override it passes.
 */
export const NOW = new Date('2026-05-01T12:00:00Z');
export const ME = 'actor-1';

export const actor = (role: Role, teamId = 'team-1'): Actor => ({
  userId: ME,
  municipalityId: 'muni-1',
  role,
  teamId,
  displayName: 'Test actor',
});

export const family = (over: Partial<FamilyRelation>): FamilyRelation => ({
  municipalityId: 'muni-1',
  teamId: 'team-1',
  pairIds: ['a', 'b'],
  breakGlassUntil: null,
  enrolledBy: 'a',
  coversPair: false,
  routedTaskOpen: false,
  taskTakenOver: false,
  ...over,
});
