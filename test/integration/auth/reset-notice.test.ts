import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { resetPassword } from '../../../src/cli/users';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { RESET_NOTICE_DAYS, RESET_NOTICE_SIGN_INS } from '../../../src/shared/auth/auth.contract';
import { recordSignIns } from '../../support/factories';
import { clientFor, describeEachDatabase, TEST_PASSWORD } from '../../support/harness';
import { call, csrfOf, freshIp, login } from './auth-support';

/**
 * Decision 0018: after an administrator (or the operator's command line) resets an account's
 * password or second factor, every full sign-in for RESET_NOTICE_DAYS days shows what, by whom,
 * when, and the account's sign-ins since — so a reset misused to get into the account is seen by
 * its owner even when the one who reset it signed in first and dismissed the notice.
 */
describeEachDatabase('the notice of a reset at the next sign-ins', (h) => {
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

  async function resetPasswordOf(userId: string) {
    const a = await h().signIn(admin().username);
    const reset = await a.post(`/api/admin/users/${userId}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(userId),
    });
    expect(reset.statusCode).toBe(200);
    return a;
  }

  /** Moves the account's reset `days` (and a minute more) into the past, by the database's clock. */
  const resetDaysAgo = (userId: string, days: number) =>
    sql`update app_user set credential_reset = jsonb_set(credential_reset, '{at}', to_jsonb(to_char(
          (now() - make_interval(days => ${days}::int, mins => 1)) at time zone 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        where id = ${userId}`.execute(h().db.kysely);

  /** The account's sign-ins in the audit log since its reset, newest first. */
  const signInsSinceReset = async (userId: string) =>
    (
      await h()
        .db.kysely.selectFrom('audit_event')
        .innerJoin('app_user as u', 'u.id', 'audit_event.entity_id')
        .select('audit_event.at')
        .where('audit_event.entity_id', '=', userId)
        .where('audit_event.action', '=', 'sign_in')
        .where(sql<boolean>`audit_event.at >= (u.credential_reset->>'at')::timestamptz`)
        .orderBy('audit_event.at', 'desc')
        .execute()
    ).map((r) => new Date(r.at).toISOString());

  it('tells the holder even when the administrator signed in as them first and dismissed it, listing both sign-ins newest first', async () => {
    const user = member();
    await resetPasswordOf(user.id);

    // The administrator, knowing the password they chose, signs in as the user and dismisses it.
    const intruder = await signIn(user.username, NEW_PASSWORD);
    const seen = (await intruder.me()).resetNotice;
    expect(seen).toMatchObject({ what: 'password', byName: admin().display_name, commandLine: false });
    expect(seen.signIns).toEqual([{ at: expect.any(String), method: 'password' }]);
    expect((await intruder.client.delete('/api/auth/reset-notice')).statusCode).toBe(204);
    expect((await intruder.me()).resetNotice).toBeNull();

    // The holder's later sign-in still shows it, with the administrator's sign-in and their own.
    const holder = await signIn(user.username, NEW_PASSWORD);
    const notice = (await holder.me()).resetNotice;
    expect(notice).toMatchObject({ what: 'password', byName: admin().display_name, commandLine: false });
    expect(Number.isNaN(Date.parse(notice.at))).toBe(false);
    expect(notice.signIns).toHaveLength(2);
    expect(notice.signInsTotal).toBe(2);
    expect(notice.signIns.map((s: { method: string }) => s.method)).toEqual(['password', 'password']);
    expect(notice.signIns.map((s: { at: string }) => s.at)).toEqual(await signInsSinceReset(user.id));
    expect(Date.parse(notice.signIns[0].at)).toBeGreaterThan(Date.parse(notice.signIns[1].at));
    expect(Date.parse(notice.signIns[1].at)).toBeGreaterThanOrEqual(Date.parse(notice.at));
  });

  it('dismissing hides the notice in that session only: another session still shows it, and so does the next sign-in', async () => {
    const user = member();
    await resetPasswordOf(user.id);
    const one = await signIn(user.username, NEW_PASSWORD);
    const two = await signIn(user.username, NEW_PASSWORD);
    expect((await one.client.delete('/api/auth/reset-notice')).statusCode).toBe(204);
    expect((await one.me()).resetNotice).toBeNull();
    expect((await two.me()).resetNotice).toMatchObject({ what: 'password' });
    const three = await signIn(user.username, NEW_PASSWORD);
    expect((await three.me()).resetNotice.signIns).toHaveLength(3);
    // The account keeps the reset: nothing was moved off it.
    const row = await h()
      .db.kysely.selectFrom('app_user')
      .select('credential_reset')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.credential_reset).toMatchObject({ what: 'password', by: admin().id });
  });

  it('lists the newest RESET_NOTICE_SIGN_INS sign-ins and says how many more there were', async () => {
    const user = member();
    await resetPasswordOf(user.id);
    // 24 sign-ins since the reset, as the audit log holds them (appending is allowed), then one more.
    await recordSignIns(h().db, user, 24);
    const notice = (await (await signIn(user.username, NEW_PASSWORD)).me()).resetNotice;
    expect(notice.signIns).toHaveLength(RESET_NOTICE_SIGN_INS);
    expect(notice.signInsTotal).toBe(25);
    expect(notice.signIns.map((s: { at: string }) => s.at)).toEqual(
      (await signInsSinceReset(user.id)).slice(0, RESET_NOTICE_SIGN_INS),
    );
  });

  it('shows the notice for 30 days after the reset and not after; a later reset is then told on its own', async () => {
    const user = member();
    await resetPasswordOf(user.id);
    await resetDaysAgo(user.id, RESET_NOTICE_DAYS - 1);
    expect((await (await signIn(user.username, NEW_PASSWORD)).me()).resetNotice).toMatchObject({
      what: 'password',
    });
    await resetDaysAgo(user.id, RESET_NOTICE_DAYS);
    expect((await (await signIn(user.username, NEW_PASSWORD)).me()).resetNotice).toBeNull();

    // The expired password reset is not joined to a new second-factor reset.
    const a = await h().signIn(admin().username);
    const reset = await a.post(`/api/admin/users/${user.id}/second-factor/reset`, {
      version: await versionOf(user.id),
    });
    expect(reset.statusCode).toBe(200);
    const s = await signIn(user.username, NEW_PASSWORD);
    expect((await s.me()).resetNotice).toMatchObject({ what: 'second_factor' });
    expect((await s.me()).resetNotice.signIns).toHaveLength(1);
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

  // Last: it changes the administrator's password, which the other tests sign in with.
  it('tells an administrator nothing about a reset of their own password', async () => {
    const self = m.users.filter((u) => u.role === 'administrator')[0]!;
    const a = await h().signIn(self.username);
    const reset = await a.post(`/api/admin/users/${self.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(self.id),
    });
    expect(reset.statusCode).toBe(200);
    expect((await (await signIn(self.username, NEW_PASSWORD)).me()).resetNotice).toBeNull();
  });
});
