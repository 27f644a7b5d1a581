import { type InsertObject, type Kysely, sql, type Transaction } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { RESET_NOTICE_SIGN_INS } from '../../shared/auth/auth.contract';
import type { Locale } from '../../shared/common/common.contract';
import * as sample from '../snapshot-samples';
import { resetAt, resetIsCurrent } from './reset-notice';

export function findUserForSignIn(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('municipality as m', 'm.id', 'u.municipality_id')
    .select([
      'u.municipality_id',
      'u.id',
      'u.username',
      'u.role',
      'u.password_hash',
      'u.totp_secret',
      'u.totp_enabled_at',
      'u.failed_logins',
      'u.locked_until',
      'u.disabled_at',
      'm.mfa_required',
      'm.name as municipality_name',
    ])
    .where((eb) => eb(eb.fn('lower', ['u.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function findUserForSession(db: Kysely<Database>, municipalityId: string, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('municipality as m', 'm.id', 'u.municipality_id')
    .leftJoin('team as t', (j) => sameTenant(j, 't.id', 'u.team_id'))
    .select([
      'u.municipality_id',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.team_id',
      'u.locale',
      'u.totp_secret',
      'u.totp_last_step',
      'u.locked_until',
      'u.recovery_code_hashes',
      'm.name as municipality_name',
      'm.mfa_required',
      't.name as team_name',
    ])
    .where('u.municipality_id', '=', municipalityId)
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}

/**
 * The account a single sign-on is for: the one linked to the provider's subject, else the one
 * whose username equals the provider's preferred_username (the caller decides whether it may
 * be linked: see oidc.ts). The subject's own account comes first.
 */
export function findUserByOidcSubject(db: Kysely<Database>, subject: string, username: string | undefined) {
  return db
    .selectFrom('app_user')
    .select(['municipality_id', 'id', 'role', 'oidc_subject', 'locked_until', 'disabled_at'])
    .select((eb) => eb('password_hash', 'is not', null).as('has_password'))
    .where((eb) =>
      eb.or([
        eb('oidc_subject', '=', subject),
        ...(username ? [eb(eb.fn('lower', ['username']), '=', username.toLowerCase())] : []),
      ]),
    )
    .orderBy((eb) => eb.case().when('oidc_subject', '=', subject).then(0).else(1).end())
    .limit(1)
    .executeTakeFirst();
}

/**
 * Links the subject to an account made for single sign-on only (no password) that has none
 * yet, in one statement: of two first sign-ins at once, one links. Undefined if it may not.
 */
export function linkOidcSubject(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  subject: string,
) {
  return db
    .updateTable('app_user')
    .set({ oidc_subject: subject })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where('oidc_subject', 'is', null)
    .where('password_hash', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/**
 * Completes an enrolment only if the account has no second factor yet, in one statement: of
 * two enrolments that race (or one begun before another finished), one wins and the other
 * finds nothing to update. Undefined when it lost.
 */
export function confirmEnrolment(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  factor: { totpSecret: string; step: number; recoveryCodeHashes: string[]; at: Date },
) {
  return db
    .updateTable('app_user')
    .set({
      totp_secret: factor.totpSecret,
      totp_enabled_at: factor.at,
      totp_last_step: factor.step,
      recovery_code_hashes: factor.recoveryCodeHashes,
    })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where('totp_enabled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/**
 * The account is fully signed in: its run of failed passwords and codes is over. Called only
 * when a session reaches `done`, never at a right password alone — else the password would
 * reset the count of wrong second-factor codes and they could be guessed for ever.
 */
export function clearFailedLogins(db: Kysely<Database>, user: { municipality_id: string; id: string }) {
  return db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .execute();
}

/** The demo accounts the sign-in page and `npm start` list (at most `limit`). */
export function demoLogins(db: Kysely<Database>, limit = 20) {
  return (
    db
      .selectFrom('app_user as u')
      .innerJoin('municipality as m', 'm.id', 'u.municipality_id')
      .select(['u.username', 'u.role'])
      .where('m.demo', '=', true)
      // Only accounts that still open with the published demo password (migration 0006).
      .whereRef('u.password_hash', '=', 'm.demo_password_hash')
      .where('u.disabled_at', 'is', null)
      .orderBy('u.role', 'desc')
      .orderBy('u.username')
      .limit(limit)
      .execute()
  );
}

/**
 * Whether a demo municipality asks for the second factor: the demo starts with it off, and an
 * administrator may turn it on in Settings. The sign-in page's demo notice says which.
 */
export function demoSecondFactorRequired(db: Kysely<Database>) {
  return db
    .selectFrom('municipality')
    .select((eb) =>
      eb.fn.coalesce(eb.fn.agg<boolean>('bool_or', ['mfa_required']), eb.lit(false)).as('required'),
    )
    .where('demo', '=', true)
    .executeTakeFirstOrThrow();
}

/** Whether the installation has any account at all: a new one without the demo has none. */
export async function hasAnyAccount(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** TOTP secrets not sealed under the key `sealedPrefix` names: plain text, or an earlier key. */
export function findTotpSecretsToSeal(db: Kysely<Database>, sealedPrefix: string) {
  return db
    .selectFrom('app_user')
    .select(['municipality_id', 'id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', `${sealedPrefix}%`)
    .execute();
}

/** Replaces a TOTP secret only if it is still the value read (a concurrent enrolment wins). */
export function replaceTotpSecret(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  from: string,
  to: string,
) {
  return db
    .updateTable('app_user')
    .set({ totp_secret: to })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where('totp_secret', '=', from)
    .executeTakeFirst();
}

/** Secrets of enrolments in progress not sealed under the key `sealedPrefix` names. */
export function findPendingTotpSecretsToSeal(db: Kysely<Database>, sealedPrefix: string) {
  return db
    .selectFrom('user_session')
    .select(['id', 'user_id', 'pending_totp_secret'])
    .where('pending_totp_secret', 'is not', null)
    .where('pending_totp_secret', 'not like', `${sealedPrefix}%`)
    .execute();
}

export function replacePendingTotpSecret(db: Kysely<Database>, sessionId: string, from: string, to: string) {
  return db
    .updateTable('user_session')
    .set({ pending_totp_secret: to })
    .where('id', '=', sessionId)
    .where('pending_totp_secret', '=', from)
    .executeTakeFirst();
}

/**
 * The account's reset notice for a session (decision 0018): the reset, if made less than
 * RESET_NOTICE_DAYS days ago and not dismissed in this session, with who made it by name.
 */
export function findResetNotice(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 's.user_id'))
    .leftJoin('app_user as a', (j) =>
      j
        .onRef('a.municipality_id', '=', 'u.municipality_id')
        .on(sql`a.id::text`, '=', sql`u.credential_reset->>'by'`),
    )
    .select(['u.credential_reset', resetAt('u.credential_reset').as('reset_at'), 'a.display_name as by_name'])
    .where('s.id', '=', sessionId)
    .where('u.credential_reset', 'is not', null)
    .where(resetIsCurrent('u.credential_reset'))
    .where(sql<boolean>`(s.reset_notice->>'at') is distinct from (u.credential_reset->>'at')`)
    .executeTakeFirst();
}

/**
 * The account's completed sign-ins since `since` (its reset), newest first, from the audit log:
 * the holder sees one that was not theirs. The purpose says how: the password alone, a code after
 * it (TOTP, a recovery code, or the enrolment of a new second factor), or single sign-on.
 */
export function findSignInsSince(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  since: Date,
) {
  return (
    db
      .selectFrom('audit_event')
      // How many in all, beside the first RESET_NOTICE_SIGN_INS: an account signed in more often
      // than the notice lists is told how many it leaves out.
      .select(['at', 'purpose', sql<string>`count(*) over ()`.as('total')])
      .where('municipality_id', '=', user.municipality_id)
      .where('actor_id', '=', user.id)
      .where('action', '=', 'sign_in')
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', user.id)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(RESET_NOTICE_SIGN_INS)
      .execute()
  );
}

/**
 * Hides the account's reset notice in this session only (decision 0018): the session keeps a
 * copy of the reset it hid; the account keeps the reset, so the next sign-in shows it again.
 */
export function dismissResetNotice(db: Kysely<Database>, sessionId: string) {
  return db
    .updateTable('user_session as s')
    .from('app_user as u')
    .set({ reset_notice: sql<string>`u.credential_reset` })
    .whereRef('u.municipality_id', '=', 's.municipality_id')
    .whereRef('u.id', '=', 's.user_id')
    .where('s.id', '=', sessionId)
    .execute();
}

/**
 * A failed sign-in with a username nobody has (decision 0018): recorded in every municipality's
 * log — the username names no municipality — by its keyed hash, never as typed. One statement.
 */
export function auditUnknownAccount(db: Kysely<Database>, subjectHash: string) {
  return db
    .insertInto('audit_event')
    .columns(['municipality_id', 'action', 'entity', 'purpose', 'subject_hash'])
    .expression((eb) =>
      eb
        .selectFrom('municipality')
        .select([
          'id',
          eb.val('sign_in_failed').as('action'),
          eb.val('app_user').as('entity'),
          eb.val('unknown_account').as('purpose'),
          eb.val(subjectHash).as('subject_hash'),
        ]),
    )
    .execute();
}

/**
 * One more failed password or code for the account, counted in one statement so failures that
 * arrive together are all counted: the `lock.after`-th in a row resets the count and locks the
 * account until `lock.until`. An account already locked is left as it is (no row comes back).
 * A sign-in counts its attempt with it *before* the password is checked (a claim), so that
 * attempts sent at once cannot all pass an unlocked account (auth.routes.ts).
 */
export function recordFailedLogin(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  now: Date,
  lock: { after: number; until: Date },
) {
  const lockNow = sql<boolean>`failed_logins + 1 >= ${lock.after}`;
  return db
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`case when ${lockNow} then 0 else failed_logins + 1 end`,
      locked_until: sql<Date | null>`case when ${lockNow} then ${lock.until}::timestamptz else locked_until end`,
    })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('locked_until')
    .executeTakeFirst();
}

/**
 * A right password gives back the attempt it claimed (recordFailedLogin) when the sign-in goes
 * on to the second factor: the count of wrong passwords and codes stays as it was. If the claim
 * itself locked the account (`lockedBy`, the time it set), the lock is lifted and the count is
 * one short of it again; else the count goes down by one, unless another attempt has locked it.
 */
export function giveBackSignInAttempt(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string },
  now: Date,
  lockedBy: { until: Date; countBefore: number } | null,
) {
  const account = db
    .updateTable('app_user')
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id);
  if (lockedBy)
    return account
      .set({ failed_logins: lockedBy.countBefore, locked_until: null })
      .where('locked_until', '=', lockedBy.until)
      .execute();
  return account
    .set({ failed_logins: sql<number>`greatest(failed_logins - 1, 0)` })
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}

/**
 * Uses a TOTP step, only if no request used it (or a later one) first: no replay, not even a
 * racing one. Updates no row when the step was used.
 */
export function claimTotpStep(
  db: Transaction<Database>,
  user: { municipality_id: string; id: string },
  step: number,
) {
  return db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
}

/**
 * Takes a recovery code out in one statement, only if it is still there: two simultaneous
 * sign-ins cannot both use it. Updates no row when it was not.
 */
export function takeRecoveryCode(
  db: Transaction<Database>,
  user: { municipality_id: string; id: string },
  candidates: string[],
) {
  // The stored hash that matches any of the candidates (a code's hash under each key) goes.
  return db
    .updateTable('app_user')
    .set({
      recovery_code_hashes: sql<string[]>`array(
        select stored from unnest(recovery_code_hashes) with ordinality as code(stored, n)
        where stored <> all(${candidates}::text[]) order by n)`,
    })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .where(sql<boolean>`recovery_code_hashes && ${candidates}::text[]`)
    .executeTakeFirst();
}

/** The account's language. Sessions carry it: the caller has their cached copies forgotten. */
export function updateLocale(
  db: Transaction<Database>,
  user: { municipality_id: string; id: string },
  locale: Locale,
) {
  return db
    .updateTable('app_user')
    .set({ locale })
    .where('municipality_id', '=', user.municipality_id)
    .where('id', '=', user.id)
    .execute();
}

/** A new session row, identified by the hash of its token (the token itself is only in the cookie). */
export function insertSession(db: Kysely<Database>, session: InsertObject<Database, 'user_session'>) {
  return db.insertInto('user_session').values(session).execute();
}

/** Ends a session; `numDeletedRows` says whether it was still there (a concurrent request may have ended it). */
export function deleteSession(db: Kysely<Database>, id: string) {
  return db.deleteFrom('user_session').where('id', '=', id).executeTakeFirst();
}

/** Every request's first statement: compiled once, bound to the session id (src/db/compiled-once.ts). */
const sessionStatement = compiledOnce((db, v: { id: string }, _shape: Record<string, never>) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 's.user_id'))
    .innerJoin('municipality as m', 'm.id', 's.municipality_id')
    .select([
      's.id',
      's.stage',
      's.verified_by',
      'm.mfa_required',
      's.csrf_token',
      's.pending_totp_secret',
      's.created_at',
      's.last_seen_at',
      'u.municipality_id',
      'u.id as user_id',
      'u.role',
      'u.team_id',
      'u.display_name',
      'u.locale',
      'u.username',
      'u.disabled_at',
    ])
    .where('s.id', '=', v.id),
);

/** The session and who it is for, by the hash of its token (session.ts checks its time-outs). */
export async function findSession(db: Kysely<Database>, id: string) {
  return (await db.executeQuery(sessionStatement(db, {}, { id }))).rows[0];
}

/** The session was used now: its idle clock starts again. */
export function touchSession(db: Kysely<Database>, id: string, now: Date) {
  return db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Removes the sessions past their idle or absolute time-out (the hourly housekeeping). */
export function deleteExpiredSessions(
  db: Kysely<Database>,
  limits: { lastSeenBefore: Date; createdBefore: Date },
) {
  return db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([eb('last_seen_at', '<', limits.lastSeenBefore), eb('created_at', '<', limits.createdBefore)]),
    )
    .execute();
}

/**
 * The SQL snapshot of this module (auth.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./auth.queries')> = {
  findUserForSignIn: [{ run: (db) => findUserForSignIn(db, 'amal') }],
  findUserForSession: [{ run: (db) => findUserForSession(db, sample.MUNICIPALITY, sample.USER) }],
  findUserByOidcSubject: [
    { variant: 'subject only', run: (db) => findUserByOidcSubject(db, 'sub-1', undefined) },
    {
      variant: 'subject, or an account by username',
      run: (db) => findUserByOidcSubject(db, 'sub-1', 'amal'),
    },
  ],
  linkOidcSubject: [
    { run: (db) => linkOidcSubject(db, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, 'sub-1') },
  ],
  confirmEnrolment: [
    {
      run: (db) =>
        confirmEnrolment(
          db,
          { municipality_id: sample.MUNICIPALITY, id: sample.USER },
          { totpSecret: 'sealed', step: 1, recoveryCodeHashes: ['hash'], at: new Date(0) },
        ),
    },
  ],
  clearFailedLogins: [
    { run: (db) => clearFailedLogins(db, { municipality_id: sample.MUNICIPALITY, id: sample.USER }) },
  ],
  demoLogins: [{ run: (db) => demoLogins(db) }],
  demoSecondFactorRequired: [{ run: (db) => demoSecondFactorRequired(db) }],
  hasAnyAccount: [{ run: (db) => hasAnyAccount(db) }],
  findTotpSecretsToSeal: [{ run: (db) => findTotpSecretsToSeal(db, 'v1:0a1b2c3d:') }],
  replaceTotpSecret: [
    {
      run: (db) =>
        replaceTotpSecret(db, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, 'plain', 'sealed'),
    },
  ],
  findPendingTotpSecretsToSeal: [{ run: (db) => findPendingTotpSecretsToSeal(db, 'v1:0a1b2c3d:') }],
  replacePendingTotpSecret: [
    { run: (db) => replacePendingTotpSecret(db, 'session-hash', 'plain', 'sealed') },
  ],
  findResetNotice: [{ run: (db) => findResetNotice(db, 'session-hash') }],
  findSignInsSince: [
    {
      run: (db) =>
        findSignInsSince(
          db,
          { municipality_id: sample.MUNICIPALITY, id: sample.USER },
          new Date('2026-12-01T09:00:00Z'),
        ),
    },
  ],
  dismissResetNotice: [{ run: (db) => dismissResetNotice(db, 'session-hash') }],
  auditUnknownAccount: [{ run: (db) => auditUnknownAccount(db, '0a1b2c3d:hmac') }],
  recordFailedLogin: [
    {
      run: (db) =>
        recordFailedLogin(db, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, sample.NOW, {
          after: 10,
          until: new Date('2026-11-25T12:15:00Z'),
        }),
    },
  ],
  giveBackSignInAttempt: [
    {
      variant: 'its own attempt, not the lock',
      run: (db) =>
        giveBackSignInAttempt(
          db,
          { municipality_id: sample.MUNICIPALITY, id: sample.USER },
          sample.NOW,
          null,
        ),
    },
    {
      variant: 'the lock its attempt set',
      run: (db) =>
        giveBackSignInAttempt(db, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, sample.NOW, {
          until: new Date('2026-11-25T12:15:00Z'),
          countBefore: 9,
        }),
    },
  ],
  claimTotpStep: [
    {
      run: sample.inTransaction((trx) =>
        claimTotpStep(trx, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, 59_000_000),
      ),
    },
  ],
  takeRecoveryCode: [
    {
      run: sample.inTransaction((trx) =>
        takeRecoveryCode(trx, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, [
          '0a1b2c3d:hmac',
          'sha256',
        ]),
      ),
    },
  ],
  updateLocale: [
    {
      run: sample.inTransaction((trx) =>
        updateLocale(trx, { municipality_id: sample.MUNICIPALITY, id: sample.USER }, 'en'),
      ),
    },
  ],
  insertSession: [
    {
      run: (db) =>
        insertSession(db, {
          id: 'session-hash',
          municipality_id: sample.MUNICIPALITY,
          user_id: sample.USER,
          stage: 'done',
          csrf_token: 'csrf',
          pending_totp_secret: null,
          verified_by: 'password',
          last_seen_at: sample.NOW,
        }),
    },
  ],
  deleteSession: [{ run: (db) => deleteSession(db, 'session-hash') }],
  findSession: [{ run: (db) => findSession(db, 'session-hash') }],
  touchSession: [{ run: (db) => touchSession(db, 'session-hash', sample.NOW) }],
  deleteExpiredSessions: [
    {
      run: (db) =>
        deleteExpiredSessions(db, {
          lastSeenBefore: new Date('2026-11-25T11:00:00Z'),
          createdBefore: new Date('2026-11-25T00:00:00Z'),
        }),
    },
  ],
};
