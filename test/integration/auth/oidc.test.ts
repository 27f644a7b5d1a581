import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { createAccount, switchToSingleSignOn } from '../../../src/server/admin/users.service';
import { buildApp } from '../../../src/server/app';
import { newTotpSecret } from '../../../src/server/auth/credentials';
import { SecretBox, totpContext } from '../../../src/server/auth/secret-box';
import { loadConfig } from '../../../src/server/config';
import { CreateUser } from '../../../src/shared/admin/users.contract';
import { saveSettings } from '../../support/factories';
import { clientFor, describeEachDatabase, TEST_SECRET_KEY } from '../../support/harness';
import { CookieBrowser, startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider';
import { freePort } from '../../support/ports';
import { enrol, freshIp, sessionCount, userRow } from './auth-support';

/** The audit rows about an account, oldest first. */
const auditOf = (db: Db, userId: string) =>
  db.kysely
    .selectFrom('audit_event')
    .select(['action', 'purpose', 'actor_id', 'actor_role'])
    .where('entity_id', '=', userId)
    .orderBy('id')
    .execute();

/** Staircase with single sign-on, listening on a free port, and the provider it trusts. */
interface Sso {
  provider: TestOidcProvider;
  app: FastifyInstance;
  appBase: string;
  redirectUri: string;
}

async function startSso(db: Db, options: { profileInIdToken?: boolean } = {}): Promise<Sso> {
  const port = await freePort();
  const appBase = `http://127.0.0.1:${port}`;
  const redirectUri = `${appBase}/api/auth/oidc/callback`;
  const provider = await startOidcProvider({ redirectUris: [redirectUri], ...options });
  const config = {
    ...loadConfig({}),
    webDir: '/nonexistent',
    seedDemo: false,
    secretKeys: [TEST_SECRET_KEY],
    // Every request reads its session afresh: settings are changed through the harness's app.
    sessionCacheSeconds: 0,
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri,
      scope: 'openid profile',
    },
  };
  const app = await buildApp({ db, config });
  await app.listen({ port, host: '127.0.0.1' });
  return { provider, app, appBase, redirectUri };
}

