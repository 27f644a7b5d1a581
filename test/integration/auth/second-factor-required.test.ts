import { expect, it } from 'vitest';
import type { Db } from '../../../src/db/client';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { saveSettings } from '../../support/factories';
import { clientFor, describeEachDatabase, type Harness } from '../../support/harness';
import { call, csrfOf, enrol, freshIp, login, sessionCount } from './auth-support';

/**
 * Decision 0018: a session records how it was verified, and the session check refuses, on every
 * request, a session verified by password alone once the municipality requires a second factor.
 */

const byRole = (m: GeneratedMunicipality, role: string) => m.users.filter((u) => u.role === role);

/** A password-only sign-in (second factor not required): a full session and its client. */
async function passwordSession(h: Harness, ip: string, username: string) {
  const first = await login(h.app, ip, username);
  expect(first.response.json()).toEqual({ stage: 'done' });
  const cookie = first.cookie!;
  return { ip, cookie, csrf: await csrfOf(h.app, ip, cookie) };
}

const deniedFor = (db: Db, userId: string) =>
  db.kysely
    .selectFrom('audit_event')
    .select(['action', 'purpose', 'actor_id'])
    .where('entity_id', '=', userId)
    .where('purpose', '=', 'second_factor_required')
    .execute();

function suite(h: () => Harness) {
  it('refuses a password-only session once an administrator requires the second factor: 401 second-factor-required, translated, the session ended and audited; signing in again leads to enrolment', async () => {
    const { app, db } = h();
    const m = await h().municipality({ families: 1, adults: 2, children: 1 }); // second factor off
    const admin = byRole(m, 'administrator')[0]!;
    const member = byRole(m, 'team_member')[0]!;
    const old = await passwordSession(h(), freshIp(), member.username);
    const families = () =>
      call(app, old.ip, old.cookie, 'POST', '/api/families/search', { csrf: old.csrf, body: {} });
    expect((await families()).statusCode).toBe(200);

    const adminSession = await passwordSession(h(), freshIp(), admin.username);
    const adminClient = clientFor(app, adminSession.cookie, adminSession.csrf);
    expect((await saveSettings(adminClient, { mfaRequired: true })).statusCode).toBe(200);

    const refused = await call(app, old.ip, old.cookie, 'POST', '/api/families/search', {
      csrf: old.csrf,
      body: {},
      headers: { 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      type: '/problems/second-factor-required',
      title: 'Your municipality now requires a second factor – sign in again and set it up',
      status: 401,
    });
    expect(refused.cookies.find((c) => c.name === 'staircase_session')?.value).toBe('');
    expect(await sessionCount(db, member.id)).toBe(0);
    expect(await deniedFor(db, member.id)).toEqual([
      { action: 'denied', purpose: 'second_factor_required', actor_id: member.id },
    ]);
    // Ended, not merely refused: the next request finds no session at all.
    const after = await call(app, old.ip, old.cookie, 'GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().type).toBe('/problems/unauthenticated');

    // Danish by default, and the administrator's own password-only session is refused too.
    const adminAfter = await adminClient.get('/api/auth/me');
    expect(adminAfter.statusCode).toBe(401);
    expect(adminAfter.json()).toMatchObject({
      type: '/problems/second-factor-required',
      title: 'Kommunen kræver nu totrinsbekræftelse – log ind igen, og sæt den op',
    });

    const again = await login(app, freshIp(), member.username);
    expect(again.response.json()).toEqual({ stage: 'enrol' });
  });

  it('keeps a session signed in with TOTP working when the requirement is turned on again, and refuses the password-only one beside it', async () => {
    const { app } = h();
    const m = await h().municipality({ mfaRequired: true, families: 1, adults: 2, children: 1 });
    const admin = byRole(m, 'administrator')[0]!;
    const [withTotp, withPassword] = byRole(m, 'team_member');
    const adminEnrolled = await enrol(app, freshIp(), admin.username);
    const adminClient = clientFor(app, adminEnrolled.cookie, adminEnrolled.csrf);
    const ipTotp = freshIp();
    const totp = await enrol(app, ipTotp, withTotp!.username);

    expect((await saveSettings(adminClient, { mfaRequired: false })).statusCode).toBe(200);
    const password = await passwordSession(h(), freshIp(), withPassword!.username);
    expect((await saveSettings(adminClient, { mfaRequired: true })).statusCode).toBe(200);

    const search = (ip: string, s: { cookie: string; csrf: string }) =>
      call(app, ip, s.cookie, 'POST', '/api/families/search', { csrf: s.csrf, body: {} });
    expect((await search(ipTotp, totp)).statusCode).toBe(200);
    expect((await call(app, ipTotp, totp.cookie, 'GET', '/api/auth/me')).json().stage).toBe('done');
    expect((await adminClient.get('/api/admin/settings')).statusCode).toBe(200);
    const refused = await search(password.ip, password);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().type).toBe('/problems/second-factor-required');
  });

  it('lets a password-only session go on while the second factor stays off', async () => {
    const { app } = h();
    const m = await h().municipality({ families: 1, adults: 2, children: 1 });
    const admin = byRole(m, 'administrator')[0]!;
    const member = byRole(m, 'team_member')[0]!;
    const s = await passwordSession(h(), freshIp(), member.username);
    const adminSession = await passwordSession(h(), freshIp(), admin.username);
    const adminClient = clientFor(app, adminSession.cookie, adminSession.csrf);
    // A change of another setting leaves the rule as it was.
    expect((await saveSettings(adminClient, { breakGlassMinutes: 30 })).statusCode).toBe(200);
    expect((await call(app, s.ip, s.cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
}

describeEachDatabase('sessions without the second factor the municipality requires', suite);

// With the session cache on (5 s in production): the setting is seen at once, not after the
// cached row's lifetime. One app on PGlite, so the route's own forgetting is what is tested.
describeEachDatabase(
  'sessions without the required second factor, with the session cache on',
  (h) => {
    it('refuses a cached password-only session at the first request after the setting changed', async () => {
      const { app } = h();
      const m = await h().municipality({ families: 1, adults: 2, children: 1 });
      const admin = byRole(m, 'administrator')[0]!;
      const member = byRole(m, 'team_member')[0]!;
      const s = await passwordSession(h(), freshIp(), member.username);
      // Read (and so cached) before the change.
      expect((await call(app, s.ip, s.cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect(app.sessionCache.size).toBeGreaterThan(0);
      const adminSession = await passwordSession(h(), freshIp(), admin.username);
      const adminClient = clientFor(app, adminSession.cookie, adminSession.csrf);
      expect((await saveSettings(adminClient, { mfaRequired: true })).statusCode).toBe(200);
      const refused = await call(app, s.ip, s.cookie, 'GET', '/api/auth/me');
      expect(refused.statusCode).toBe(401);
      expect(refused.json().type).toBe('/problems/second-factor-required');
    });
  },
  { sessionCacheSeconds: 600 },
);
