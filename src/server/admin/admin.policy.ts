import type { Actor, RoutePolicy } from '../http/access';

const isAdministrator = (a: Actor) => a.role === 'administrator';

/**
 * The audit log is searched by the team leader (their team's families and staff) and by the
 * administrator / data-protection officer (the whole municipality).
 */
export const adminPolicy = {
  auditSearch: {
    name: 'admin.auditSearch',
    allows: (a) => a.role === 'team_leader' || a.role === 'administrator',
  },
  /** Municipality settings (second factor, break-the-glass duration): the administrator only. */
  settings: {
    name: 'admin.settings',
    allows: isAdministrator,
  },
  /**
   * Accounts of the administrator's own municipality: the administrator only. Another
   * municipality's accounts are not found (404): every query filters on the actor's municipality.
   */
  users: {
    name: 'admin.users',
    allows: isAdministrator,
  },
  /** Areas, teams and departments: organisation data, kept by the administrator. */
  organisation: {
    name: 'admin.organisation',
    allows: isAdministrator,
  },
} satisfies Record<string, RoutePolicy>;

/**
 * The reason given for breaking the glass (DESIGN.md §6: "flagged to the leader") is written
 * by staff about a family — why they needed its record, often what happened there — so it is
 * case content, not metadata of the access. The leader of the family's team reviews it: they
 * may read that family's whole record anyway (families.policy.ts, `leadsTeamOf`). Everyone
 * else in the audit search sees the event, who, when, which family and until when, but not the
 * reason: the administrator / data-protection officer, who "does not read case content"
 * (DESIGN.md §6), and the leader of the staff member's own team when the family is another
 * team's (they have no relationship to that family).
 */
export const mayReadBreakGlassReason = (a: Actor, family: { teamId: string | null }) =>
  a.role === 'team_leader' && a.teamId !== null && a.teamId === family.teamId;

/**
 * Whether a family is within the actor's audit scope: any of the administrator's municipality, a
 * team leader's own team's (the families whose reasons they read, above). Outside it, a search
 * does not even record which family a reference named (its id would tell the leader that the
 * family exists).
 */
export const familyInAuditScope = (actor: Actor, family: { teamId: string }) =>
  actor.role === 'administrator' || mayReadBreakGlassReason(actor, family);

/**
 * What an administrator may do with an account. Their own account they may edit, but not
 * disable nor take their own administrator role away: the municipality would be left without
 * its administrator by a slip of the hand. (The last active administrator is guarded by the
 * service, which counts under a lock.)
 */
export function accountAbilities(
  actor: Actor,
  account: { id: string; disabled: boolean; hasPassword: boolean },
  installation: { singleSignOn: boolean },
) {
  const self = actor.userId === account.id;
  return {
    disable: !self && !account.disabled,
    enable: account.disabled,
    changeRole: !self,
    // Only with a provider to sign in through; not one's own (a provider not yet working would
    // lock the administrator out).
    switchToSso: installation.singleSignOn && !self && account.hasPassword,
  };
}