describeEachDatabase('single sign-on with OpenID Connect', (h) => {
  let sso: Sso;
  /** A provider that, unlike the spec's default for the code flow, puts profile claims in the ID token. */
  let ssoIdToken: Sso;
  let provider: TestOidcProvider;
  let appBase: string;
  let redirectUri: string;
  let m: GeneratedMunicipality;
  let next = 0;
  let nextSso = 0;
  const user = () => {
    const u = m.users[next++];
    if (!u) throw new Error('out of users');
    return u;
  };
  const newSubject = () => `sub-${randomBytes(6).toString('hex')}`;
  /** An account made for single sign-on only (no password), as an administrator makes it. */
  const ssoUser = async (overrides: { role?: 'analyst' | 'administrator'; oidcSubject?: string } = {}) => {
    const admin = m.users.find((u) => u.role === 'administrator')!;
    const username = `${m.users[0]!.username}_sso${nextSso++}`;
    const role = overrides.role ?? 'analyst';
    const id = await createAccount(
      h().db.kysely,
      { userId: admin.id, municipalityId: m.municipality.id, role: 'administrator' },
      CreateUser.parse({
        username,
        displayName: 'Sso Bruger',
        role,
        signIn: 'sso',
        ...(overrides.oidcSubject ? { oidcSubject: overrides.oidcSubject } : {}),
      }),
    );
    return { id, username, role };
  };

  beforeAll(async () => {
    sso = await startSso(h().db);
    ({ provider, appBase, redirectUri } = sso);
    ssoIdToken = await startSso(h().db, { profileInIdToken: true });
    // The provider does the second factor: even where one is required, SSO signs fully in.
    m = await h().municipality({ mfaRequired: true, families: 1, adults: 2, children: 1 });
  });
  afterAll(async () => {
    for (const s of [sso, ssoIdToken]) {
      await s?.app.close();
      await s?.provider.close();
    }
  });

  /**
   * Start at Staircase, sign in at the provider's development pages as `login` and consent;
   * returns the callback URL the provider redirects to, not yet followed.
   */
  async function toCallback(browser: CookieBrowser, login: string, target = sso): Promise<URL> {
    const start = await browser.fetch(`${target.appBase}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    let location = start.location!;
    expect(location.origin).toBe(target.provider.issuer);
    for (let step = 0; step < 20; step++) {
      if (location.href.startsWith(target.redirectUri)) return location;
      const response = await browser.fetch(location);
      if (response.location) {
        location = response.location;
        continue;
      }
      const html = await response.text();
      expect(response.status, html).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no form at ${location.href}: ${html.slice(0, 300)}`);
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
      const submitted = await browser.fetch(new URL(action, location), { form });
      if (!submitted.location)
        throw new Error(`${prompt} form: ${submitted.status} ${await submitted.text()}`);
      location = submitted.location;
    }
    throw new Error('the provider never redirected back');
  }

  async function signIn(browser: CookieBrowser, login: string, target = sso) {
    const callback = await toCallback(browser, login, target);
    const response = await browser.fetch(callback);
    return { status: response.status, location: response.location?.href, callback };
  }

  const me = async (browser: CookieBrowser, target = sso) => {
    const response = await browser.fetch(`${target.appBase}/api/auth/me`);
    return { status: response.status, body: JSON.parse(await response.text()) };
  };

  it('reports single sign-on in /api/auth/config (and the app without it does not)', async () => {
    const response = await fetch(`${appBase}/api/auth/config`);
    expect((await response.json()).oidc).toBe(true);
    const without = await h().app.inject({ method: 'GET', url: '/api/auth/config' });
    expect(without.json().oidc).toBe(false);
    expect((await h().app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(404);
  });

  it('starts the flow with PKCE (S256), state and nonce, keeping them in an HttpOnly cookie for the callback only', async () => {
    const response = await fetch(`${appBase}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const url = new URL(response.headers.get('location')!);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const p of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(p)).toMatch(/^.{20,}$/);
    const flow = response.headers.getSetCookie().find((c) => c.startsWith('staircase_oidc='))!;
    const attrs = flow.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['path=/api/auth/oidc', 'httponly', 'samesite=lax']));
    expect(response.headers.getSetCookie().some((c) => c.startsWith('staircase_session='))).toBe(false);
  });

  it('signs an account made for single sign-on in end to end: provider login and consent, callback, redirect to / with a full session, subject linked', async () => {
    const { db } = h();
    const u = await ssoUser();
    const sub = newSubject();
    provider.setAccount(sub, { preferred_username: u.username, name: 'Somebody' });
    const browser = new CookieBrowser();

    const result = await signIn(browser, sub);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`${appBase}/`);
    expect(result.callback.searchParams.get('code')).toBeTruthy();
    expect(browser.cookie(appBase, 'staircase_session')).toBeTruthy();
    // The flow cookie is one-shot.
    expect(browser.cookie(appBase, 'staircase_oidc')).toBeUndefined();

    const signedIn = await me(browser);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ stage: 'done', id: u.id, username: u.username });
    expect((await userRow(db, u.username)).oidc_subject).toBe(sub);

    const audit = (await auditOf(db, u.id)).filter((e) => e.action !== 'create');
    expect(audit).toEqual([{ action: 'sign_in', purpose: 'oidc', actor_id: u.id, actor_role: 'analyst' }]);
  });

  it('keeps a single sign-on session working when an administrator turns the second factor requirement on (the provider vouches for it, decision 0018)', async () => {
    // A municipality of its own: its administrator enrols and changes the setting.
    const own = await h().municipality({ mfaRequired: true, families: 1, adults: 2, children: 1 });
    const admin = own.users.find((u) => u.role === 'administrator')!;
    const enrolled = await enrol(h().app, freshIp(), admin.username);
    const adminClient = clientFor(h().app, enrolled.cookie, enrolled.csrf);
    expect((await saveSettings(adminClient, { mfaRequired: false })).statusCode).toBe(200);
    const username = `${own.users[0]!.username}_sso`;
    const id = await createAccount(
      h().db.kysely,
      { userId: admin.id, municipalityId: own.municipality.id, role: 'administrator' },
      CreateUser.parse({ username, displayName: 'Sso Bruger', role: 'analyst', signIn: 'sso' }),
    );
    const sub = newSubject();
    provider.setAccount(sub, { preferred_username: username });
    const browser = new CookieBrowser();
    expect((await signIn(browser, sub)).status).toBe(302);
    expect((await saveSettings(adminClient, { mfaRequired: true })).statusCode).toBe(200);
    const after = await me(browser);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ stage: 'done', id });
  });

  it('refuses to link an account with a password by its username (no takeover): audited, no session, nothing linked', async () => {
    const { db } = h();
    // A team member with a password, and the administrator with a password and a second factor.
    const member = user();
    const admin = m.users.find((x) => x.role === 'administrator')!;
    await db.kysely
      .updateTable('app_user')
      .set({
        totp_secret: new SecretBox([TEST_SECRET_KEY]).seal(newTotpSecret(), totpContext(admin.id)),
        totp_enabled_at: new Date(),
      })
      .where('id', '=', admin.id)
      .execute();
    for (const target of [member, admin]) {
      const intruder = newSubject();
      provider.setAccount(intruder, { preferred_username: target.username.toUpperCase() });
      const browser = new CookieBrowser();
      const result = await signIn(browser, intruder);
      expect(result.location).toBe(`${appBase}/login?sso=failed`);
      expect(browser.cookie(appBase, 'staircase_session')).toBeUndefined();
      expect((await me(browser)).status).toBe(401);
      expect(await sessionCount(db, target.id)).toBe(0);
      expect((await userRow(db, target.username)).oidc_subject).toBeNull();
      expect(await auditOf(db, target.id)).toEqual([
        { action: 'sign_in_failed', purpose: 'oidc', actor_id: null, actor_role: null },
      ]);
    }
  });

  it('signs in a password account the administrator moved to single sign-on by the subject given, never by its username, and tells its holder at every sign-in', async () => {
    const { db } = h();
    const u = user();
    const admin = m.users.find((x) => x.role === 'administrator')!;
    const version = (await userRow(db, u.username)).version;
    const sub = newSubject();
    await switchToSingleSignOn(
      db.kysely,
      { userId: admin.id, municipalityId: m.municipality.id, role: 'administrator' },
      u.id,
      version,
      sub,
    );
    // Another provider identity claiming the username gets nothing.
    const claimer = newSubject();
    provider.setAccount(claimer, { preferred_username: u.username });
    const refused = new CookieBrowser();
    expect((await signIn(refused, claimer)).location).toBe(`${appBase}/login?sso=failed`);

    provider.setAccount(sub, { preferred_username: `elsewhere_${u.username}` });
    const browser = new CookieBrowser();
    expect((await signIn(browser, sub)).location).toBe(`${appBase}/`);
    // Its holder is told who moved it, with the sign-ins since (decision 0018).
    const first = (await me(browser)).body;
    expect(first).toMatchObject({
      stage: 'done',
      id: u.id,
      resetNotice: { what: 'single_sign_on', byName: admin.display_name, commandLine: false },
    });
    expect(first.resetNotice.signIns).toEqual([{ at: expect.any(String), method: 'sso' }]);
    expect((await userRow(db, u.username)).oidc_subject).toBe(sub);
    // Dismissed, it is gone in this session only: the next single sign-on shows it again.
    const dismissed = await browser.fetch(`${appBase}/api/auth/reset-notice`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': first.csrfToken },
    });
    expect(dismissed.status).toBe(204);
    expect((await me(browser)).body.resetNotice).toBeNull();
    const again = new CookieBrowser();
    expect((await signIn(again, sub)).location).toBe(`${appBase}/`);
    const notice = (await me(again)).body.resetNotice;
    expect(notice).toMatchObject({ what: 'single_sign_on', byName: admin.display_name });
    expect(notice.signIns.map((s: { method: string }) => s.method)).toEqual(['sso', 'sso']);
  });

  it('signs in an account with a password that already carries the subject, with its role in the audit record', async () => {
    const { db } = h();
    const u = user();
    const sub = newSubject();
    await db.kysely.updateTable('app_user').set({ oidc_subject: sub }).where('id', '=', u.id).execute();
    provider.setAccount(sub, { preferred_username: `elsewhere_${u.username}` });
    const browser = new CookieBrowser();
    expect((await signIn(browser, sub)).location).toBe(`${appBase}/`);
    expect((await me(browser)).body).toMatchObject({ stage: 'done', id: u.id });
    expect(await auditOf(db, u.id)).toEqual([
      { action: 'sign_in', purpose: 'oidc', actor_id: u.id, actor_role: u.role },
    ]);
  });

  it('also signs in with a provider that puts preferred_username in the ID token itself', async () => {
    const { db } = h();
    const u = await ssoUser();
    const sub = newSubject();
    ssoIdToken.provider.setAccount(sub, { preferred_username: u.username });
    const browser = new CookieBrowser();
    const result = await signIn(browser, sub, ssoIdToken);
    expect(result.location).toBe(`${ssoIdToken.appBase}/`);
    expect((await me(browser, ssoIdToken)).body).toMatchObject({ stage: 'done', id: u.id });
    expect((await userRow(db, u.username)).oidc_subject).toBe(sub);
  });

  it('matches a second sign-in by subject, even after the username at the provider has changed', async () => {
    const u = await ssoUser();
    const sub = newSubject();
    provider.setAccount(sub, { preferred_username: u.username });
    expect((await signIn(new CookieBrowser(), sub)).location).toBe(`${appBase}/`);

    provider.setAccount(sub, { preferred_username: `renamed_${u.username}` });
    const browser = new CookieBrowser();
    const again = await signIn(browser, sub);
    expect(again.location).toBe(`${appBase}/`);
    expect((await me(browser)).body).toMatchObject({ stage: 'done', id: u.id });
  });

  it('does not let another subject take over a linked account by claiming its username', async () => {
    const { db } = h();
    const u = await ssoUser();
    const owner = newSubject();
    provider.setAccount(owner, { preferred_username: u.username });
    expect((await signIn(new CookieBrowser(), owner)).location).toBe(`${appBase}/`);
    const before = await sessionCount(db, u.id);

    const intruder = newSubject();
    provider.setAccount(intruder, { preferred_username: u.username });
    const browser = new CookieBrowser();
    const result = await signIn(browser, intruder);
    expect(result.location).toBe(`${appBase}/login?sso=failed`);
    expect(browser.cookie(appBase, 'staircase_session')).toBeUndefined();
    expect(await sessionCount(db, u.id)).toBe(before);
    expect((await userRow(db, u.username)).oidc_subject).toBe(owner);
    expect((await auditOf(db, u.id)).at(-1)).toMatchObject({ action: 'sign_in_failed', purpose: 'oidc' });
  });

  it('refuses a callback with a tampered state, creates no session, and the genuine callback cannot be replayed after it', async () => {
    const { db } = h();
    const u = user();
    const sub = newSubject();
    provider.setAccount(sub, { preferred_username: u.username });
    const browser = new CookieBrowser();
    const callback = await toCallback(browser, sub);

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const response = await browser.fetch(tampered);
    expect(response.status).toBe(302);
    expect(response.location?.href).toBe(`${appBase}/login?sso=failed`);
    expect(browser.cookie(appBase, 'staircase_session')).toBeUndefined();
    expect(await sessionCount(db, u.id)).toBe(0);
    expect((await userRow(db, u.username)).oidc_subject).toBeNull();
    expect((await me(browser)).status).toBe(401);

    const replay = await browser.fetch(callback);
    expect(replay.location?.href).toBe(`${appBase}/login?sso=failed`);
    expect(await sessionCount(db, u.id)).toBe(0);
  });

  it('refuses a callback delivered to a browser that did not start the flow (login CSRF)', async () => {
    const { db } = h();
    const u = user();
    const sub = newSubject();
    provider.setAccount(sub, { preferred_username: u.username });
    const callback = await toCallback(new CookieBrowser(), sub);

    const victim = new CookieBrowser();
    const response = await victim.fetch(callback);
    expect(response.location?.href).toBe(`${appBase}/login?sso=failed`);
    expect(victim.cookie(appBase, 'staircase_session')).toBeUndefined();
    expect(await sessionCount(db, u.id)).toBe(0);
  });

  it('refuses a subject that matches no user, with or without a username', async () => {
    const unknown = newSubject();
    const browser = new CookieBrowser();
    expect((await signIn(browser, unknown)).location).toBe(`${appBase}/login?sso=failed`);
    expect(browser.cookie(appBase, 'staircase_session')).toBeUndefined();

    const stranger = newSubject();
    provider.setAccount(stranger, { preferred_username: `nobody_${stranger}` });
    const other = new CookieBrowser();
    expect((await signIn(other, stranger)).location).toBe(`${appBase}/login?sso=failed`);
    expect(other.cookie(appBase, 'staircase_session')).toBeUndefined();
    expect((await me(other)).status).toBe(401);
  });

  it('refuses a disabled account, linked or not, and audits it', async () => {
    const { db } = h();
    const linkedSub = newSubject();
    const linked = await ssoUser({ oidcSubject: linkedSub });
    const unlinked = await ssoUser();
    for (const u of [linked, unlinked]) {
      await db.kysely
        .updateTable('app_user')
        .set({ disabled_at: new Date() })
        .where('id', '=', u.id)
        .execute();
    }
    const unlinkedSub = newSubject();
    provider.setAccount(linkedSub, { preferred_username: linked.username });
    provider.setAccount(unlinkedSub, { preferred_username: unlinked.username });
    for (const [u, sub] of [
      [linked, linkedSub],
      [unlinked, unlinkedSub],
    ] as const) {
      const browser = new CookieBrowser();
      expect((await signIn(browser, sub)).location).toBe(`${appBase}/login?sso=failed`);
      expect(await sessionCount(db, u.id)).toBe(0);
      expect((await auditOf(db, u.id)).at(-1)).toEqual({
        action: 'sign_in_failed',
        purpose: 'oidc',
        actor_id: null,
        actor_role: null,
      });
    }
    expect((await userRow(db, unlinked.username)).oidc_subject).toBeNull();
  });

  it('refuses a locked account and audits it as locked', async () => {
    const { db } = h();
    const sub = newSubject();
    const u = await ssoUser({ oidcSubject: sub });
    await db.kysely
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + 10 * 60_000) })
      .where('id', '=', u.id)
      .execute();
    provider.setAccount(sub, { preferred_username: u.username });
    const browser = new CookieBrowser();
    expect((await signIn(browser, sub)).location).toBe(`${appBase}/login?sso=failed`);
    expect(browser.cookie(appBase, 'staircase_session')).toBeUndefined();
    expect(await sessionCount(db, u.id)).toBe(0);
    expect((await auditOf(db, u.id)).at(-1)).toEqual({
      action: 'sign_in_failed',
      purpose: 'account_locked',
      actor_id: null,
      actor_role: null,
    });
  });
});
