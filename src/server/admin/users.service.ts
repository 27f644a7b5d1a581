import type { Kysely, Transaction, Updateable, UpdateObject } from 'kysely';
import { isUniqueViolation } from '../../db/errors';
import type { Trx } from '../../db/queryable';
import type { AdminApprovalTable, AppUserTable, CredentialReset, Database } from '../../db/schema';
import {
  type CreateUserData,
  leavesPairs,
  needsTeam,
  type UpdateUserData,
} from '../../shared/admin/users.contract';
import type { Role } from '../../shared/auth/auth.contract';
import { hashPassword } from '../auth/credentials';
import { passwordProblem } from '../auth/password-policy';
import { credentialResetNow } from '../auth/reset-notice';
import { announce } from '../auth/session-events';
import { endPairsOf } from '../families/families.service';
import { AppError, type FieldError, notFound, versionConflict } from '../http/problem';
import { type AuditActor, audit } from '../plugins/audit';
import { insertApproval } from './approvals.queries';
import { findMunicipalityName } from './organisation.queries';
import {
  deleteSessions,
  departmentExists,
  insertUser,
  lockActiveAdministrators,
  lockUser,
  oidcSubjectTaken,
  teamExists,
  updateUser,
  usernameTaken,
} from './users.queries';

/**
 * Accounts: the one place they are created and changed, by the administrator in the web app
 * and by the operator at the command line alike. Every change is one transaction with its
 * audit record (who, which account, which fields — never a password or its hash).
 * `version` is the one the administrator saw (optimistic locking); the command line passes null.
 */
const purpose = 'administration';

const validation = (fields: FieldError[]) => new AppError(400, 'problems.validation', fields);
const subjectTaken = () => validation([{ field: 'oidcSubject', key: 'errors.oidcSubjectTaken' }]);
export const lastAdministrator = () => new AppError(400, 'problems.lastAdministrator');
export const ownAccount = () => new AppError(400, 'problems.ownAccount');

/** Role, team and department as the account will be: a team for team roles, none for the others. */
async function checkPlacement(
  trx: Trx,
  municipalityId: string,
  role: Role,
  teamId: string | null,
  departmentId: string | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (needsTeam(role) && !teamId) errors.push({ field: 'teamId', key: 'errors.teamRequired' });
  if (!needsTeam(role) && teamId) errors.push({ field: 'teamId', key: 'errors.teamNotForRole' });
  if (!needsTeam(role) && departmentId) {
    errors.push({ field: 'departmentId', key: 'errors.departmentNotForRole' });
  }
  if (teamId && !(await teamExists(trx, municipalityId, teamId))) {
    errors.push({ field: 'teamId', key: 'errors.teamUnknown' });
  }
  if (departmentId && !(await departmentExists(trx, municipalityId, departmentId))) {
    errors.push({ field: 'departmentId', key: 'errors.departmentUnknown' });
  }
  return errors;
}

/** Refuses to leave the municipality without an active administrator (rows locked meanwhile). */
async function keepAnAdministrator(trx: Trx, municipalityId: string, leaving: string) {
  const admins = await lockActiveAdministrators(trx, municipalityId);
  if (!admins.some((a) => a.id !== leaving)) throw lastAdministrator();
}

export async function createAccount(db: Kysely<Database>, by: AuditActor, input: CreateUserData) {
  const municipalityId = by.municipalityId;
  const password = input.signIn === 'password' ? (input.password ?? '') : null;
  if (password !== null) {
    const problem = passwordProblem(password, {
      username: input.username,
      names: [input.displayName, await findMunicipalityName(db, municipalityId)],
    });
    if (problem) throw validation([{ field: 'password', key: problem }]);
  }
  const passwordHash = password === null ? null : await hashPassword(password);
  const oidcSubject = input.signIn === 'sso' ? (input.oidcSubject ?? null) : null;
  try {
    return await db.transaction().execute(async (trx) => {
      const errors = await checkPlacement(
        trx,
        municipalityId,
        input.role,
        input.teamId ?? null,
        input.departmentId ?? null,
      );
      if (await usernameTaken(trx, input.username)) {
        errors.unshift({ field: 'username', key: 'errors.usernameTaken' });
      }
      if (oidcSubject && (await oidcSubjectTaken(trx, oidcSubject))) {
        errors.push({ field: 'oidcSubject', key: 'errors.oidcSubjectTaken' });
      }
      if (errors.length) throw validation(errors);
      const { id } = await insertUser(trx, {
        municipality_id: municipalityId,
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        role: input.role,
        team_id: input.teamId ?? null,
        department_id: input.departmentId ?? null,
        password_hash: passwordHash,
        oidc_subject: oidcSubject,
      });
      const fields = ['username', 'displayName', 'role'];
      if (input.email) fields.push('email');
      if (input.teamId) fields.push('teamId');
      if (input.departmentId) fields.push('departmentId');
      fields.push(password === null ? 'signIn' : 'password');
      if (oidcSubject) fields.push('oidcSubject');
      await audit(trx, by, { action: 'create', entity: 'app_user', entityId: id, fields, purpose });
      return id;
    });
  } catch (error) {
    // Two administrators creating the same username at once: the unique index decides.
    if (isUniqueViolation(error, 'app_user_username')) {
      throw validation([{ field: 'username', key: 'errors.usernameTaken' }]);
    }
    if (isUniqueViolation(error, 'app_user_oidc_subject')) {
      throw subjectTaken();
    }
    throw error;
  }
}

