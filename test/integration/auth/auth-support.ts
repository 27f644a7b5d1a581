import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Db } from '../../../src/db/client';
import { TEST_PASSWORD } from '../../support/harness';

/**
 * Helpers for the sign-in tests. Every request names its client address: the sign-in routes
 * are rate limited per address (30 per 15 minutes), so each test signs in from its own
 * address and no test eats another's allowance.
 */
let lastIp = 0;
export function freshIp(): string {
  lastIp++;
  return `10.${process.pid % 250}.${Math.floor(lastIp / 250)}.${(lastIp % 250) + 1}`;
}

export interface Attempt {
  response: LightMyRequestResponse;
  /** "staircase_session=…" from Set-Cookie, or undefined when none was set. */
  cookie: string | undefined;
}

export function cookieOf(response: LightMyRequestResponse): string | undefined {
  const set = response.cookies.find((c) => c.name === 'staircase_session' && c.value !== '');
  return set ? `staircase_session=${set.value}` : undefined;
}

export async function login(
  app: FastifyInstance,
  ip: string,
  username: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Attempt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    headers,
    payload: { username, password },
  });
  return { response, cookie: cookieOf(response) };
}

/** Sends a request with a session cookie (and its CSRF token for unsafe methods). */
export function call(
  app: FastifyInstance,
  ip: string,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  options: { csrf?: string; body?: object; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: {
      cookie,
      ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
      ...options.headers,
    },
    ...(options.body ? { payload: options.body } : {}),
  });
}

/** The CSRF token of a (possibly partial) session, from GET /api/auth/me. */
export async function csrfOf(app: FastifyInstance, ip: string, cookie: string): Promise<string> {
  const me = await call(app, ip, cookie, 'GET', '/api/auth/me');
  if (me.statusCode !== 200) throw new Error(`GET /me: ${me.statusCode} ${me.body}`);
  return me.json().csrfToken;
}

/** Gives a second factor's code on a half-signed-in session. */
export function sendCode(app: FastifyInstance, ip: string, cookie: string, csrf: string, code: string) {
  return call(app, ip, cookie, 'POST', '/api/auth/totp', { csrf, body: { code } });
}

export const totpNow = (secret: string) => generate({ secret });
/**
 * The code of the next 30-second step, accepted thanks to the one-step clock tolerance. A
 * second sign-in right after enrolment needs it: the current step's code is spent (no replay).
 */
export const totpNext = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** A six-digit code that is valid for no time step near now (so never accepted by mistake). */
export async function wrongTotp(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const near = new Set(
    await Promise.all([-90, -60, -30, 0, 30, 60, 90].map((d) => generate({ secret, epoch: now + d }))),
  );
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

export interface Enrolled {
  cookie: string;
  csrf: string;
  secret: string;
  recoveryCodes: string[];
}

/** Password, then enrolment of a second factor: a full session of a user who must use one. */
export async function enrol(app: FastifyInstance, ip: string, username: string): Promise<Enrolled> {
  const first = await login(app, ip, username);
  if (first.response.json().stage !== 'enrol' || !first.cookie) {
    throw new Error(`expected enrolment: ${first.response.statusCode} ${first.response.body}`);
  }
  const csrf = await csrfOf(app, ip, first.cookie);
  const { secret } = (await call(app, ip, first.cookie, 'GET', '/api/auth/enrolment')).json();
  const confirmed = await call(app, ip, first.cookie, 'POST', '/api/auth/enrolment', {
    csrf,
    body: { code: await totpNow(secret) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`enrolment: ${confirmed.statusCode} ${confirmed.body}`);
  const cookie = cookieOf(confirmed)!;
  return {
    cookie,
    csrf: await csrfOf(app, ip, cookie),
    secret,
    recoveryCodes: confirmed.json().recoveryCodes,
  };
}

export async function logout(app: FastifyInstance, ip: string, cookie: string, csrf: string) {
  const response = await call(app, ip, cookie, 'POST', '/api/auth/logout', { csrf });
  if (response.statusCode !== 204) throw new Error(`logout: ${response.statusCode} ${response.body}`);
}

export async function userRow(db: Db, username: string) {
  return db.kysely
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

export async function sessionCount(db: Db, userId: string): Promise<number> {
  const rows = await db.kysely
    .selectFrom('user_session')
    .select('id')
    .where('user_id', '=', userId)
    .execute();
  return rows.length;
}
