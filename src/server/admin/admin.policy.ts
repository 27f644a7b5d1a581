import type { RoutePolicy } from '../http/access';

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
    allows: (a) => a.role === 'administrator',
  },
} satisfies Record<string, RoutePolicy>;
