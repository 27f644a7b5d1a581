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
 * What an administrator may do with an account. Their own account they may edit, but not
 * disable nor take their own administrator role away: the municipality would be left without
 * its administrator by a slip of the hand. (The last active administrator is guarded by the
 * service, which counts under a lock.)
 */
export function accountAbilities(actor: Actor, account: { id: string; disabled: boolean }) {
  const self = actor.userId === account.id;
  return {
    disable: !self && !account.disabled,
    enable: account.disabled,
    changeRole: !self,
  };
}
