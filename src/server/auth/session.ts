import { hash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, SessionTable, VerifiedBy } from '../../db/schema';
import type { Locale } from '../../shared/common/common.contract';
import type { Config } from '../config';
import type { Actor } from '../http/access';
import { audit } from '../plugins/audit';
import { deleteSession, findSession, insertSession, touchSession } from './auth.queries';
import { SessionCache } from './session-cache';
import { announce } from './session-events';

export const SESSION_COOKIE = 'staircase_session';
export const PARTIAL_SESSION_MINUTES = 10;

export interface LoadedSession {
  id: string;
  stage: SessionTable['stage'];
  /** How a signed-in session was verified; null while signing in (decision 0018). */
  verifiedBy: VerifiedBy | null;
  csrfToken: string;
  /** The secret of an enrolment in progress, as stored: sealed (auth/secret-box.ts). */
  sealedPendingTotpSecret: string | null;
  actor: Actor;
  locale: Locale;
  username: string;
}

// crypto.hash, one call without a Hash object: every API request hashes its cookie, and
// createHash().update().digest() cost ~10 µs against ~2 µs (decision 0043). The same SHA-256.
const hashToken = (token: string) => hash('sha256', token, 'hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * A step of sign-in: a second factor to give, one to enrol (with its secret, sealed by the
 * caller under pendingTotpContext of the user), or signed in — and then how (decision 0018).
 */
export type SessionStep =
  | { stage: 'totp' }
  | { stage: 'enrol'; sealedPendingTotpSecret: string }
  | { stage: 'done'; verifiedBy: VerifiedBy };

/**
 * Starts a session at a step. Called at every step of sign-in, after deleting the previous
 * session, so an identifier known before sign-in is never the one that is signed in (fixation).
 */
export async function startSession(
  db: Kysely<Database>,
  reply: FastifyReply,
  config: Config,
  user: { municipality_id: string; id: string },
  step: SessionStep,
): Promise<void> {
  const token = randomToken();
  await insertSession(db, {
    id: hashToken(token),
    municipality_id: user.municipality_id,
    user_id: user.id,
    stage: step.stage,
    csrf_token: randomToken(24),
    pending_totp_secret: step.stage === 'enrol' ? step.sealedPendingTotpSecret : null,
    verified_by: step.stage === 'done' ? step.verifiedBy : null,
    last_seen_at: new Date(),
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'strict',
    maxAge: config.absoluteTimeoutHours * 3600,
  });
}

/** The audit record of a completed sign-in: the account signed itself in, verified by `method`. */
export function auditSignIn(
  db: Kysely<Database>,
  user: { municipality_id: string; id: string; role: Actor['role'] },
  method: 'password' | 'oidc',
): Promise<void> {
  return audit(
    db,
    { userId: user.id, municipalityId: user.municipality_id, role: user.role },
    { action: 'sign_in', entity: 'app_user', entityId: user.id, purpose: method },
  );
}

/** Ends the request's session; true if it was still there (a concurrent request may have ended it). */
export async function endSession(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const token = request.cookies[SESSION_COOKIE];
  let ended = false;
  if (token) {
    const id = hashToken(token);
    request.server.sessionCache.forget(id);
    const deleted = await deleteSession(db, id);
    ended = deleted.numDeletedRows > 0n;
    await announce(db, { session: id });
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return ended;
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The app's session cache (src/server/auth/session-cache.ts), one per server. */
export const createSessionCache = (config: Config) =>
  new SessionCache<SessionRow>(config.sessionCacheSeconds * 1000);

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache<SessionRow>;
  }
}

export type SessionLookup =
  | { session: LoadedSession }
  | { expired: true }
  | { secondFactorRequired: true }
  | null;

/**
 * Whether a signed-in session still meets its municipality's rule as it is now: when a second
 * factor is required, a session verified by password alone does not (the requirement was turned
 * on after it began), while TOTP and single sign-on do (the provider is trusted for the second
 * factor, decision 0004). A session from before migration 0009 (no `verified_by`) counts as
 * password alone. Decision 0018.
 */
export function meetsRequirement(row: { verified_by: VerifiedBy | null; mfa_required: boolean }): boolean {
  return !row.mfa_required || row.verified_by === 'password_totp' || row.verified_by === 'sso';
}

/** Finds the request's session; enforces the idle and absolute time-outs. */
export async function loadSession(
  db: Kysely<Database>,
  config: Config,
  token: string | undefined,
  cache: SessionCache<SessionRow>,
  now = new Date(),
): Promise<SessionLookup> {
  if (!token) return null;
  const id = hashToken(token);
  const cached = cache.get(id);
  const generation = cache.generation;
  const row = cached ?? (await findSession(db, id));
  if (!row) return null;
  const idleLimit = now.getTime() - config.idleTimeoutMinutes * 60_000;
  const absoluteLimit = now.getTime() - config.absoluteTimeoutHours * 3_600_000;
  // Between password and second factor a session lives minutes, not hours.
  const partialLimit = now.getTime() - PARTIAL_SESSION_MINUTES * 60_000;
  if (
    row.disabled_at ||
    row.last_seen_at.getTime() < idleLimit ||
    row.created_at.getTime() < absoluteLimit ||
    (row.stage !== 'done' && row.created_at.getTime() < partialLimit)
  ) {
    cache.forget(id);
    await deleteSession(db, id);
    return { expired: true };
  }
  if (row.stage === 'done' && !meetsRequirement(row)) {
    // Ended, and recorded once (of two requests at once, the one that deleted it records it).
    cache.forget(id);
    await db.transaction().execute(async (trx) => {
      const ended = await deleteSession(trx, id);
      if (ended.numDeletedRows === 0n) return;
      await audit(
        trx,
        { userId: row.user_id, municipalityId: row.municipality_id, role: row.role },
        { action: 'denied', entity: 'app_user', entityId: row.user_id, purpose: 'second_factor_required' },
      );
    });
    return { secondFactorRequired: true };
  }
  // One write a minute is enough to keep the idle clock honest.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await touchSession(db, id, now);
    // A cached row may be seconds old in its other fields: read it afresh next time.
    if (cached) cache.forget(id);
    else cache.remember({ ...row, last_seen_at: now }, generation);
  } else if (!cached) {
    cache.remember(row, generation);
  }
  return {
    session: {
      id,
      stage: row.stage,
      verifiedBy: row.verified_by,
      csrfToken: row.csrf_token,
      sealedPendingTotpSecret: row.pending_totp_secret,
      locale: row.locale,
      username: row.username,
      actor: {
        userId: row.user_id,
        municipalityId: row.municipality_id,
        role: row.role,
        teamId: row.team_id,
        displayName: row.display_name,
      },
    },
  };
}
