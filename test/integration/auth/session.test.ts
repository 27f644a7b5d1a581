import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { buildApp } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { addUser } from '../../support/factories';
import { describeEachDatabase, TEST_SECRET_KEY } from '../../support/harness';
import { call, csrfOf, freshIp, login, sessionCount, userRow } from './auth-support';

/** The raw Set-Cookie line of the session cookie. */
function sessionSetCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [String(header)] : [];
  const session = lines.filter((l) => l.startsWith('staircase_session='));
  expect(session).toHaveLength(1);
  return session[0]!;
}

const attributes = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());

describeEachDatabase('sessions and sign-in protection', (h) => {
  let m: GeneratedMunicipality;
  let next = 0;
  const user = () => {
    const u = m.users[next++];
    if (!u) throw new Error('out of users');
    return u;
  };
  beforeAll(async () => {
    m = await h().municipality({ families: 2, adults: 3, children: 3 });
  });

  const signIn = async (ip: string, username: string) => {
    const attempt = await login(h().app, ip, username);
    expect(attempt.response.json()).toEqual({ stage: 'done' });
    return attempt.cookie!;
  };
  const me = (ip: string, cookie: string) => call(h().app, ip, cookie, 'GET', '/api/auth/me');
  const moveSession = (userId: string, column: 'last_seen_at' | 'created_at', interval: string) =>
    h()
      .db.kysely.updateTable('user_session')
      .set({ [column]: sql`now() - ${interval}::interval` })
      .where('user_id', '=', userId)
      .execute();

  describe('per-account lockout', () => {
    it('locks an account after ten failed passwords, refuses even the right one, and lets it in once locked_until has passed', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const u = user();
      const fail = () => login(app, ip, u.username, 'not the right password');

      // Nine failures do not lock, and a success clears the count.
      for (let i = 0; i < 9; i++) expect((await fail()).response.statusCode).toBe(401);
      expect((await userRow(db, u.username)).failed_logins).toBe(9);
      expect((await login(app, ip, u.username)).response.statusCode).toBe(200);
      expect((await userRow(db, u.username)).failed_logins).toBe(0);

      for (let i = 0; i < 10; i++) expect((await fail()).response.statusCode).toBe(401);
      const locked = await userRow(db, u.username);
      expect(locked.locked_until).not.toBeNull();
      expect(locked.locked_until!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

      const refused = await login(app, ip, u.username);
      expect(refused.response.statusCode).toBe(401);
      expect(refused.cookie).toBeUndefined();
      // A locked account answers like a wrong password: the lock tells nobody the password was right.
      expect(refused.response.json().type).toBe('/problems/sign-in-failed');
      const last = await db.kysely
        .selectFrom('audit_event')
        .select(['action', 'purpose'])
        .where('entity_id', '=', u.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toEqual({ action: 'sign_in_failed', purpose: 'account_locked' });

      await db.kysely
        .updateTable('app_user')
        .set({ locked_until: sql`now() - interval '1 second'` })
        .where('id', '=', u.id)
        .execute();
      const unlocked = await login(app, ip, u.username);
      expect(unlocked.response.json()).toEqual({ stage: 'done' });
      expect(await userRow(db, u.username)).toMatchObject({ failed_logins: 0, locked_until: null });
    });

    it('counts failures that arrive at the same moment, so parallel guessing also locks the account', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const u = user();
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(app, ip, u.username, `wrong password ${i}`)),
      );
      expect(attempts.every((a) => a.response.statusCode === 401)).toBe(true);
      expect((await userRow(db, u.username)).locked_until).not.toBeNull();
      expect((await login(app, ip, u.username)).response.statusCode).toBe(401);
    });

    it('checks no more than ten passwords of a burst sent at once: the right one sent last is refused', async () => {
      const { app, db } = h();
      const u = await addUser(db, m);
      // Each from an address of its own, so the per-address limit is not what stops them.
      const attempts = await Promise.all([
        ...Array.from({ length: 25 }, (_, i) => login(app, freshIp(), u.username, `wrong password ${i}`)),
        login(app, freshIp(), u.username),
      ]);
      expect(attempts.map((a) => a.response.statusCode)).toEqual(Array(26).fill(401));
      expect(attempts.every((a) => a.cookie === undefined)).toBe(true);
      expect((await userRow(db, u.username)).locked_until).not.toBeNull();
      const purposes = await db.kysely
        .selectFrom('audit_event')
        .select(({ fn }) => ['purpose', fn.countAll<string>().as('n')])
        .where('entity_id', '=', u.id)
        .where('action', '=', 'sign_in_failed')
        .groupBy('purpose')
        .orderBy('purpose')
        .execute();
      // Ten were judged; the other sixteen met a locked account.
      expect(purposes.map((p) => [p.purpose, Number(p.n)])).toEqual([
        ['account_locked', 16],
        ['sign_in', 10],
      ]);
    });

    it('lets the right password in as the tenth attempt, which its own count had locked', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const u = await addUser(db, m);
      for (let i = 0; i < 9; i++)
        expect((await login(app, ip, u.username, 'not the right password')).response.statusCode).toBe(401);
      // The tenth attempt, right, locked the account as it was counted; being right, it is let in.
      expect((await login(app, ip, u.username)).response.json()).toEqual({ stage: 'done' });
      expect(await userRow(db, u.username)).toMatchObject({ failed_logins: 0, locked_until: null });
    });
  });

  describe('per-address rate limit', () => {
    it('answers 429 problem+json to the 31st sign-in from one address, whatever the username, and not to another address', async () => {
      const { app } = h();
      const ip = freshIp();
      for (let i = 0; i < 30; i++) {
        const attempt = await login(app, ip, `nobody_${i}_${ip}`, 'not a password');
        expect(attempt.response.statusCode, `attempt ${i + 1}`).toBe(401);
      }
      const limited = await login(app, ip, m.users[0]!.username);
      expect(limited.response.statusCode).toBe(429);
      expect(limited.response.headers['content-type']).toContain('application/problem+json');
      expect(limited.response.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
      expect(limited.cookie).toBeUndefined();

      const elsewhere = await login(app, freshIp(), `nobody_else_${ip}`, 'not a password');
      expect(elsewhere.response.statusCode).toBe(401);
    });

    it('counts only failures: a whole office signing in from one address is not refused', async () => {
      const { app } = h();
      const ip = freshIp();
      // Accounts of their own: the other tests lock or sign out the generated ones.
      const staff = [await addUser(h().db, m), await addUser(h().db, m), await addUser(h().db, m)];
      for (let round = 0; round < 12; round++) {
        for (const u of staff) {
          const signedIn = await login(app, ip, u.username);
          expect(signedIn.response.statusCode, `${u.username}, round ${round + 1}`).toBe(200);
        }
      }
      // 36 sign-ins later the address still has its 30 failures to spend.
      for (let i = 0; i < 30; i++) {
        expect((await login(app, ip, `nobody_${i}_${ip}`, 'not a password')).response.statusCode).toBe(401);
      }
      expect((await login(app, ip, staff[0]!.username)).response.statusCode).toBe(429);
    });

    it('lets no more than 30 failures of a burst sent at once from one address through', async () => {
      const { app } = h();
      const ip = freshIp();
      const attempts = await Promise.all(
        Array.from({ length: 45 }, (_, i) => login(app, ip, `nobody_${i}_${ip}`, 'not a password')),
      );
      const codes = attempts.map((a) => a.response.statusCode);
      expect(codes.filter((c) => c === 401)).toHaveLength(30);
      expect(codes.filter((c) => c === 429)).toHaveLength(15);
    });
  });

  describe('time-outs', () => {
    it('ends a session idle for 31 minutes with 401 session expired, and clears its cookie', async () => {
      const { db } = h();
      const ip = freshIp();
      const u = user();
      const cookie = await signIn(ip, u.username);
      await moveSession(u.id, 'last_seen_at', '31 minutes');
      const response = await call(h().app, ip, cookie, 'GET', '/api/auth/me', {
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toEqual({
        type: '/problems/session-expired',
        title: 'Your session has expired – sign in again',
        status: 401,
      });
      const cleared = sessionSetCookie(response);
      expect(cleared).toMatch(/^staircase_session=;/);
      expect(await sessionCount(db, u.id)).toBe(0);
      // Gone for good: the next request is simply not signed in.
      expect((await me(ip, cookie)).json().type).toBe('/problems/unauthenticated');
    });

    it('keeps a session used 29 minutes ago, and restarts its idle clock', async () => {
      const { db } = h();
      const ip = freshIp();
      const u = user();
      const cookie = await signIn(ip, u.username);
      await moveSession(u.id, 'last_seen_at', '29 minutes');
      expect((await me(ip, cookie)).statusCode).toBe(200);
      const row = await db.kysely
        .selectFrom('user_session')
        .select('last_seen_at')
        .where('user_id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(60_000);
    });

    it('ends a session 13 hours old even though it was used just now (absolute time-out), and keeps one 11 hours old', async () => {
      const ip = freshIp();
      const old = user();
      const oldCookie = await signIn(ip, old.username);
      await moveSession(old.id, 'created_at', '13 hours');
      const expired = await me(ip, oldCookie);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().type).toBe('/problems/session-expired');

      const younger = user();
      const youngerCookie = await signIn(ip, younger.username);
      await moveSession(younger.id, 'created_at', '11 hours');
      expect((await me(ip, youngerCookie)).statusCode).toBe(200);
    });

    it('ends the sessions of an account that is disabled', async () => {
      const { db } = h();
      const ip = freshIp();
      const u = user();
      const cookie = await signIn(ip, u.username);
      await db.kysely
        .updateTable('app_user')
        .set({ disabled_at: new Date() })
        .where('id', '=', u.id)
        .execute();
      expect((await me(ip, cookie)).statusCode).toBe(401);
      const again = await login(h().app, ip, u.username);
      expect(again.response.statusCode).toBe(401);
      expect(again.response.json().type).toBe('/problems/sign-in-failed');
    });
  });

  describe('cookies', () => {
    it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, and not Secure over plain HTTP', async () => {
      const attempt = await login(h().app, freshIp(), user().username);
      const line = sessionSetCookie(attempt.response);
      const attrs = attributes(line);
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      expect(attrs).toContain(`max-age=${12 * 3600}`);
      expect(attrs).not.toContain('secure');
    });

    it('sets the session cookie Secure when config.secureCookies is on', async () => {
      const config = {
        ...loadConfig({}),
        webDir: '/nonexistent',
        seedDemo: false,
        secureCookies: true,
        secretKeys: [TEST_SECRET_KEY],
      };
      const app = await buildApp({ db: h().db, config });
      try {
        await app.ready();
        const attempt = await login(app, freshIp(), user().username);
        expect(attempt.response.statusCode).toBe(200);
        const attrs = attributes(sessionSetCookie(attempt.response));
        expect(attrs).toContain('secure');
        expect(attrs).toContain('httponly');
        expect(attrs).toContain('samesite=strict');
        expect(attrs).toContain('path=/');
      } finally {
        await app.close();
      }
    });
  });

  describe('CSRF', () => {
    it('refuses sign-out without the CSRF token, with a wrong one, or with another session’s, and the session lives on', async () => {
      const { app } = h();
      const ip = freshIp();
      const u = user();
      const cookie = await signIn(ip, u.username);
      const csrf = await csrfOf(app, ip, cookie);
      const otherCsrf = await csrfOf(app, ip, await signIn(ip, user().username));
      expect(otherCsrf).not.toBe(csrf);

      for (const token of [undefined, 'not-the-token', otherCsrf]) {
        const response = await call(
          app,
          ip,
          cookie,
          'POST',
          '/api/auth/logout',
          token ? { csrf: token } : {},
        );
        expect(response.statusCode, String(token)).toBe(403);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().type).toBe('/problems/csrf');
      }
      expect((await me(ip, cookie)).statusCode).toBe(200);

      const ok = await call(app, ip, cookie, 'POST', '/api/auth/logout', { csrf });
      expect(ok.statusCode).toBe(204);
      expect((await me(ip, cookie)).statusCode).toBe(401);
    });

    it('refuses an unsafe request from another origin even with the right token', async () => {
      const { app } = h();
      const ip = freshIp();
      const cookie = await signIn(ip, user().username);
      const csrf = await csrfOf(app, ip, cookie);
      const response = await call(app, ip, cookie, 'PUT', '/api/auth/locale', {
        csrf,
        body: { locale: 'en' },
        headers: { origin: 'https://evil.example' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().type).toBe('/problems/csrf');
      expect(
        (await call(app, ip, cookie, 'PUT', '/api/auth/locale', { csrf, body: { locale: 'en' } })).statusCode,
      ).toBe(204);
    });
  });
});
