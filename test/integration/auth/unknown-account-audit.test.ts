import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { UNKNOWN_USERNAME_HASH } from '../../../src/server/auth/auth.routes';
import { SecretBox } from '../../../src/server/auth/secret-box';
import { describeEachDatabase, TEST_SECRET_KEY } from '../../support/harness';
import { freshIp, login } from './auth-support';

/**
 * Decision 0018: a failed sign-in with a username nobody has is audited as `sign_in_failed`
 * ('unknown_account') in every municipality's log, by a keyed hash of what was typed, never the
 * text — and answered exactly as a wrong password is (sign-in-timing.test.ts checks the pace).
 */
describeEachDatabase('failed sign-ins with an unknown username', (h) => {
  let m: GeneratedMunicipality;
  const box = new SecretBox([TEST_SECRET_KEY]);
  const hashOf = (typed: string) => box.fingerprint(typed.toLowerCase(), UNKNOWN_USERNAME_HASH);

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 2, children: 1 });
  });

  const unknownEvents = (hash: string) =>
    h()
      .db.kysely.selectFrom('audit_event')
      .selectAll()
      .where('municipality_id', '=', m.municipality.id)
      .where('subject_hash', '=', hash)
      .orderBy('id')
      .execute();

  it('records each attempt as sign_in_failed / unknown_account with the keyed hash, the same for the same name in any case', async () => {
    const typed = `Anna.Jensen.${m.users[0]!.username}`;
    const first = await login(h().app, freshIp(), typed, 'some password');
    const second = await login(h().app, freshIp(), typed.toUpperCase(), 'another password');
    for (const attempt of [first, second]) {
      expect(attempt.response.statusCode).toBe(401);
      expect(attempt.cookie).toBeUndefined();
    }
    const events = await unknownEvents(hashOf(typed));
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toMatchObject({
        action: 'sign_in_failed',
        entity: 'app_user',
        entity_id: null,
        actor_id: null,
        actor_role: null,
        purpose: 'unknown_account',
        fields: [],
      });
      expect(e.subject_hash).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    }
    // Another name, another hash.
    await login(h().app, freshIp(), `${typed}x`, 'some password');
    expect(await unknownEvents(hashOf(`${typed}x`))).toHaveLength(1);
  });

  it('never stores the typed username: no audit row holds it in any column', async () => {
    const typed = `mette.hansen.${m.users[0]!.username}`;
    await login(h().app, freshIp(), typed, 'some password');
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from audit_event e where e::text ilike ${`%${typed}%`}`.execute(h().db.kysely);
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await unknownEvents(hashOf(typed))).toHaveLength(1);
  });

  it('answers the unknown username exactly as a wrong password of a real account', async () => {
    const real = m.users[1]!.username;
    const unknown = await login(h().app, freshIp(), `nobody_${real}`, 'wrong', { 'accept-language': 'en' });
    const wrong = await login(h().app, freshIp(), real, 'wrong', { 'accept-language': 'en' });
    expect(unknown.response.statusCode).toBe(wrong.response.statusCode);
    expect(unknown.response.body).toBe(wrong.response.body);
    expect(unknown.response.headers['content-type']).toBe(wrong.response.headers['content-type']);
  });

  it('shows the attempts to the administrator in the audit search, with the hash and not the name', async () => {
    const typed = `lars.${m.users[0]!.username}`;
    await login(h().app, freshIp(), typed, 'some password');
    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    const found = await admin.get('/api/audit?action=sign_in_failed&pageSize=100');
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain(typed);
    const item = found
      .json()
      .items.find((i: { subjectHash: string | null }) => i.subjectHash === hashOf(typed));
    expect(item).toMatchObject({ action: 'sign_in_failed', purpose: 'unknown_account', actor: null });
  });

  it('still counts unknown usernames toward the per-address limit: the 31st attempt from one address is 429', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      expect((await login(h().app, ip, `ghost${i}_${m.users[0]!.username}`, 'x')).response.statusCode).toBe(
        401,
      );
    }
    const limited = await login(h().app, ip, `ghost_${m.users[0]!.username}`, 'x');
    expect(limited.response.statusCode).toBe(429);
  });
});
