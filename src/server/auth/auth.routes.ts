import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema';
import {
  AuthConfig,
  Enrolment,
  EnrolmentConfirm,
  LocaleBody,
  LoginBody,
  LoginResult,
  Me,
  RecoveryCodes,
  TotpBody,
} from '../../shared/auth/auth.contract';
import type { Config } from '../config';
import { AppError, unauthenticated } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { addressFailureGate } from './address-failures';
import { signedIn } from './auth.policy';
import {
  auditUnknownAccount,
  claimTotpStep,
  clearFailedLogins,
  confirmEnrolment,
  demoLogins,
  demoSecondFactorRequired,
  dismissResetNotice,
  findResetNotice,
  findSignInsSince,
  findUserForSession,
  findUserForSignIn,
  giveBackSignInAttempt,
  recordFailedLogin,
  replaceTotpSecret,
  takeRecoveryCode,
  updateLocale,
} from './auth.queries';
import {
  checkTotp,
  enrolmentFor,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeCandidates,
  verifyPassword,
} from './credentials';
import { registerOidcRoutes } from './oidc';
import { signInMethod } from './reset-notice';
import { pendingTotpContext, type SecretBox, totpContext } from './secret-box';
import { auditSignIn, endSession, type SessionStep, startSession } from './session';
import { announce } from './session-events';
import { type Clock, waitOutFloor } from './sign-in-pace';

const MAX_FAILED = 10;
const LOCK_MINUTES = 15;
const signInFailed = () => new AppError(401, 'problems.signInFailed', [], 'sign-in-failed');
/** The purpose of the keyed hash of an unknown username in the audit log (decision 0018). */
export const UNKNOWN_USERNAME_HASH = 'audit.unknown_username';
/** The purpose of the keyed hash of an address in the log when it reaches the sign-in limit. */
export const ADDRESS_HASH = 'log.sign_in_address';
// Per address: 30 failed sign-ins in 15 minutes (address-failures.ts), and a cap on all sign-in
// requests against floods that is high enough for an office behind one address.
const ADDRESS_FAILURES = { max: 30, windowMs: 15 * 60_000 };
const ipLimit = { rateLimit: { max: 600, timeWindow: '15 minutes' } };

/**
 * Counts an attempt — a password or a second-factor code — before it is checked: attempts sent
 * at once are each counted before any is judged, so no more than ten of them are ever checked
 * against an unlocked account (checking first and counting after let a burst of 25 all be
 * checked, the last one right); the tenth in a row locks the account for 15 minutes.
 * `locked`: the account was locked already, and this attempt was not counted.
 */
async function claimAttempt(db: Kysely<Database>, user: { municipality_id: string; id: string }, now: Date) {
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const row = await recordFailedLogin(db, user, now, { after: MAX_FAILED, until });
  const lockedNow = Boolean(row?.locked_until && row.locked_until > now);
  // The lock this attempt set, for a right password to lift (giveBackSignInAttempt).
  const lockedBy = lockedNow ? { until, countBefore: MAX_FAILED - 1 } : null;
  return { locked: !row, lockedNow, lockedBy };
}

