import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetPassword } from '../../../src/cli/users';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { buildApp } from '../../../src/server/app';
import { LISTENER_NAME, listenForSessionEvents } from '../../../src/server/auth/session-events';
import { serverUrl, testDatabaseUrl } from '../../support/databases';
import { type Harness, openHarness } from '../../support/harness';
import { call, csrfOf, freshIp, login, logout } from './auth-support';

/**
 * Two server instances on one PostgreSQL database, each with its session cache on: what ends
 * a session on one (or in the CLI) reaches the other's cache at once, over LISTEN/NOTIFY.
 * PGlite has one process only (its data folder is locked), so these run on a server; CI has one.
 */
describe.skipIf(!serverUrl)('session events between server instances [postgres]', () => {
  let harness: Harness;
  let m: GeneratedMunicipality;
  const opened: { close(): Promise<unknown> }[] = [];
  const connectionErrors: Error[] = [];
  beforeAll(async () => {
    harness = await openHarness('postgres', testDatabaseUrl(), { sessionCacheSeconds: 60 });
    m = await harness.municipality({ families: 2, adults: 3, children: 3 });
  });
  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    await harness.app.close();
    await harness.db.close();
  });

  const instance = async () => {
    const app = await buildApp({ db: harness.db, config: { ...harness.config, sessionCacheSeconds: 60 } });
    await app.ready();
    // A lost connection is reported here (the server logs it); the tests look at the cache.
    const listener = await listenForSessionEvents(testDatabaseUrl()!, app.sessionCache, (error) => {
      connectionErrors.push(error);
    });
    opened.push(app, listener);
    return { app, listener };
  };
  const signedIn = async (app: Awaited<ReturnType<typeof instance>>['app'], username: string) => {
    const ip = freshIp();
    const attempt = await login(app, ip, username);
    expect(attempt.response.json()).toEqual({ stage: 'done' });
    return { ip, cookie: attempt.cookie! };
  };

  it('a sign-out on one instance ends the session cached by the other at once', async () => {
    const a = await instance();
    const b = await instance();
    const member = m.users.find((u) => u.role === 'team_member')!;
    const { ip, cookie } = await signedIn(a.app, member.username);
    expect((await call(b.app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(b.app.sessionCache.size).toBe(1);

    // Other test files share the database and sign out too: wait for this session's event.
    const sessionId = createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
    const heard = b.listener.nextEvent((e) => 'session' in e && e.session === sessionId);
    await logout(a.app, ip, cookie, await csrfOf(a.app, ip, cookie));
    expect(await heard).toEqual({ session: sessionId });
    expect(b.app.sessionCache.size).toBe(0);
    expect((await call(b.app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('a new password set with the CLI ends the account’s cached sessions on a running server', async () => {
    const b = await instance();
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const { ip, cookie } = await signedIn(b.app, leader.username);
    expect((await call(b.app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(b.app.sessionCache.size).toBe(1);

    const heard = b.listener.nextEvent();
    expect(
      await resetPassword(harness.db, leader.username, 'a-brand-new-long-passphrase-2026', false),
    ).toEqual({ ok: true, message: `Password set for ${leader.username}.` });
    expect(await heard).toEqual({ user: leader.id });
    expect(b.app.sessionCache.size).toBe(0);
    expect((await call(b.app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('turns the cache off when its connection is lost, and on again once it listens again', async () => {
    const b = await instance();
    const analyst = m.users.find((u) => u.role === 'analyst')!;
    const { ip, cookie } = await signedIn(b.app, analyst.username);
    const me = async () => (await call(b.app, ip, cookie, 'GET', '/api/auth/me')).statusCode;
    expect(await me()).toBe(200);
    expect(b.app.sessionCache.size).toBe(1);
    // The server drops the listening connections (a restart, a network cut).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = ${LISTENER_NAME} and datname = current_database()`.execute(harness.db.kysely);
    // Until it listens again nothing is kept: every request reads its session afresh.
    await vi.waitFor(() => expect(b.app.sessionCache.size).toBe(0), { timeout: 15_000, interval: 50 });
    expect(connectionErrors.length).toBeGreaterThan(0);
    expect(await me()).toBe(200);
    // Back within a second or so: the cache fills again.
    await vi.waitFor(
      async () => {
        expect(await me()).toBe(200);
        expect(b.app.sessionCache.size).toBe(1);
      },
      { timeout: 15_000, interval: 250 },
    );
  });
});