/**
 * Loads and locks the account; unknown or another municipality's: 404; a stale version: 409.
 * `administratorsFirst` for a change that may take an administrator away (disable, a new role):
 * the active administrators are locked before the account, in one order for every such change,
 * so two administrators disabling each other wait for one another instead of deadlocking.
 */
async function lockAccount(
  trx: Trx,
  by: AuditActor,
  userId: string,
  version: number | null,
  administratorsFirst = false,
) {
  if (administratorsFirst) await lockActiveAdministrators(trx, by.municipalityId);
  const row = await lockUser(trx, by.municipalityId, userId);
  if (!row) throw notFound();
  if (version !== null && row.version !== version) throw versionConflict();
  return row;
}

/** Changes name, e-mail, role, team or department; only what differs is written and audited. */
export async function updateAccount(
  db: Kysely<Database>,
  by: AuditActor,
  userId: string,
  input: UpdateUserData,
) {
  return db.transaction().execute(async (trx) => {
    const before = await lockAccount(trx, by, userId, input.version, input.role !== undefined);
    const role = input.role ?? before.role;
    const teamId = input.teamId === undefined ? before.team_id : input.teamId;
    const departmentId = input.departmentId === undefined ? before.department_id : input.departmentId;
    const changes: Updateable<AppUserTable> = {};
    const fields: string[] = [];
    const change = <K extends keyof AppUserTable>(field: string, column: K, next: unknown, prev: unknown) => {
      if (next !== prev) {
        (changes as Record<string, unknown>)[column] = next;
        fields.push(field);
      }
    };
    if (input.displayName !== undefined)
      change('displayName', 'display_name', input.displayName, before.display_name);
    if (input.email !== undefined) change('email', 'email', input.email, before.email);
    if (input.workPhone !== undefined) change('workPhone', 'work_phone', input.workPhone, before.work_phone);
    change('role', 'role', role, before.role);
    change('teamId', 'team_id', teamId, before.team_id);
    change('departmentId', 'department_id', departmentId, before.department_id);
    if (fields.length === 0) return;
    if (fields.includes('role') || fields.includes('teamId') || fields.includes('departmentId')) {
      const errors = await checkPlacement(trx, by.municipalityId, role, teamId, departmentId);
      if (errors.length) throw validation(errors);
    }
    if (before.role === 'administrator' && role !== 'administrator') {
      if (by.userId === userId) throw ownAccount();
      if (!before.disabled_at) await keepAnAdministrator(trx, by.municipalityId, userId);
    }
    await updateUser(trx, by.municipalityId, userId, changes);
    if (leavesPairs({ teamId: before.team_id }, { teamId, role })) await leavePairs(trx, by, userId);
    // Role, team or name changed: every instance's cached sessions of the account go on commit.
    await announce(trx, { user: userId });
    await audit(trx, by, { action: 'update', entity: 'app_user', entityId: userId, fields, purpose });
  });
}

/** The account's pairs end (families.service.ts endPairsOf); only a signed-in administrator changes placements. */
async function leavePairs(trx: Transaction<Database>, by: AuditActor, userId: string) {
  if (by.userId === null) throw new Error('a pair can only be ended by a signed-in administrator');
  await endPairsOf(trx, { ...by, userId: by.userId }, userId, new Date());
}

/**
 * Disables or enables the account. Disabling ends its sessions at once (and the session check
 * refuses a disabled account on every request anyway); enabling also lifts a lockout.
 */