export const authRoutes: FastifyPluginAsyncZod<{
  db: Db;
  config: Config;
  secrets: SecretBox;
  clock: Clock;
}> = async (app, { db, config, secrets, clock }) => {
  const k = db.kysely;
  const addressFailures = addressFailureGate({
    ...ADDRESS_FAILURES,
    // Where a password spray came from, for the operator to trace: the address as a keyed hash
    // (an address is personal data, kept out of the logs); the same address, the same hash.
    onLimit: (request) =>
      request.log.warn(
        { event: 'sign_in_address_limit', address: secrets.fingerprint(request.ip, ADDRESS_HASH) },
        'sign-in refused for an address: too many failures',
      ),
  });
  const perAddress = { preHandler: addressFailures.check, onResponse: addressFailures.record };

  app.get(
    '/config',
    { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: AuthConfig } } },
    async () => {
      const [logins, secondFactor] = await Promise.all([demoLogins(k), demoSecondFactorRequired(k)]);
      return {
        oidc: Boolean(config.oidc),
        demo: logins.length > 0,
        ...(logins.length ? { demoLogins: logins, demoSecondFactorOff: !secondFactor.required } : {}),
      };
    },
  );

  app.post(
    '/login',
    {
      config: { access: 'public', ...ipLimit },
      ...perAddress,
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResult } },
    },
    async (request, reply) => {
      const startedAt = clock.now();
      // Every refusal leaves at the same floor from the start, known username or not.
      const refuse = async () => {
        await waitOutFloor(clock, startedAt);
        return signInFailed();
      };
      const { username, password } = request.body;
      const user = await findUserForSignIn(k, username);
      const now = new Date();
      // The attempt is counted before the password is judged (claimAttempt); a known account's
      // write, as an unknown one's audit record below, inside the same floor.
      const attempt = user ? await claimAttempt(k, user, now) : undefined;
      // An unknown username is verified against a dummy hash: the same argon2 work.
      const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
      if (!user || !attempt) {
        // Audited by a keyed hash of what was typed (perhaps a real name mistyped), never the
        // text; a write like the failure count of a known account, inside the same floor.
        await auditUnknownAccount(k, secrets.fingerprint(username.toLowerCase(), UNKNOWN_USERNAME_HASH));
        throw await refuse();
      }
      const { locked } = attempt;
      if (!passwordOk || locked || user.disabled_at) {
        await audit(
          k,
          { userId: null, municipalityId: user.municipality_id, role: null },
          {
            action: 'sign_in_failed',
            entity: 'app_user',
            entityId: user.id,
            purpose: locked ? 'account_locked' : 'sign_in',
          },
        );
        throw await refuse();
      }
      const stage = user.totp_enabled_at
        ? ('totp' as const)
        : user.mfa_required
          ? ('enrol' as const)
          : ('done' as const);
      await k.transaction().execute(async (trx) => {
        // Only a full sign-in clears the failure count: a right password that leads to the
        // second factor gives back its own attempt and leaves the rest, so wrong codes keep
        // counting toward the lock.
        if (stage === 'done') await clearFailedLogins(trx, user);
        else await giveBackSignInAttempt(trx, user, now, attempt.lockedBy);
        await endSession(trx, request, reply);
        const step: SessionStep =
          stage === 'enrol'
            ? { stage, sealedPendingTotpSecret: secrets.seal(newTotpSecret(), pendingTotpContext(user.id)) }
            : stage === 'done'
              ? { stage, verifiedBy: 'password' }
              : { stage };
        await startSession(trx, reply, config, user, step);
        if (stage === 'done') {
          await auditSignIn(trx, user, 'password');
        }
      });
      return { stage };
    },
  );

  app.get(
    '/me',
    { config: { access: 'partial' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (request) => {
      const session = request.session!;
      const [user, notice] = await Promise.all([
        findUserForSession(k, session.actor.municipalityId, session.actor.userId),
        session.stage === 'done' ? findResetNotice(k, session.id) : undefined,
      ]);
      const account = { municipality_id: session.actor.municipalityId, id: session.actor.userId };
      const signIns = notice ? await findSignInsSince(k, account, notice.reset_at) : [];
      return {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        teamId: user.team_id,
        teamName: user.team_name,
        municipalityName: user.municipality_name,
        locale: user.locale,
        stage: session.stage,
        csrfToken: session.csrfToken,
        resetNotice: notice?.credential_reset
          ? {
              what: notice.credential_reset.what,
              at: new Date(notice.reset_at).toISOString(),
              byName: notice.by_name,
              commandLine: notice.credential_reset.by === null,
              signIns: signIns.map((s) => ({
                at: new Date(s.at).toISOString(),
                method: signInMethod(s.purpose),
              })),
              signInsTotal: Number(signIns[0]?.total ?? 0),
            }
          : null,
      };
    },
  );

  app.post(
    '/totp',
    {
      config: { access: 'partial', ...ipLimit },
      ...perAddress,
      schema: { tags: ['auth'], body: TotpBody, response: { 200: LoginResult } },
    },
    async (request, reply) => {
      const session = request.session!;
      if (session.stage !== 'totp') throw unauthenticated();
      const { actor } = session;
      const user = await findUserForSession(k, actor.municipalityId, actor.userId);
      const recoveryHashes =
        request.body.recoveryCode !== undefined
          ? recoveryCodeCandidates(secrets, request.body.recoveryCode)
          : null;
      const now = new Date();
      const account = { municipality_id: actor.municipalityId, id: actor.userId };
      // Counted before the code is judged, as a password is (claimAttempt): codes sent at once
      // cannot all pass an account that is not locked yet. A right code clears the count below.
      const attempt = await claimAttempt(k, account, now);
      const locked = attempt.locked;
      const stored = user.totp_secret;
      const step =
        request.body.code !== undefined && stored && !locked
          ? await checkTotp(
              secrets.open(stored, totpContext(user.id)),
              request.body.code,
              user.totp_last_step === null ? null : Number(user.totp_last_step),
            )
          : null;
      let ok = false;
      let lockedNow = false;
      await k.transaction().execute(async (trx) => {
        if (step !== null) {
          // Accepted only if no request used this step (or a later one) first: no replay, not even a racing one.
          const used = await claimTotpStep(trx, account, step);
          ok = used.numUpdatedRows > 0n;
          // A secret stored before encryption (or under an earlier key) is sealed on first use.
          if (ok && stored && !secrets.isCurrent(stored)) {
            const plain = secrets.open(stored, totpContext(user.id));
            await replaceTotpSecret(trx, user, stored, secrets.seal(plain, totpContext(user.id)));
          }
        }
        if (recoveryHashes && !locked) {
          // Taken out in one statement only if still there: two simultaneous sign-ins cannot both use it.
          const taken = await takeRecoveryCode(trx, account, recoveryHashes);
          ok = taken.numUpdatedRows > 0n;
        }
        await audit(trx, actor, {
          action: ok ? 'sign_in' : 'sign_in_failed',
          entity: 'app_user',
          entityId: actor.userId,
          purpose: recoveryHashes ? 'recovery_code' : 'totp',
        });
        if (!ok) {
          // Wrong codes count toward the lockout like wrong passwords; a locked account's
          // half-signed-in session ends, so guessing must start over from the password.
          lockedNow = locked || attempt.lockedNow;
          if (lockedNow) await endSession(trx, request, reply);
          return;
        }
        await clearFailedLogins(trx, account);
        await endSession(trx, request, reply);
        await startSession(trx, reply, config, account, { stage: 'done', verifiedBy: 'password_totp' });
      });
      if (lockedNow) throw unauthenticated('problems.sessionExpired');
      if (!ok) throw new AppError(401, 'problems.totpFailed', [], 'totp-failed');
      return { stage: 'done' as const };
    },
  );

  app.get(
    '/enrolment',
    { config: { access: 'partial' }, schema: { tags: ['auth'], response: { 200: Enrolment } } },
    async (request) => {
      const session = request.session!;
      if (session.stage !== 'enrol' || !session.sealedPendingTotpSecret) throw unauthenticated();
      const user = await findUserForSession(k, session.actor.municipalityId, session.actor.userId);
      const secret = secrets.open(session.sealedPendingTotpSecret, pendingTotpContext(user.id));
      return enrolmentFor(secret, user.username, user.municipality_name);
    },
  );

  app.post(
    '/enrolment',
    {
      config: { access: 'partial', ...ipLimit },
      ...perAddress,
      schema: { tags: ['auth'], body: EnrolmentConfirm, response: { 200: RecoveryCodes } },
    },
    async (request, reply) => {
      const session = request.session!;
      if (session.stage !== 'enrol' || !session.sealedPendingTotpSecret) throw unauthenticated();
      const secret = secrets.open(session.sealedPendingTotpSecret, pendingTotpContext(session.actor.userId));
      const step = await checkTotp(secret, request.body.code);
      if (step === null) {
        throw new AppError(
          400,
          'problems.totpFailed',
          [{ field: 'code', key: 'problems.totpFailed' }],
          'totp-failed',
        );
      }
      const { codes, hashes } = newRecoveryCodes(secrets);
      const { actor } = session;
      const account = { municipality_id: actor.municipalityId, id: actor.userId };
      const enrolled = await k.transaction().execute(async (trx) => {
        // The enrolment session is taken first: of two confirmations of it at once, the second
        // waits here for the first and then finds it gone. The account must still have no
        // second factor: an enrolment begun before another one finished does not replace it.
        const confirmed =
          (await endSession(trx, request, reply)) &&
          (await confirmEnrolment(trx, account, {
            totpSecret: secrets.seal(secret, totpContext(actor.userId)),
            step,
            recoveryCodeHashes: hashes,
            at: new Date(),
          }));
        if (!confirmed) {
          await audit(trx, actor, {
            action: 'sign_in_failed',
            entity: 'app_user',
            entityId: actor.userId,
            purpose: 'totp_enrolment',
          });
          return false;
        }
        await clearFailedLogins(trx, account);
        await audit(trx, actor, {
          action: 'sign_in',
          entity: 'app_user',
          entityId: actor.userId,
          fields: ['totp_secret', 'recovery_codes'],
          purpose: 'totp_enrolment',
        });
        await startSession(trx, reply, config, account, { stage: 'done', verifiedBy: 'password_totp' });
        return true;
      });
      if (!enrolled) throw unauthenticated();
      return { recoveryCodes: codes };
    },
  );

  app.delete(
    '/reset-notice',
    {
      config: { access: signedIn, unaudited: 'one’s own session’s notice' },
      schema: {
        tags: ['auth'],
        summary: 'Hide the reset notice in this session (the next sign-in shows it again)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      actorOf(request);
      await k.transaction().execute((trx) => dismissResetNotice(trx, request.session!.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/logout',
    { config: { access: 'partial' }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const { actor } = request.session!;
      await k.transaction().execute(async (trx) => {
        await endSession(trx, request, reply);
        await audit(trx, actor, {
          action: 'sign_out',
          entity: 'app_user',
          entityId: actor.userId,
          purpose: 'sign_out',
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/locale',
    {
      config: { access: signedIn, unaudited: 'one’s own language' },
      schema: { tags: ['auth'], body: LocaleBody, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await k.transaction().execute(async (trx) => {
        await updateLocale(
          trx,
          { municipality_id: actor.municipalityId, id: actor.userId },
          request.body.locale,
        );
        // Sessions carry the language: every instance's cached ones go on commit.
        await announce(trx, { user: actor.userId });
      });
      app.sessionCache.forgetUser(actor.userId);
      return reply.status(204).send(null);
    },
  );

  if (config.oidc) await registerOidcRoutes(app, db, config, config.oidc);
};
