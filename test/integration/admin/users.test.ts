import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, resetPassword } from '../../../src/cli/users';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { setAccountDisabled, updateAccount } from '../../../src/server/admin/users.service';
import { buildApp } from '../../../src/server/app';
import { addUser, auditSince, buildAccount, lastAuditId, problemOf, staffOf } from '../../support/factories';
import {
  type Client,
  clientFor,
  describeEachDatabase,
  sessionCookie,
  TEST_PASSWORD,
} from '../../support/harness';
import { unreachableOidc } from '../../support/oidc-provider';
import { freshIp, login } from '../auth/auth-support';

const NEW_PASSWORD = 'quiet meadow copper kettle';
const en = { 'accept-language': 'en' };

describeEachDatabase('administration of accounts', (h) => {
  let m: GeneratedMunicipality;
  let other: GeneratedMunicipality;
  let admin: Client;
  let adminId: string;
  let teamId: string;

  /** Signs in from an address of its own (sign-in is rate limited per address). */
  async function signIn(username: string, password = TEST_PASSWORD, app = h().app): Promise<Client> {
    const ip = freshIp();
    const attempt = await login(app, ip, username, password);
    if (attempt.response.statusCode !== 200) throw new Error(`sign-in failed: ${attempt.response.body}`);
    const cookie = sessionCookie(attempt.response);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    return clientFor(app, cookie, me.json().csrfToken);
  }
  const userRow = (id: string) =>
    h()
      .db.kysely.selectFrom('app_user')
      .selectAll()
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const countUsers = async () =>
    (
      await h()
        .db.kysely.selectFrom('app_user')
        .select('id')
        .where('municipality_id', '=', m.municipality.id)
        .execute()
    ).length;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    other = await h().municipality({ families: 1, adults: 1, children: 0 });
    const staff = staffOf(m);
    adminId = staff.admin.id;
    teamId = staff.leader.team_id!;
    admin = await signIn(staff.admin.username);
  });

  describe('create', () => {
    it('creates a team member who can sign in, audited with the fields but never the password', async () => {
      const since = await lastAuditId(h().db);
      const body = buildAccount(teamId);
      const response = await admin.post('/api/admin/users', body);
      expect(response.statusCode, response.body).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({
        username: body.username,
        displayName: 'Sara Holm',
        email: 'sara.holm@example.dk',
        role: 'team_member',
        team: { id: teamId },
        status: 'active',
        hasPassword: true,
        secondFactor: false,
        version: 1,
        abilities: { disable: true, enable: false, changeRole: true },
      });
      expect(JSON.stringify(created)).not.toMatch(/argon|hash|lantern/);

      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.actor_id, r.actor_role])).toEqual([
        ['create', 'app_user', created.id, adminId, 'administrator'],
      ]);
      expect(rows[0]!.fields).toEqual(['username', 'displayName', 'role', 'email', 'teamId', 'password']);

      const signedIn = await login(h().app, freshIp(), body.username, body.password);
      expect(signedIn.response.json()).toEqual({ stage: 'done' });
    });

    it('creates an account for single sign-on only, which has no password to sign in with', async () => {
      const body = buildAccount(teamId, {
        role: 'analyst',
        teamId: null,
        signIn: 'sso',
        password: undefined,
        oidcSubject: `sub-${Date.now()}`,
      });
      const response = await admin.post('/api/admin/users', body);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ hasPassword: false, sso: true, team: null });
      expect((await userRow(response.json().id)).password_hash).toBeNull();
      expect(
        (await login(h().app, freshIp(), body.username, 'harbour lantern oat vivid')).response.statusCode,
      ).toBe(401);
    });

    it.each([
      ['a common password', { password: 'password1234' }, 'password', 'errors.passwordCommon'],
      ['a short password', { password: 'short' }, 'password', 'errors.passwordTooShort'],
      ['no password for a password account', { password: undefined }, 'password', 'errors.required'],
      ['a team member without a team', { teamId: null }, 'teamId', 'errors.teamRequired'],
      ['an analyst with a team', { role: 'analyst' }, 'teamId', 'errors.teamNotForRole'],
      ['another municipality’s team', { teamId: 'other' }, 'teamId', 'errors.teamUnknown'],
      ['a malformed e-mail', { email: 'not-an-address' }, 'email', 'errors.email'],
      ['a username with spaces', { username: 'sara holm' }, 'username', 'errors.usernameFormat'],
    ])('refuses %s, naming the field, and creates nothing', async (_, overrides, field, code) => {
      const before = await countUsers();
      const since = await lastAuditId(h().db);
      const resolved = { ...overrides } as Record<string, unknown>;
      if (resolved.teamId === 'other') resolved.teamId = staffOf(other).leader.team_id;
      const response = await admin.post('/api/admin/users', buildAccount(teamId, resolved), en);
      expect(response.statusCode).toBe(400);
      const problem = problemOf(response);
      expect(problem.body.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect(problem.body.errors!.find((e) => e.field === field)).toHaveProperty('message');
      expect(await countUsers()).toBe(before);
      expect(await auditSince(h().db, m.municipality.id, since)).toEqual([]);
    });

    it('refuses a username taken in any case, even in another municipality', async () => {
      const taken = staffOf(other).leader.username.toUpperCase();
      const response = await admin.post('/api/admin/users', buildAccount(teamId, { username: taken }), en);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'username', code: 'errors.usernameTaken', message: 'The username is taken' },
      ]);
    });
  });

  describe('list', () => {
    it('searches by name or username, filters by role, team and status, sorts and pages', async () => {
      const marker = `Zed${Date.now()}`;
      const a = await addUser(h().db, m, { role: 'team_member', displayName: `${marker} Anna` });
      const b = await addUser(h().db, m, { role: 'analyst', displayName: `${marker} Bo`, disabled: true });
      const search = (body: object) => admin.post('/api/admin/users/search', body);
      const names = async (filters: object) =>
        (await search({ q: marker, ...filters })).json().items.map((u: { id: string }) => u.id);

      expect(await names({})).toEqual([a.id, b.id]);
      expect(await names({ dir: 'desc' })).toEqual([b.id, a.id]);
      expect(await names({ role: 'analyst' })).toEqual([b.id]);
      expect(await names({ teamId })).toEqual([a.id]);
      expect(await names({ status: 'active' })).toEqual([a.id]);
      expect(await names({ status: 'disabled' })).toEqual([b.id]);
      const byUsername = await search({ q: a.username.toUpperCase() });
      expect(byUsername.json().items.map((u: { id: string }) => u.id)).toEqual([a.id]);

      const page2 = (await search({ q: marker, pageSize: 1, page: 2 })).json();
      expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page2.items.map((u: { id: string }) => u.id)).toEqual([b.id]);
      const beyond = (await search({ q: marker, pageSize: 1, page: 9 })).json();
      expect(beyond).toMatchObject({ items: [], total: 2 });
    });

    it('lists only the administrator’s own municipality, and audits the search', async () => {
      const since = await lastAuditId(h().db);
      const all = (await admin.post('/api/admin/users/search', { pageSize: 200 })).json();
      const ids = all.items.map((u: { id: string }) => u.id);
      expect(ids).toContain(adminId);
      for (const u of other.users) expect(ids).not.toContain(u.id);
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows).toMatchObject([
        { action: 'list', entity: 'app_user', actor_id: adminId, purpose: 'administration' },
      ]);
    });

    it('refuses an unknown sort or role, naming the field', async () => {
      const response = await admin.post('/api/admin/users/search', { sort: 'password', role: 'root' });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields.sort()).toEqual(['role', 'sort']);
      // A NUL reached PostgreSQL, which refuses it in text: a 500 until the contract refused it.
      const nul = await admin.post('/api/admin/users/search', { q: 'a\u0000b' });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().errors).toMatchObject([{ field: 'q', code: 'errors.controlCharacter' }]);
    });
  });

  describe('edit', () => {
    it('changes name, role and team with the version seen, audits the fields that changed', async () => {
      const user = await addUser(h().db, m, { role: 'analyst' });
      const since = await lastAuditId(h().db);
      const response = await admin.patch(`/api/admin/users/${user.id}`, {
        version: user.version,
        displayName: 'Karin Lund',
        role: 'team_leader',
        teamId,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ displayName: 'Karin Lund', role: 'team_leader', version: 2 });
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows).toMatchObject([{ action: 'update', entity: 'app_user', entity_id: user.id }]);
      expect(rows[0]!.fields).toEqual(['displayName', 'role', 'teamId']);
    });

    it('refuses a stale version with 409 and keeps the other administrator’s change', async () => {
      const user = await addUser(h().db, m);
      expect(
        (await admin.patch(`/api/admin/users/${user.id}`, { version: 1, displayName: 'First' })).statusCode,
      ).toBe(200);
      const stale = await admin.patch(
        `/api/admin/users/${user.id}`,
        { version: 1, displayName: 'Second' },
        en,
      );
      expect(stale.statusCode).toBe(409);
      expect(stale.json().errors).toEqual([
        { field: 'version', code: 'errors.versionConflict', message: expect.any(String) },
      ]);
      expect((await userRow(user.id)).display_name).toBe('First');
    });

    it('refuses to take a team member off their team, and changes nothing', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const response = await admin.patch(`/api/admin/users/${user.id}`, { version: 1, teamId: null });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['teamId']);
      expect(await userRow(user.id)).toMatchObject({ team_id: teamId, version: 1 });
    });

    it('does not let the administrator take away their own administrator role', async () => {
      const version = (await userRow(adminId)).version;
      const response = await admin.patch(`/api/admin/users/${adminId}`, { version, role: 'analyst' });
      expect(response.statusCode).toBe(400);
      expect(response.json().type).toBe('/problems/own-account');
      expect((await userRow(adminId)).role).toBe('administrator');
    });
  });

  describe('disable and enable', () => {
    it('ends a disabled user’s sessions at once; they cannot sign in until enabled again', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const client = await signIn(user.username);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);

      const since = await lastAuditId(h().db);
      const disabled = await admin.post(`/api/admin/users/${user.id}/disable`, { version: user.version });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json()).toMatchObject({
        status: 'disabled',
        abilities: { disable: false, enable: true },
      });
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect(
        await h().db.kysely.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute(),
      ).toEqual([]);
      expect((await login(h().app, freshIp(), user.username)).response.statusCode).toBe(401);
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.filter((r) => r.actor_id === adminId)).toMatchObject([
        { action: 'update', entity: 'app_user', entity_id: user.id, fields: ['status'] },
      ]);

      const enabled = await admin.post(`/api/admin/users/${user.id}/enable`, {
        version: disabled.json().version,
      });
      expect(enabled.json()).toMatchObject({ status: 'active' });
      expect((await login(h().app, freshIp(), user.username)).response.statusCode).toBe(200);
    });

    it('does not let the administrator disable themselves', async () => {
      const version = (await userRow(adminId)).version;
      const response = await admin.post(`/api/admin/users/${adminId}/disable`, { version }, en);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: '/problems/own-account',
        title: expect.stringMatching(/own/),
      });
      expect((await userRow(adminId)).disabled_at).toBeNull();
    });

    it('never leaves the municipality without an active administrator, even when two disable each other at once', async () => {
      const m2 = await h().municipality({ families: 1, adults: 1, children: 0 });
      const first = staffOf(m2).admin;
      const second = await addUser(h().db, m2, { role: 'administrator' });
      const [c1, c2] = [await signIn(first.username), await signIn(second.username)];
      const results = await Promise.all([
        c1.post(`/api/admin/users/${second.id}/disable`, { version: 1 }),
        c2.post(`/api/admin/users/${first.id}/disable`, { version: 1 }),
      ]);
      // One wins; the other is refused (the last administrator) or already signed out.
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, expect.any(Number)]);
      expect([400, 401]).toContain(results.map((r) => r.statusCode).sort()[1]);
      const active = await h()
        .db.kysely.selectFrom('app_user')
        .select('id')
        .where('municipality_id', '=', m2.municipality.id)
        .where('role', '=', 'administrator')
        .where('disabled_at', 'is', null)
        .execute();
      expect(active).toHaveLength(1);
    });

    it('refuses to disable or demote the last active administrator (as the command line could try)', async () => {
      const m2 = await h().municipality({ families: 1, adults: 1, children: 0 });
      const only = staffOf(m2).admin;
      const by = { userId: null, municipalityId: m2.municipality.id, role: 'command_line' as const };
      await expect(setAccountDisabled(h().db.kysely, by, only.id, null, true)).rejects.toMatchObject({
        titleKey: 'problems.lastAdministrator',
      });
      await expect(
        updateAccount(h().db.kysely, by, only.id, { version: 1, role: 'analyst', teamId: null }),
      ).rejects.toMatchObject({ titleKey: 'problems.lastAdministrator' });
      const row = await h()
        .db.kysely.selectFrom('app_user')
        .select(['role', 'disabled_at'])
        .where('municipality_id', '=', m2.municipality.id)
        .where('id', '=', only.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ role: 'administrator', disabled_at: null });
    });
  });

  describe('password and second factor', () => {
    it('sets a new password: lifts the lockout, ends the sessions; the old password stops working', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const client = await signIn(user.username);
      await h()
        .db.kysely.updateTable('app_user')
        .set({ failed_logins: 4, locked_until: new Date(Date.now() + 600_000) })
        .where('id', '=', user.id)
        .execute();
      const since = await lastAuditId(h().db);
      const response = await admin.post(`/api/admin/users/${user.id}/password`, {
        version: user.version,
        password: NEW_PASSWORD,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ locked: false });
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect(await userRow(user.id)).toMatchObject({ failed_logins: 0, locked_until: null });
      expect((await login(h().app, freshIp(), user.username)).response.statusCode).toBe(401);
      expect((await login(h().app, freshIp(), user.username, NEW_PASSWORD)).response.statusCode).toBe(200);
      const rows = await auditSince(h().db, m.municipality.id, since);
      const byAdmin = rows.filter((r) => r.actor_id === adminId);
      expect(byAdmin).toMatchObject([{ action: 'update', entity_id: user.id, fields: ['password'] }]);
      expect(JSON.stringify(rows)).not.toContain(NEW_PASSWORD);
    });

    it('refuses a weak password or one containing the username, and changes nothing', async () => {
      const user = await addUser(h().db, m);
      const before = await userRow(user.id);
      for (const [password, code] of [
        ['password1234', 'errors.passwordCommon'],
        [`${user.username}-and-more`, 'errors.passwordContainsUsername'],
      ]) {
        const response = await admin.post(
          `/api/admin/users/${user.id}/password`,
          { version: 1, password },
          en,
        );
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ field: 'password', code, message: expect.any(String) }]);
      }
      expect(await userRow(user.id)).toEqual(before);
    });

    it('resets the second factor: the next sign-in sets up a new one', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      await h()
        .db.kysely.updateTable('app_user')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date(), recovery_code_hashes: ['x'] })
        .where('id', '=', user.id)
        .execute();
      expect((await admin.get(`/api/admin/users/${user.id}`)).json().secondFactor).toBe(true);
      const response = await admin.post(`/api/admin/users/${user.id}/second-factor/reset`, { version: 1 });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ secondFactor: false, version: 2 });
      expect(await userRow(user.id)).toMatchObject({
        totp_secret: null,
        totp_enabled_at: null,
        recovery_code_hashes: [],
      });
      await h()
        .db.kysely.updateTable('municipality')
        .set({ mfa_required: true })
        .where('id', '=', m.municipality.id)
        .execute();
      try {
        expect((await login(h().app, freshIp(), user.username)).response.json()).toEqual({ stage: 'enrol' });
      } finally {
        await h()
          .db.kysely.updateTable('municipality')
          .set({ mfa_required: false })
          .where('id', '=', m.municipality.id)
          .execute();
      }
    });
  });

  describe('move to single sign-on', () => {
    // An installation with a provider configured (discovered only at a single sign-on, which
    // these tests do not start); oidc.test.ts signs in through a real one.
    let ssoApp: FastifyInstance;
    let ssoAdmin: Client;
    beforeAll(async () => {
      ssoApp = await buildApp({
        db: h().db,
        config: {
          ...h().config,
          oidc: unreachableOidc,
        },
      });
      ssoAdmin = await signIn(staffOf(m).admin.username, TEST_PASSWORD, ssoApp);
    });
    afterAll(() => ssoApp?.close());

    it('is refused where no provider is configured: the account would have no way in', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const before = await userRow(user.id);
      expect((await admin.get(`/api/admin/users/${user.id}`)).json().abilities.switchToSso).toBe(false);
      const response = await admin.post(
        `/api/admin/users/${user.id}/single-sign-on`,
        { version: user.version, oidcSubject: 'sub-nowhere' },
        en,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().title).toMatch(/not set up for this installation/);
      expect(await userRow(user.id)).toEqual(before);
    });

    it('forgets the password and second factor, sets the subject, ends the sessions, and is audited', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const client = await signIn(user.username);
      await h()
        .db.kysely.updateTable('app_user')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date(), recovery_code_hashes: ['x'] })
        .where('id', '=', user.id)
        .execute();
      const since = await lastAuditId(h().db);
      const response = await ssoAdmin.post(`/api/admin/users/${user.id}/single-sign-on`, {
        version: user.version,
        oidcSubject: ' sub-moved-1 ',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        hasPassword: false,
        sso: true,
        secondFactor: false,
        abilities: { switchToSso: false },
      });
      expect(await userRow(user.id)).toMatchObject({
        password_hash: null,
        oidc_subject: 'sub-moved-1',
        totp_secret: null,
        totp_enabled_at: null,
        recovery_code_hashes: [],
      });
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(h().app, freshIp(), user.username)).response.statusCode).toBe(401);
      const rows = (await auditSince(h().db, m.municipality.id, since)).filter((r) => r.actor_id === adminId);
      expect(rows).toMatchObject([
        { action: 'update', entity_id: user.id, fields: ['password', 'secondFactor', 'oidcSubject'] },
      ]);
    });

    it('refuses the own account, one already on single sign-on, a subject in use and a stale version — changing nothing', async () => {
      const user = await addUser(h().db, m, { role: 'team_member' });
      const holder = await addUser(h().db, m, { role: 'team_member' });
      await h()
        .db.kysely.updateTable('app_user')
        .set({ oidc_subject: 'sub-held' })
        .where('id', '=', holder.id)
        .execute();
      const before = await userRow(user.id);
      const ownVersion = (await userRow(adminId)).version;

      const own = await ssoAdmin.post(
        `/api/admin/users/${adminId}/single-sign-on`,
        { version: ownVersion, oidcSubject: 'sub-own' },
        en,
      );
      expect(own.statusCode).toBe(400);
      expect(own.json().title).toMatch(/your own account to single sign-on/);

      const taken = await ssoAdmin.post(
        `/api/admin/users/${user.id}/single-sign-on`,
        { version: user.version, oidcSubject: 'sub-held' },
        en,
      );
      expect(taken.statusCode).toBe(400);
      expect(taken.json().errors).toEqual([
        { field: 'oidcSubject', code: 'errors.oidcSubjectTaken', message: expect.any(String) },
      ]);

      const stale = await ssoAdmin.post(
        `/api/admin/users/${user.id}/single-sign-on`,
        { version: 99, oidcSubject: 'sub-stale' },
        en,
      );
      expect(stale.statusCode).toBe(409);
      expect(await userRow(user.id)).toEqual(before);

      const missing = await ssoAdmin.post(
        `/api/admin/users/${user.id}/single-sign-on`,
        { version: user.version },
        en,
      );
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([
        { field: 'oidcSubject', code: 'errors.required', message: expect.any(String) },
      ]);
      expect(await userRow(user.id)).toEqual(before);

      const moved = await ssoAdmin.post(`/api/admin/users/${user.id}/single-sign-on`, {
        version: user.version,
        oidcSubject: 'sub-moved-2',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const again = await ssoAdmin.post(
        `/api/admin/users/${user.id}/single-sign-on`,
        { version: moved.json().version, oidcSubject: 'sub-moved-3' },
        en,
      );
      expect(again.statusCode).toBe(400);
      expect(again.json().title).toMatch(/already signs in through single sign-on/);
    });
  });

  describe('who may', () => {
    it('keeps every account route from team members, team leaders and analysts (403, nothing changed)', async () => {
      const target = await addUser(h().db, m);
      const staff = staffOf(m);
      for (const user of [staff.members[0]!, staff.leader, staff.analyst]) {
        const client = await signIn(user.username);
        const calls = [
          client.post('/api/admin/users/search', {}),
          client.get(`/api/admin/users/${target.id}`),
          client.post('/api/admin/users', buildAccount(teamId)),
          client.patch(`/api/admin/users/${target.id}`, { version: 1, displayName: 'X' }),
          client.post(`/api/admin/users/${target.id}/disable`, { version: 1 }),
          client.post(`/api/admin/users/${target.id}/password`, { version: 1, password: NEW_PASSWORD }),
          client.post(`/api/admin/users/${target.id}/second-factor/reset`, { version: 1 }),
        ];
        for (const response of await Promise.all(calls)) expect(response.statusCode).toBe(403);
      }
      expect(await userRow(target.id)).toMatchObject({
        version: 1,
        disabled_at: null,
        display_name: expect.stringMatching(/^Added/),
      });
    });

    it('answers another municipality’s administrator 404 for this municipality’s accounts, as for none', async () => {
      const target = await addUser(h().db, m);
      const foreign = await signIn(staffOf(other).admin.username);
      const unknown = await foreign.get('/api/admin/users/00000000-0000-4000-8000-000000000000');
      for (const response of [
        await foreign.get(`/api/admin/users/${target.id}`),
        await foreign.patch(`/api/admin/users/${target.id}`, { version: 1, displayName: 'X' }),
        await foreign.post(`/api/admin/users/${target.id}/disable`, { version: 1 }),
        await foreign.post(`/api/admin/users/${target.id}/password`, { version: 1, password: NEW_PASSWORD }),
        await foreign.post(`/api/admin/users/${target.id}/second-factor/reset`, { version: 1 }),
      ]) {
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual(unknown.json());
      }
      expect(await userRow(target.id)).toMatchObject({ version: 1, disabled_at: null });
    });
  });

  describe('the command line', () => {
    it('creates and resets through the same service, with an audit record whose actor is the command line', async () => {
      const since = await lastAuditId(h().db);
      const username = `cli_${Date.now()}`;
      const created = await createUser(h().db, {
        municipality: m.municipality.name,
        username,
        name: 'Via CLI',
        role: 'team_member',
        team: m.team.name.toUpperCase(),
        password: NEW_PASSWORD,
      });
      expect(created).toEqual({ ok: true, message: `Created ${username} (team_member).` });
      expect(await resetPassword(h().db, username, 'amber violin tundra seven', true)).toEqual({
        ok: true,
        message: expect.stringMatching(/^Password set/),
      });
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.map((r) => [r.action, r.entity, r.actor_id, r.actor_role, r.purpose, r.fields])).toEqual([
        [
          'create',
          'app_user',
          null,
          'command_line',
          'administration',
          ['username', 'displayName', 'role', 'teamId', 'password'],
        ],
        ['update', 'app_user', null, 'command_line', 'administration', ['password', 'secondFactor']],
      ]);
      // The audit log shows them as the command line's (a regression: its response once failed here).
      const log = await admin.get('/api/audit');
      expect(log.statusCode).toBe(200);
      const byCli = log.json().items.filter((e: { commandLine?: boolean }) => e.commandLine);
      expect(byCli.map((e: { action: string; actor: unknown }) => [e.action, e.actor])).toEqual([
        ['update', null],
        ['create', null],
      ]);
    });
  });
});
