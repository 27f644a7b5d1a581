import type { FamilyRelation } from '../../src/server/access/family-access';
import type { Actor } from '../../src/server/http/access';
import type { Role } from '../../src/shared/auth/auth.contract';

/**
 * The actor and the family an area's policy test (test/unit/<area>/<area>.policy.test.ts) walks
 * role by role and relationship by relationship: one actor, `ME`, in muni-1's team-1, and a family
 * of that team whose pair is someone else — each row changes only what makes it that row.
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