export async function setAccountDisabled(
  db: Kysely<Database>,
  by: AuditActor,
  userId: string,
  version: number | null,
  disabled: boolean,
) {
  return db.transaction().execute(async (trx) => {
    const before = await lockAccount(trx, by, userId, version, disabled);
    if (Boolean(before.disabled_at) === disabled) return;
    if (disabled) {
      if (by.userId === userId) throw ownAccount();
      if (before.role === 'administrator') await keepAnAdministrator(trx, by.municipalityId, userId);
      await updateUser(trx, by.municipalityId, userId, { disabled_at: new Date() });
      await deleteSessions(trx, by.municipalityId, userId);
      await leavePairs(trx, by, userId);
    } else {
      await updateUser(trx, by.municipalityId, userId, {
        disabled_at: null,
        failed_logins: 0,
        locked_until: null,
      });
    }
    await audit(trx, by, {
      action: 'update',
      entity: 'app_user',
      entityId: userId,
      fields: ['status'],
      purpose,
    });
  });
}

/**
 * The reset the account holder is told of at every sign-in for RESET_NOTICE_DAYS days (decision
 * 0018), so a reset misused to get into the account is seen by its owner. Not for one's own
 * account. A newer reset takes the time and joins the what of one still shown (lockUser leaves
 * out an older one): a password reset followed by a second-factor reset tells both.
 */
function resetNotice(
  by: AuditActor,
  userId: string,
  before: { credential_reset: CredentialReset | null },
  password: boolean,
  secondFactor: boolean,
  singleSignOn = false,
): UpdateObject<Database, 'app_user'> {
  if (by.userId === userId) return {};
  const told = before.credential_reset?.what;
  const p = password || told === 'password' || told === 'password_and_second_factor';
  const s = secondFactor || told === 'second_factor' || told === 'password_and_second_factor';
  // A move to single sign-on forgets both, and says more than either.
  const what: CredentialReset['what'] = singleSignOn
    ? 'single_sign_on'
    : p && s
      ? 'password_and_second_factor'
      : p
        ? 'password'
        : 'second_factor';
  return { credential_reset: credentialResetNow(what, by.userId) };
}

const forgetSecondFactor: Updateable<AppUserTable> = {
  totp_secret: null,
  totp_enabled_at: null,
  totp_last_step: null,
  recovery_code_hashes: [],
};

/**
 * Issue 12, point 6 (decision 0025): what hands a team leader's or an administrator's account to
 * whoever resets it — a password the administrator chose, a second factor forgotten (the next
 * sign-in enrols the resetter's), a single sign-on identity the administrator named — waits for
 * another active administrator's approval when there is one (neither the requester nor the
 * account itself). With none, it proceeds, and its audit record says it was not approved
 * (`administration_unapproved`); the account's holder is told at sign-in either way (decision 0018).
 * The command line (the operator, with the server's shell) and one's own account are outside it.
 */
export type Outcome = { done: true } | { pending: string };
const TAKEOVER_ROLES: ReadonlySet<Role> = new Set(['team_leader', 'administrator']);

/** The active administrators, locked before the account (one order for every change: no deadlock). */
async function lockAdministratorsAndAccount(
  trx: Trx,
  by: AuditActor,
  userId: string,
  version: number | null,
) {
  const admins = by.userId === null ? [] : await lockActiveAdministrators(trx, by.municipalityId);
  const before = await lockAccount(trx, by, userId, version);
  return { admins, before };
}

/** Whether the reset waits (a new approval, audited) or proceeds, and under which purpose. */
async function gate(
  trx: Trx,
  by: AuditActor,
  admins: { id: string }[],
  before: { id: string; role: Role },
  request: { kind: AdminApprovalTable['kind']; passwordHash?: string; oidcSubject?: string },
): Promise<{ pending: string } | { purpose: string }> {
  if (by.userId === null || by.userId === before.id || !TAKEOVER_ROLES.has(before.role)) return { purpose };
  const approvers = admins.filter((a) => a.id !== by.userId && a.id !== before.id);
  if (approvers.length === 0) return { purpose: 'administration_unapproved' };
  const { id } = await insertApproval(trx, {
    municipality_id: by.municipalityId,
    kind: request.kind,
    target_id: before.id,
    requested_by: by.userId,
    password_hash: request.passwordHash ?? null,
    oidc_subject: request.oidcSubject ?? null,
  });
  await audit(trx, by, {
    action: 'create',
    entity: 'admin_approval',
    entityId: id,
    fields: ['kind', 'targetId'],
    purpose,
  });
  return { pending: id };
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockUser>>>;

/** The new password's hash set, a lockout lifted, the sessions ended; audited under `purpose`. */
export async function applyPassword(
  trx: Trx,
  by: AuditActor,
  before: Locked,
  hash: string,
  alsoSecondFactor: boolean,
  why: string,
) {
  await updateUser(trx, by.municipalityId, before.id, {
    password_hash: hash,
    failed_logins: 0,
    locked_until: null,
    ...(alsoSecondFactor ? forgetSecondFactor : {}),
    ...resetNotice(by, before.id, before, true, alsoSecondFactor),
  });
  await deleteSessions(trx, by.municipalityId, before.id);
  await audit(trx, by, {
    action: 'update',
    entity: 'app_user',
    entityId: before.id,
    fields: alsoSecondFactor ? ['password', 'secondFactor'] : ['password'],
    purpose: why,
  });
}

/**
 * Sets a new password (NIST rules), lifts a lockout and ends the account's sessions; with
 * `alsoSecondFactor` (the command line's --reset-totp) forgets the second factor in the same step.
 * A leader's or administrator's may wait for approval (above): `{ pending }`.
 */
export async function setAccountPassword(
  db: Kysely<Database>,
  by: AuditActor,
  userId: string,
  version: number | null,
  password: string,
  alsoSecondFactor = false,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const { admins, before } = await lockAdministratorsAndAccount(trx, by, userId, version);
    const problem = passwordProblem(password, {
      username: before.username,
      names: [before.display_name, await findMunicipalityName(trx, by.municipalityId)],
    });
    if (problem) throw validation([{ field: 'password', key: problem }]);
    const hash = await hashPassword(password);
    const decided = await gate(trx, by, admins, before, { kind: 'password', passwordHash: hash });
    if ('pending' in decided) return decided;
    await applyPassword(trx, by, before, hash, alsoSecondFactor, decided.purpose);
    return { done: true } as const;
  });
}

