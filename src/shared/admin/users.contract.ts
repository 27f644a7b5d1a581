import { z } from 'zod';
import { PASSWORD_MAX, Role } from '../auth/auth.contract';
import { Id, PageQuery, paged } from '../common/common.contract';
import { isWellFormedText, nameText, textMeta } from '../common/text';
import { Phone } from '../families/families.contract';
import { Department } from '../team/team.contract';

/** Roles that belong to a team: their accounts need one (the database checks it too). */
export const TEAM_ROLES: readonly Role[] = ['team_member', 'team_leader'];
export const needsTeam = (role: Role) => TEAM_ROLES.includes(role);

/**
 * A pair is two of a family's team working with it: an account moved to another team, or given a
 * role outside the team's work, leaves the pairs it is in (as a disabled one does). The server
 * ends them; the user page warns of it first.
 */
export const leavesPairs = (
  before: { teamId: string | null },
  after: { teamId: string | null; role: Role },
) => after.teamId !== before.teamId || !needsTeam(after.role);

export const UserStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const UserSort = z.enum(['displayName', 'username', 'role', 'team', 'createdAt']);
export type UserSort = z.infer<typeof UserSort>;

export const UserQuery = z.strictObject({
  /** Part of the name or username. */
  q: nameText(100, { min: 0 }).optional(),
  role: Role.optional(),
  teamId: Id.optional(),
  status: UserStatus.optional(),
  sort: UserSort.default('displayName'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  ...PageQuery,
});
export type UserQuery = z.input<typeof UserQuery>;

const username = nameText(100, { min: 2, tooShort: 'errors.usernameFormat' }).regex(/^[A-Za-z0-9._@-]+$/, {
  message: 'errors.usernameFormat',
});
const displayName = nameText(200);
/** Empty is "no e-mail". */
const email = z
  .union([z.literal(''), z.email({ message: 'errors.email' }).max(254, { message: 'errors.tooLong' })])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
const optionalId = z
  .union([z.literal(''), Id])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
/** The NIST rules (length, common, username) are the server's: it checks them against the breach list. */
export const Password = z
  .string({ message: 'errors.required' })
  // Well-formed, but neither normalised nor trimmed: a password is compared as it was set.
  .refine(isWellFormedText, { message: 'errors.malformedText', abort: true })
  .min(1, { message: 'errors.required' })
  .max(PASSWORD_MAX, { message: 'errors.passwordTooLong' })
  .meta(textMeta('secret'));

export const SignInMethod = z.enum(['password', 'sso']);

/** The identity provider's subject (`sub`) for an account; empty: linked by username at the first single sign-on. */
const oidcSubject = nameText(255, { min: 0 })
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
export type SignInMethod = z.infer<typeof SignInMethod>;

/**
 * A new account. `signIn: 'password'` needs the initial password; `'sso'` has none and signs in
 * through the identity provider only — by its subject if given, else linked by username at the
 * first single sign-on.
 */
export const CreateUser = z
  .strictObject({
    username,
    displayName,
    email,
    role: Role,
    teamId: optionalId,
    departmentId: optionalId,
    signIn: SignInMethod,
    password: Password.optional(),
    oidcSubject,
  })
  .superRefine((v, ctx) => {
    if (needsTeam(v.role) && !v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'errors.teamRequired' });
    }
    if (!needsTeam(v.role) && v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'errors.teamNotForRole' });
    }
    if (v.departmentId && !needsTeam(v.role)) {
      ctx.addIssue({ code: 'custom', path: ['departmentId'], message: 'errors.departmentNotForRole' });
    }
    if (v.signIn === 'password' && !v.password) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'errors.required' });
    }
    if (v.signIn === 'sso' && v.password) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'errors.passwordNotForSso' });
    }
  });
export type CreateUser = z.input<typeof CreateUser>;
export type CreateUserData = z.output<typeof CreateUser>;

/**
 * A change to an account: only the fields sent change. `version` is the one the administrator
 * saw; if someone saved since, the change is refused (409) instead of overwriting theirs.
 * Role, team and department are checked together against the account as it will be.
 */
export const UpdateUser = z.strictObject({
  version: z.number({ message: 'errors.required' }).int(),
  displayName: displayName.optional(),
  email,
  role: Role.optional(),
  teamId: optionalId,
  departmentId: optionalId,
  /** Printed on the families' plans beside the name (decision 0039); '' removes it. */
  workPhone: z.preprocess((v) => (v === '' ? null : v), Phone.nullable()).optional(),
});
export type UpdateUser = z.input<typeof UpdateUser>;
export type UpdateUserData = z.output<typeof UpdateUser>;

/** Disable, enable, second-factor reset: the version seen, so a stale screen does not act. */
export const VersionBody = z.strictObject({ version: z.number({ message: 'errors.required' }).int() });
export type VersionBody = z.infer<typeof VersionBody>;

export const ResetPassword = z.strictObject({
  version: z.number({ message: 'errors.required' }).int(),
  password: Password,
});
export type ResetPassword = z.infer<typeof ResetPassword>;

/**
 * A password account moves to single sign-on: its password and second factor are forgotten
 * (the identity provider does both), and it signs in through the provider only, by the subject
 * given. Required here, unlike for a new account: an account that already holds case work is
 * not left for whichever provider identity first claims its username (decision 0004).
 */
export const SwitchToSso = z.strictObject({
  version: z.number({ message: 'errors.required' }).int(),
  oidcSubject: nameText(255),
});
export type SwitchToSso = z.input<typeof SwitchToSso>;

export const UserParams = z.strictObject({ userId: Id });

export const AdminUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  workPhone: z.string().nullable(),
  role: Role,
  team: z.object({ id: Id, name: z.string() }).nullable(),
  department: Department.nullable(),
  status: UserStatus,
  /** How the account signs in: a password, single sign-on, or both. */
  hasPassword: z.boolean(),
  sso: z.boolean(),
  secondFactor: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
  /**
   * The families whose pair the account is in. Disabling it, or moving it to another team or a
   * role outside the team's work, ends those pairs: their leader assigns new ones.
   */
  pairFamilies: z.number().int(),
  /** What the administrator may do with the account (not with themselves: disable). */
  abilities: z.object({
    disable: z.boolean(),
    enable: z.boolean(),
    changeRole: z.boolean(),
    switchToSso: z.boolean(),
  }),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUserList = paged(AdminUser);
