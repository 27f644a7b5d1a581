import { beforeAll, expect, it } from 'vitest';
import { resetPassword } from '../../../src/cli/users';
import type { GeneratedMunicipality } from '../../../src/db/demo/generate';
import { clientFor, describeEachDatabase, TEST_PASSWORD } from '../../support/harness';
import { call, csrfOf, freshIp, login } from './auth-support';

/**
 * Decision 0018: after an administrator (or the operator's command line) resets an account's
 * password or second factor, its holder is told once, at the next full sign-in: what, by whom,
 * when — so a reset misused to get into the account is seen by its owner.
 */
describeEachDatabase('the notice of a reset at the next sign-in', (h) => {
  let m: GeneratedMunicipality;
  let next = 0;
  const NEW_PASSWORD = 'a fresh and long enough passphrase 42';
  const admin = () => m.users.find((u) => u.role === 'administrator')!;
  const member = () => m.users.filter((u) => u.role === 'team_member')[next++]!;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 2, children: 1 }); // second factor off
  });

  const versionOf = async (userId: string) =>
    (
      await h()
        .db.kysely.selectFrom('app_user')
        .select('version')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).version;

  /** Signs in (password only here) and returns /me and a client of the session. */
  async function signIn(username: string, password = TEST_PASSWORD) {
    const ip = freshIp();
    const { cookie, response } = await login(h().app, ip, username, password);
    expect(response.json()).toEqual({ stage: 'done' });
    const csrf = await csrfOf(h().app, ip, cookie!);
    const me = async () => (await call(h().app, ip, cookie!, 'GET', '/api/auth/me')).json();
    return { me, client: clientFor(h().app, cookie!, csrf) };
  }

  it('tells the holder, once, that an administrator reset the password: by name and when; read, it is gone, and the next sign-in says nothing', async () => {
    const user = member();
    const a = await h().signIn(admin().username);
    const reset = await a.post(`/api/admin/users/${user.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(user.id),
    });
    expect(reset.statusCode).toBe(200);

    const first = await signIn(user.username, NEW_PASSWORD);
    const notice = (await first.me()).resetNotice;
    expect(notice).toMatchObject({ what: 'password', byName: admin().display_name, commandLine: false });
    expect(Number.isNaN(Date.parse(notice.at))).toBe(false);
    // Still there on the next page of the session until read.
    expect((await first.me()).resetNotice).toMatchObject({ what: 'password' });
    expect((await first.client.delete('/api/auth/reset-notice')).statusCode).toBe(204);
    expect((await first.me()).resetNotice).toBeNull();

    const second = await signIn(user.username, NEW_PASSWORD);
    expect((await second.me()).resetNotice).toBeNull();
  });

  it('tells a password reset and a second-factor reset made before the sign-in together', async () => {
    const user = member();
    const a = await h().signIn(admin().username);
    await a.post(`/api/admin/users/${user.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(user.id),
    });
    const secondFactor = await a.post(`/api/admin/users/${user.id}/second-factor/reset`, {
      version: await versionOf(user.id),
    });
    expect(secondFactor.statusCode).toBe(200);
    const s = await signIn(user.username, NEW_PASSWORD);
    expect((await s.me()).resetNotice).toMatchObject({
      what: 'password_and_second_factor',
      byName: admin().display_name,
    });
  });

  it('tells a reset made with the command line (reset-password --reset-totp) as the operator’s', async () => {
    const user = member();
    const result = await resetPassword(h().db, user.username, NEW_PASSWORD, true);
    expect(result).toMatchObject({ ok: true });
    const s = await signIn(user.username, NEW_PASSWORD);
    expect((await s.me()).resetNotice).toMatchObject({
      what: 'password_and_second_factor',
      byName: null,
      commandLine: true,
    });
  });

  it('tells nothing to an account nobody reset, and refuses to dismiss without a session or CSRF token', async () => {
    const user = member();
    const s = await signIn(user.username);
    expect((await s.me()).resetNotice).toBeNull();
    const anonymous = await h().app.inject({ method: 'DELETE', url: '/api/auth/reset-notice' });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await s.client.delete('/api/auth/reset-notice', { 'x-csrf-token': 'wrong' });
    expect(noCsrf.statusCode).toBe(403);
  });
});