export async function applySecondFactorReset(trx: Trx, by: AuditActor, before: Locked, why: string) {
  await updateUser(trx, by.municipalityId, before.id, {
    ...forgetSecondFactor,
    ...resetNotice(by, before.id, before, false, true),
  });
  await deleteSessions(trx, by.municipalityId, before.id);
  await audit(trx, by, {
    action: 'update',
    entity: 'app_user',
    entityId: before.id,
    fields: ['secondFactor'],
    purpose: why,
  });
}

/** Forgets the second factor (and the recovery codes): the next sign-in enrols a new one. */
export async function resetSecondFactor(
  db: Kysely<Database>,
  by: AuditActor,
  userId: string,
  version: number | null,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const { admins, before } = await lockAdministratorsAndAccount(trx, by, userId, version);
    const decided = await gate(trx, by, admins, before, { kind: 'second_factor' });
    if ('pending' in decided) return decided;
    await applySecondFactorReset(trx, by, before, decided.purpose);
    return { done: true } as const;
  });
}

export async function applySingleSignOn(
  trx: Trx,
  by: AuditActor,
  before: Locked,
  subject: string,
  why: string,
) {
  if (!before.has_password) throw new AppError(400, 'problems.alreadySingleSignOn');
  const taken = await oidcSubjectTaken(trx, subject);
  if (taken && taken.id !== before.id) throw subjectTaken();
  await updateUser(trx, by.municipalityId, before.id, {
    password_hash: null,
    failed_logins: 0,
    locked_until: null,
    ...forgetSecondFactor,
    oidc_subject: subject,
    // Whoever controls the subject signs in as this account: its holder is told (decision 0018).
    ...resetNotice(by, before.id, before, true, true, true),
  });
  await deleteSessions(trx, by.municipalityId, before.id);
  await audit(trx, by, {
    action: 'update',
    entity: 'app_user',
    entityId: before.id,
    fields: ['password', 'secondFactor', 'oidcSubject'],
    purpose: why,
  });
}

/** Two accounts given the same subject at once: the unique index decides. */
export function subjectRace(error: unknown): never {
  if (isUniqueViolation(error, 'app_user_oidc_subject')) throw subjectTaken();
  throw error;
}

/**
 * Moves a password account to single sign-on (decision 0004): the password and the second factor
 * are forgotten, so the provider's sign-in, by the subject given, is the only way in. Not one's
 * own account: with the provider not yet working, the administrator would be locked out.
 */
export async function switchToSingleSignOn(
  db: Kysely<Database>,
  by: AuditActor,
  userId: string,
  version: number,
  subject: string,
): Promise<Outcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (by.userId === userId) throw new AppError(400, 'problems.ownSignIn');
      const { admins, before } = await lockAdministratorsAndAccount(trx, by, userId, version);
      if (!before.has_password) throw new AppError(400, 'problems.alreadySingleSignOn');
      const taken = await oidcSubjectTaken(trx, subject);
      if (taken && taken.id !== userId) throw subjectTaken();
      const decided = await gate(trx, by, admins, before, { kind: 'single_sign_on', oidcSubject: subject });
      if ('pending' in decided) return decided;
      await applySingleSignOn(trx, by, before, subject, decided.purpose);
      return { done: true } as const;
    });
  } catch (error) {
    return subjectRace(error);
  }
}
