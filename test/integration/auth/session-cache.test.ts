import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { buildApp } from '../../../src/server/app';
import { loadSession } from '../../../src/server/auth/session';
import { loadConfig } from '../../../src/server/config';
import { describeEachDatabase, TEST_SECRET_KEY } from '../../support/harness';
import { call, csrfOf, freshIp, login, logout } from './auth-support';

/**
 * The session cache on (as in production; the other tests turn it off): what the server
 * changes itself is seen at once, what changes behind its back within the cache's lifetime,
 * and the time-outs hold for a cached session.
 */
describeEachDatabase('the session cache', (h) => {
  let m: GeneratedMunicipality;
  let next = 0;
  const user = () => m.users[next++]!;
  beforeAll(async () => {
    m = await h().municipality({ families: 2, adults: 3, children: 3 });
  });

  /** A second app over the test's database, with the cache on. */
  const cachedApp = async () => {
    const config = {
      ...loadConfig({}),
      webDir: '/nonexistent',
      seedDemo: false,
      sessionCacheSeconds: 60,
      secretKeys: [TEST_SECRET_KEY],
    };
    const app = await buildApp({ db: h().db, config });
    await app.ready();
    return { app, config };
  };

  const signIn = async (app: Parameters<typeof login>[0], ip: string, username: string) => {
    const attempt = await login(app, ip, username);
    expect(attempt.response.json()).toEqual({ stage: 'done' });
    return attempt.cookie!;
  };

  it('answers from the cache while the session row is gone behind the server’s back', async () => {
    const { app } = await cachedApp();
    const ip = freshIp();
    const u = user();
    const cookie = await signIn(app, ip, u.username);
    expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(app.sessionCache.size).toBe(1);
    // As if another server instance had signed the session out: this one does not know yet.
    await h().db.kysely.deleteFrom('user_session').where('user_id', '=', u.id).execute();
    expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    app.sessionCache.forgetUser(u.id);
    expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await app.close();
  });

  it('signs out at once: the next request with the old cookie is refused', async () => {
    const { app } = await cachedApp();
    const ip = freshIp();
    const cookie = await signIn(app, ip, user().username);
    const csrf = await csrfOf(app, ip, cookie);
    expect(app.sessionCache.size).toBe(1);
    await logout(app, ip, cookie, csrf);
    expect(app.sessionCache.size).toBe(0);
    expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await app.close();
  });

  it('forgets the account’s sessions when its language changes, so the next answer speaks it', async () => {
    const { app } = await cachedApp();
    const ip = freshIp();
    const cookie = await signIn(app, ip, user().username);
    const csrf = await csrfOf(app, ip, cookie);
    const changed = await call(app, ip, cookie, 'PUT', '/api/auth/locale', { csrf, body: { locale: 'en' } });
    expect(changed.statusCode).toBe(204);
    expect(app.sessionCache.size).toBe(0);
    // Without Accept-Language, errors speak the session's language: English from now on.
    const refused = await call(app, ip, cookie, 'POST', '/api/families/search', { csrf, body: { page: 0 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe('Some fields are not filled in correctly');
    await app.close();
  });

  it('still ends a cached session after 30 idle minutes', async () => {
    const { app, config } = await cachedApp();
    const ip = freshIp();
    const cookie = await signIn(app, ip, user().username);
    expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const token = cookie.split('=')[1]!;
    const cache = app.sessionCache;
    const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    const idle = await loadSession(h().db.kysely, config, token, cache, inMinutes(31));
    expect(idle).toEqual({ expired: true });
    expect(cache.size).toBe(0);
    await app.close();
  });

  describe('administration through this server', () => {
    const adminOf = async (app: Awaited<ReturnType<typeof cachedApp>>['app']) => {
      const ip = freshIp();
      const admin = m.users.find((u) => u.role === 'administrator')!;
      const cookie = await signIn(app, ip, admin.username);
      return { ip, cookie, csrf: await csrfOf(app, ip, cookie) };
    };
    const versionOf = async (
      app: Awaited<ReturnType<typeof cachedApp>>['app'],
      admin: { ip: string; cookie: string },
      userId: string,
    ) =>
      (await call(app, admin.ip, admin.cookie, 'GET', `/api/admin/users/${userId}`)).json().version as number;

    it('ends a cached session at once when the account is disabled', async () => {
      const { app } = await cachedApp();
      const admin = await adminOf(app);
      const ip = freshIp();
      const member = m.users.find((u) => u.role === 'team_member' && u.username.endsWith('member09'))!;
      const cookie = await signIn(app, ip, member.username);
      expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
      const version = await versionOf(app, admin, member.id);
      const disabled = await call(
        app,
        admin.ip,
        admin.cookie,
        'POST',
        `/api/admin/users/${member.id}/disable`,
        {
          csrf: admin.csrf,
          body: { version },
        },
      );
      expect(disabled.statusCode).toBe(200);
      expect((await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
      await app.close();
    });

    it('applies a new role at once: a member made analyst is refused the family list on the next request', async () => {
      const { app } = await cachedApp();
      const admin = await adminOf(app);
      const ip = freshIp();
      const member = m.users.find((u) => u.role === 'team_member' && u.username.endsWith('member10'))!;
      const cookie = await signIn(app, ip, member.username);
      const csrf = await csrfOf(app, ip, cookie);
      const search = () =>
        call(app, ip, cookie, 'POST', '/api/families/search', {
          csrf,
          body: { sort: 'reference', dir: 'asc', page: 1, pageSize: 25 },
        });
      // The route's policy reads the role from the (cached) session: a team member may list.
      expect((await search()).statusCode).toBe(200);
      const version = await versionOf(app, admin, member.id);
      const changed = await call(app, admin.ip, admin.cookie, 'PATCH', `/api/admin/users/${member.id}`, {
        csrf: admin.csrf,
        body: { version, role: 'analyst', teamId: null, departmentId: null },
      });
      expect(changed.statusCode).toBe(200);
      // An analyst sees no case content: refused at once, not after the cache's lifetime.
      expect((await search()).statusCode).toBe(403);
      await app.close();
    });
  });
});
