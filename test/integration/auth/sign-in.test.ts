import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, resetPassword } from '../../../src/cli/users';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { recoveryCodeHash } from '../../../src/server/auth/credentials';
import { pendingTotpContext, SecretBox, totpContext } from '../../../src/server/auth/secret-box';
import { describeEachDatabase, TEST_SECRET_KEY } from '../../support/harness';
import {
  call,
  cookieOf,
  csrfOf,
  enrol,
  freshIp,
  login,
  logout,
  sendCode,
  sessionCount,
  totpNext,
  totpNow,
  userRow,
  wrongTotp,
} from './auth-support';

describeEachDatabase('sign-in', (h) => {
  const secrets = new SecretBox([TEST_SECRET_KEY]);
  /** Users must enrol and use a second factor here; each test takes users of its own. */
  let mfa: GeneratedMunicipality;
  /** More users who must use a second factor, once `mfa`'s run out. */
  let mfaMore: GeneratedMunicipality;
  /** The demo kind: password only. */
  let demo: GeneratedMunicipality;
  // users[0] is the team leader, kept for the test that reads a family.
  let next = 1;
  const mfaUser = () => {
    const i = next++;
    const user = i < mfa.users.length ? mfa.users[i] : mfaMore.users[i - mfa.users.length];
    if (!user) throw new Error('out of users: make another municipality');
    return user;
  };
  /** A user who has enrolled a second factor and signed out: a sign-in now asks for the code. */
  const signedOutWithSecondFactor = async (app: FastifyInstance) => {
    const ip = freshIp();
    const user = mfaUser();
    const enrolled = await enrol(app, ip, user.username);
    await logout(app, ip, enrolled.cookie, enrolled.csrf);
    return { ip, user, enrolled };
  };
  beforeAll(async () => {
    mfa = await h().municipality({ mfaRequired: true, families: 2, adults: 3, children: 3 });
    mfaMore = await h().municipality({ mfaRequired: true, families: 1, adults: 2, children: 1 });
    demo = await h().municipality({ families: 2, adults: 3, children: 3 });
  });

  const families = (ip: string, cookie: string, csrf: string) =>
    call(h().app, ip, cookie, 'POST', '/api/families/search', { csrf, body: {} });

  describe('with a second factor required', () => {
    it('asks a new user to enrol, shows the otpauth URL, QR code and secret, refuses a wrong code and completes with the right one', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();

      const first = await login(app, ip, user.username);
      expect(first.response.statusCode).toBe(200);
      expect(first.response.json()).toEqual({ stage: 'enrol' });
      const partial = first.cookie!;
      const csrf = await csrfOf(app, ip, partial);

      const enrolment = await call(app, ip, partial, 'GET', '/api/auth/enrolment');
      expect(enrolment.statusCode).toBe(200);
      const { otpauthUrl, qrSvg, secret } = enrolment.json();
      expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      const url = new URL(otpauthUrl);
      expect(url.protocol).toBe('otpauth:');
      expect(url.host).toBe('totp');
      expect(url.searchParams.get('secret')).toBe(secret);
      expect(decodeURIComponent(url.pathname)).toContain(user.username);
      expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      // The enrolment's secret waits in the session sealed too.
      const pending = await db.kysely
        .selectFrom('user_session')
        .select('pending_totp_secret')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(pending.pending_totp_secret).toMatch(/^v1:/);
      expect(pending.pending_totp_secret).not.toContain(secret);
      expect(
        new SecretBox([TEST_SECRET_KEY]).open(pending.pending_totp_secret!, pendingTotpContext(user.id)),
      ).toBe(secret);

      const wrong = await call(app, ip, partial, 'POST', '/api/auth/enrolment', {
        csrf,
        body: { code: await wrongTotp(secret) },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json()).toMatchObject({ type: '/problems/totp-failed', errors: [{ field: 'code' }] });
      expect((await userRow(db, user.username)).totp_enabled_at).toBeNull();

      const right = await call(app, ip, partial, 'POST', '/api/auth/enrolment', {
        csrf,
        body: { code: await totpNow(secret) },
      });
      expect(right.statusCode).toBe(200);
      const { recoveryCodes } = right.json();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);

      const full = cookieOf(right)!;
      const me = await call(app, ip, full, 'GET', '/api/auth/me');
      expect(me.json()).toMatchObject({ stage: 'done', username: user.username });
      expect((await families(ip, full, me.json().csrfToken)).statusCode).toBe(200);

      const row = await userRow(db, user.username);
      // Stored sealed (AES-256-GCM under the app's key), never as the secret itself.
      expect(row.totp_secret).not.toContain(secret);
      expect(row.totp_secret).toMatch(/^v1:[0-9a-f]{8}:/);
      expect(new SecretBox([TEST_SECRET_KEY]).open(row.totp_secret!, totpContext(user.id))).toBe(secret);
      expect(row.totp_enabled_at).not.toBeNull();
      expect(row.recovery_code_hashes).toHaveLength(10);
      // Only keyed hashes are stored: not the code, and not its plain SHA-256, which a copy of
      // the database could test all 2^40 codes against.
      expect(row.recovery_code_hashes).not.toContain(recoveryCodes[0]);
      const plain = createHash('sha256').update(recoveryCodes[0]).digest('hex');
      expect(row.recovery_code_hashes.some((stored) => stored.includes(plain))).toBe(false);
      for (const stored of row.recovery_code_hashes) expect(stored).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    });

    it('lets only one of five simultaneous confirmations of one enrolment succeed, and keeps its recovery codes', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();
      const attempt = await login(app, ip, user.username);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      const { secret } = (await call(app, ip, attempt.cookie!, 'GET', '/api/auth/enrolment')).json();
      const code = await totpNow(secret);
      const results = await Promise.all(
        [0, 1, 2, 3, 4].map(() =>
          call(app, ip, attempt.cookie!, 'POST', '/api/auth/enrolment', { csrf, body: { code } }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401]);
      const winner = results.find((r) => r.statusCode === 200)!;
      const row = await userRow(db, user.username);
      expect(row.recovery_code_hashes).toEqual(
        winner.json().recoveryCodes.map((c: string) => recoveryCodeHash(secrets, c)),
      );
      expect(await sessionCount(db, user.id)).toBe(1);
    });

    it('refuses to confirm an enrolment begun before the account was enrolled in another session, keeping the second factor in place', async () => {
      const { app, db } = h();
      const user = mfaUser();
      const started = async () => {
        const ip = freshIp();
        const attempt = await login(app, ip, user.username);
        expect(attempt.response.json()).toEqual({ stage: 'enrol' });
        const cookie = attempt.cookie!;
        const csrf = await csrfOf(app, ip, cookie);
        const { secret } = (await call(app, ip, cookie, 'GET', '/api/auth/enrolment')).json();
        return { ip, cookie, csrf, secret: secret as string };
      };
      const confirm = async (s: { ip: string; cookie: string; csrf: string; secret: string }) =>
        call(app, s.ip, s.cookie, 'POST', '/api/auth/enrolment', {
          csrf: s.csrf,
          body: { code: await totpNow(s.secret) },
        });
      const mine = await started();
      const other = await started();
      const enrolled = await confirm(mine);
      expect(enrolled.statusCode).toBe(200);

      const late = await confirm(other);
      expect(late.statusCode).toBe(401);
      expect(late.json().type).toBe('/problems/unauthenticated');
      expect(cookieOf(late)).toBeUndefined();
      const row = await userRow(db, user.username);
      expect(new SecretBox([TEST_SECRET_KEY]).open(row.totp_secret!, totpContext(user.id))).toBe(mine.secret);
      expect(row.recovery_code_hashes).toEqual(
        enrolled.json().recoveryCodes.map((c: string) => recoveryCodeHash(secrets, c)),
      );
      // The late one's session is over; the enrolled one's stays.
      expect(await sessionCount(db, user.id)).toBe(1);
      const events = await db.kysely
        .selectFrom('audit_event')
        .select(['action', 'purpose', 'actor_id'])
        .where('entity_id', '=', user.id)
        .orderBy('id')
        .execute();
      expect(events.at(-1)).toEqual({
        action: 'sign_in_failed',
        purpose: 'totp_enrolment',
        actor_id: user.id,
      });
    });

    it('asks an enrolled user for a TOTP code after the password; a wrong code is refused, the right one signs in', async () => {
      const { app } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      expect((await call(app, ip, enrolled.cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);

      const again = await login(app, ip, user.username);
      expect(again.response.json()).toEqual({ stage: 'totp' });
      const partial = again.cookie!;
      const csrf = await csrfOf(app, ip, partial);

      const wrong = await sendCode(app, ip, partial, csrf, await wrongTotp(enrolled.secret));
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().type).toBe('/problems/totp-failed');

      const right = await sendCode(app, ip, partial, csrf, await totpNext(enrolled.secret));
      expect(right.statusCode).toBe(200);
      expect(right.json()).toEqual({ stage: 'done' });
      const full = cookieOf(right)!;
      const me = await call(app, ip, full, 'GET', '/api/auth/me');
      expect(me.json()).toMatchObject({ stage: 'done', id: user.id });
      expect((await families(ip, full, me.json().csrfToken)).statusCode).toBe(200);
    });

    it('accepts a recovery code in place of the TOTP code once and only once', async () => {
      const { app, db } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const [code, other] = enrolled.recoveryCodes as [string, string];

      const withRecoveryCode = async (recoveryCode: string) => {
        const attempt = await login(app, ip, user.username);
        expect(attempt.response.json()).toEqual({ stage: 'totp' });
        const csrf = await csrfOf(app, ip, attempt.cookie!);
        const response = await call(app, ip, attempt.cookie!, 'POST', '/api/auth/totp', {
          csrf,
          body: { recoveryCode },
        });
        return { response, cookie: cookieOf(response) };
      };

      // Typed as a person would: upper case, spaces around.
      const first = await withRecoveryCode(` ${code.toUpperCase()} `);
      expect(first.response.statusCode).toBe(200);
      expect(first.response.json()).toEqual({ stage: 'done' });
      expect((await call(app, ip, first.cookie!, 'GET', '/api/auth/me')).json().stage).toBe('done');
      expect((await userRow(db, user.username)).recovery_code_hashes).toHaveLength(9);
      await logout(app, ip, first.cookie!, await csrfOf(app, ip, first.cookie!));

      const reused = await withRecoveryCode(code);
      expect(reused.response.statusCode).toBe(401);
      expect(reused.response.json().type).toBe('/problems/totp-failed');
      expect(reused.cookie).toBeUndefined();

      const second = await withRecoveryCode(other);
      expect(second.response.statusCode).toBe(200);
      expect((await userRow(db, user.username)).recovery_code_hashes).toHaveLength(8);
    });

    it('lets only one of five simultaneous sign-ins use the same recovery code', async () => {
      const { app, db } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const partials = [];
      for (let i = 0; i < 5; i++) {
        const attempt = await login(app, ip, user.username);
        partials.push({ cookie: attempt.cookie!, csrf: await csrfOf(app, ip, attempt.cookie!) });
      }
      const code = enrolled.recoveryCodes[0]!;
      const results = await Promise.all(
        partials.map((p) =>
          call(app, ip, p.cookie, 'POST', '/api/auth/totp', { csrf: p.csrf, body: { recoveryCode: code } }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401]);
      expect((await userRow(db, user.username)).recovery_code_hashes).toHaveLength(9);
    });

    it('keeps a partial session away from family routes until the second factor is given', async () => {
      const { app } = h();
      const ip = freshIp();
      const user = mfa.users[0]!;
      expect(user.role).toBe('team_leader');
      const familyUrl = `/api/families/${mfa.households[0]!.id}`;

      const enrolStage = await login(app, ip, user.username);
      const enrolCsrf = await csrfOf(app, ip, enrolStage.cookie!);
      for (const response of [
        await families(ip, enrolStage.cookie!, enrolCsrf),
        await call(app, ip, enrolStage.cookie!, 'GET', familyUrl),
        await call(app, ip, enrolStage.cookie!, 'GET', '/api/team/staff'),
      ]) {
        expect(response.statusCode).toBe(401);
        expect(response.json().type).toBe('/problems/unauthenticated');
      }
      // Enrolment is not the TOTP stage: a code cannot be given instead of enrolling.
      const skip = await sendCode(app, ip, enrolStage.cookie!, enrolCsrf, '123456');
      expect(skip.statusCode).toBe(401);

      const enrolled = await enrol(app, ip, user.username);
      await logout(app, ip, enrolled.cookie, enrolled.csrf);
      const totpStage = await login(app, ip, user.username);
      expect(totpStage.response.json().stage).toBe('totp');
      const totpCsrf = await csrfOf(app, ip, totpStage.cookie!);
      expect((await families(ip, totpStage.cookie!, totpCsrf)).statusCode).toBe(401);
      expect((await call(app, ip, totpStage.cookie!, 'GET', familyUrl)).statusCode).toBe(401);
      // Nor can a session at the TOTP stage enrol a new second factor of its own choosing.
      expect((await call(app, ip, totpStage.cookie!, 'GET', '/api/auth/enrolment')).statusCode).toBe(401);
      const reEnrol = await call(app, ip, totpStage.cookie!, 'POST', '/api/auth/enrolment', {
        csrf: totpCsrf,
        body: { code: '123456' },
      });
      expect(reEnrol.statusCode).toBe(401);

      const done = await sendCode(app, ip, totpStage.cookie!, totpCsrf, await totpNext(enrolled.secret));
      const full = cookieOf(done)!;
      const fullCsrf = await csrfOf(app, ip, full);
      expect((await families(ip, full, fullCsrf)).statusCode).toBe(200);
      expect((await call(app, ip, full, 'GET', familyUrl)).statusCode).toBe(200);
    });

    it('rotates the session at every stage: each new cookie differs and the one before it is dead', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();
      const meStatus = async (cookie: string) =>
        (await call(app, ip, cookie, 'GET', '/api/auth/me')).statusCode;

      // A cookie planted before sign-in (fixation) is not adopted.
      const planted = 'staircase_session=chosen-by-an-attacker';
      const first = await login(app, ip, user.username, undefined, { cookie: planted });
      const enrolCookie = first.cookie!;
      expect(enrolCookie).not.toBe(planted);
      expect(await meStatus(planted)).toBe(401);

      const csrf = await csrfOf(app, ip, enrolCookie);
      const { secret } = (await call(app, ip, enrolCookie, 'GET', '/api/auth/enrolment')).json();
      const enrolled = await call(app, ip, enrolCookie, 'POST', '/api/auth/enrolment', {
        csrf,
        body: { code: await totpNow(secret) },
      });
      const doneCookie = cookieOf(enrolled)!;
      expect(doneCookie).not.toBe(enrolCookie);
      expect(await meStatus(enrolCookie)).toBe(401);
      expect(await meStatus(doneCookie)).toBe(200);
      // The CSRF token is rotated with the session.
      expect(await csrfOf(app, ip, doneCookie)).not.toBe(csrf);

      // Signing in again while holding a full session replaces it.
      const second = await login(app, ip, user.username, undefined, { cookie: doneCookie });
      const totpCookie = second.cookie!;
      expect(totpCookie).not.toBe(doneCookie);
      expect(await meStatus(doneCookie)).toBe(401);

      const totpCsrf = await csrfOf(app, ip, totpCookie);
      const done = await sendCode(app, ip, totpCookie, totpCsrf, await totpNext(secret));
      const finalCookie = cookieOf(done)!;
      expect(finalCookie).not.toBe(totpCookie);
      expect(await meStatus(totpCookie)).toBe(401);
      expect(await meStatus(finalCookie)).toBe(200);
      expect(await sessionCount(db, user.id)).toBe(1);
    });

    it('audits a failed and a successful second factor', async () => {
      const { app, db } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const attempt = await login(app, ip, user.username);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      await sendCode(app, ip, attempt.cookie!, csrf, await wrongTotp(enrolled.secret));
      await sendCode(app, ip, attempt.cookie!, csrf, await totpNext(enrolled.secret));
      const events = await db.kysely
        .selectFrom('audit_event')
        .select(['action', 'purpose', 'actor_id'])
        .where('entity_id', '=', user.id)
        .orderBy('id')
        .execute();
      expect(events.map((e) => `${e.action}:${e.purpose}`)).toEqual([
        'sign_in:totp_enrolment',
        'sign_out:sign_out',
        'sign_in_failed:totp',
        'sign_in:totp',
      ]);
      expect(events.every((e) => e.actor_id === user.id)).toBe(true);
    });
    it('names the field of a malformed second factor: no code, a code and a recovery code, a bad code', async () => {
      const { app } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const attempt = await login(app, ip, user.username);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      const send = (body: object) =>
        call(app, ip, attempt.cookie!, 'POST', '/api/auth/totp', {
          csrf,
          body,
          headers: { 'accept-language': 'en' },
        });
      const errorsOf = async (body: object) => {
        const response = await send(body);
        expect(response.statusCode).toBe(400);
        return response.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]);
      };
      expect(await errorsOf({})).toEqual([['code', 'errors.required']]);
      expect(await errorsOf({ code: 123456 })).toEqual([['code', 'errors.invalidType']]);
      expect(await errorsOf({ code: '123456', recoveryCode: 'abcde-12345' })).toEqual([
        ['recoveryCode', 'errors.codeOrRecoveryCode'],
      ]);
      expect(await errorsOf({ code: '12345' })).toEqual([['code', 'errors.totpFormat']]);
      // None of them counted as a wrong code.
      expect((await send({ code: await totpNext(enrolled.secret) })).statusCode).toBe(200);
    });

    it('refuses a TOTP code that was already used, even within its 30 seconds (no replay)', async () => {
      const { app } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const code = await totpNext(enrolled.secret);

      const first = await login(app, ip, user.username);
      const used = await sendCode(app, ip, first.cookie!, await csrfOf(app, ip, first.cookie!), code);
      expect(used.statusCode).toBe(200);

      const second = await login(app, ip, user.username);
      const replay = await sendCode(app, ip, second.cookie!, await csrfOf(app, ip, second.cookie!), code);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().type).toBe('/problems/totp-failed');
    });

    it('counts wrong codes toward the lockout and ends the half-signed-in session at the tenth', async () => {
      const { app, db } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      const attempt = await login(app, ip, user.username);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      const wrong = await wrongTotp(enrolled.secret);
      const statuses: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await sendCode(app, ip, attempt.cookie!, csrf, wrong);
        statuses.push(r.json().type);
      }
      expect(statuses.slice(0, 9)).toEqual(Array(9).fill('/problems/totp-failed'));
      expect(statuses[9]).toBe('/problems/session-expired');
      expect((await userRow(db, user.username)).locked_until!.getTime()).toBeGreaterThan(Date.now());
      // The session is gone: even the right code cannot be given on it now.
      const late = await sendCode(app, ip, attempt.cookie!, csrf, await totpNext(enrolled.secret));
      expect(late.statusCode).toBe(401);
      expect(await sessionCount(db, user.id)).toBe(0);
    });

    it('keeps counting wrong codes across password sign-ins: the right password alone does not clear the count, and a right code after the lock is refused', async () => {
      const { app, db } = h();
      const user = mfaUser();
      const enrolIp = freshIp();
      const enrolled = await enrol(app, enrolIp, user.username);
      await logout(app, enrolIp, enrolled.cookie, enrolled.csrf);
      const wrong = await wrongTotp(enrolled.secret);
      // Each round from another address, so the per-address limit is not what stops it.
      const totpStage = async () => {
        const ip = freshIp();
        const attempt = await login(app, ip, user.username);
        expect(attempt.response.json()).toEqual({ stage: 'totp' });
        return { ip, cookie: attempt.cookie!, csrf: await csrfOf(app, ip, attempt.cookie!) };
      };
      const guess = (s: { ip: string; cookie: string; csrf: string }, code = wrong) =>
        call(app, s.ip, s.cookie, 'POST', '/api/auth/totp', { csrf: s.csrf, body: { code } });

      const first = await totpStage();
      for (let i = 0; i < 9; i++) expect((await guess(first)).json().type).toBe('/problems/totp-failed');
      expect((await userRow(db, user.username)).failed_logins).toBe(9);

      // The password again, then one more wrong code: the tenth failure in a row locks.
      const second = await totpStage();
      expect((await userRow(db, user.username)).failed_logins).toBe(9);
      expect((await guess(second)).json().type).toBe('/problems/session-expired');
      expect((await userRow(db, user.username)).locked_until!.getTime()).toBeGreaterThan(Date.now());

      // The first half-signed-in session is still there, but the right code is refused on it now.
      const late = await guess(first, await totpNext(enrolled.secret));
      expect(late.statusCode).toBe(401);
      expect(late.json().type).toBe('/problems/session-expired');
      expect(await sessionCount(db, user.id)).toBe(0);
      // And the password is refused while the lock lasts.
      expect((await login(app, freshIp(), user.username)).response.statusCode).toBe(401);
    });

    it('clears the failure count once the second factor is given, not at the password', async () => {
      const { app, db } = h();
      const { ip, user, enrolled } = await signedOutWithSecondFactor(app);
      expect((await login(app, ip, user.username, 'not the password')).response.statusCode).toBe(401);
      const attempt = await login(app, ip, user.username);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      await sendCode(app, ip, attempt.cookie!, csrf, await wrongTotp(enrolled.secret));
      expect((await userRow(db, user.username)).failed_logins).toBe(2);
      const right = await sendCode(app, ip, attempt.cookie!, csrf, await totpNext(enrolled.secret));
      expect(right.statusCode).toBe(200);
      expect((await userRow(db, user.username)).failed_logins).toBe(0);
    });

    it('clears the failure count when enrolment completes, not at the password', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();
      expect((await login(app, ip, user.username, 'not the password')).response.statusCode).toBe(401);
      const attempt = await login(app, ip, user.username);
      expect(attempt.response.json()).toEqual({ stage: 'enrol' });
      expect((await userRow(db, user.username)).failed_logins).toBe(1);
      const csrf = await csrfOf(app, ip, attempt.cookie!);
      const { secret } = (await call(app, ip, attempt.cookie!, 'GET', '/api/auth/enrolment')).json();
      const confirmed = await call(app, ip, attempt.cookie!, 'POST', '/api/auth/enrolment', {
        csrf,
        body: { code: await totpNow(secret) },
      });
      expect(confirmed.statusCode).toBe(200);
      expect((await userRow(db, user.username)).failed_logins).toBe(0);
    });

    it('ends a half-signed-in session after 10 minutes without the second factor', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();
      const attempt = await login(app, ip, user.username);
      expect((await call(app, ip, attempt.cookie!, 'GET', '/api/auth/me')).statusCode).toBe(200);
      await db.kysely
        .updateTable('user_session')
        .set({ created_at: new Date(Date.now() - 11 * 60_000) } as never)
        .where('user_id', '=', user.id)
        .execute();
      const me = await call(app, ip, attempt.cookie!, 'GET', '/api/auth/me');
      expect(me.statusCode).toBe(401);
      expect(me.json().type).toBe('/problems/session-expired');
    });
  });

  describe('with a password', () => {
    it('gives the same answer for an unknown username as for a wrong password (no user enumeration)', async () => {
      const { app } = h();
      const ip = freshIp();
      const known = demo.users[1]!.username;
      const headers = { 'accept-language': 'en' };
      const unknown = await login(app, ip, `nobody_${known}`, 'a wrong password', headers);
      const wrong = await login(app, ip, known, 'a wrong password', headers);
      for (const { response, cookie } of [unknown, wrong]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toBe(unknown.response.headers['content-type']);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(cookie).toBeUndefined();
      }
      expect(wrong.response.json()).toEqual(unknown.response.json());
      expect(unknown.response.json()).toEqual({
        type: '/problems/sign-in-failed',
        title: 'Username or password is wrong',
        status: 401,
      });
    });

    it('signs a user in with the password alone when the municipality needs no second factor, ignoring username case', async () => {
      const { app } = h();
      const ip = freshIp();
      const user = demo.users[2]!;
      const attempt = await login(app, ip, user.username.toUpperCase());
      expect(attempt.response.json()).toEqual({ stage: 'done' });
      const me = await call(app, ip, attempt.cookie!, 'GET', '/api/auth/me');
      expect(me.json()).toMatchObject({ stage: 'done', id: user.id, username: user.username });
    });

    it('clears the failure count at a sign-in with the password alone when no second factor applies', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = demo.users[5]!;
      await login(app, ip, user.username, 'not the password');
      expect((await userRow(db, user.username)).failed_logins).toBe(1);
      expect((await login(app, ip, user.username)).response.json()).toEqual({ stage: 'done' });
      expect((await userRow(db, user.username)).failed_logins).toBe(0);
    });

    it('audits a successful sign-in and a failed one against the account', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = demo.users[3]!;
      await login(app, ip, user.username, 'not the password');
      const ok = await login(app, ip, user.username);
      expect(ok.response.statusCode).toBe(200);
      const events = await db.kysely
        .selectFrom('audit_event')
        .select(['action', 'purpose', 'actor_id', 'municipality_id'])
        .where('entity_id', '=', user.id)
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        {
          action: 'sign_in_failed',
          purpose: 'sign_in',
          actor_id: null,
          municipality_id: demo.municipality.id,
        },
        { action: 'sign_in', purpose: 'password', actor_id: user.id, municipality_id: demo.municipality.id },
      ]);
    });
  });

  describe('account commands (CLI)', () => {
    it('refuses to create a user with a weak password, and creates nobody', async () => {
      const { db } = h();
      const username = `${demo.users[0]!.username}_new1`;
      const base = { municipality: demo.municipality.name, username, name: 'Ny Bruger', role: 'analyst' };
      expect(await createUser(db, { ...base, password: 'short' })).toEqual({
        ok: false,
        message: expect.stringMatching(/^Password refused: .*12/),
      });
      expect(await createUser(db, { ...base, password: 'password1234' })).toEqual({
        ok: false,
        message: expect.stringMatching(/^Password refused: .*common/),
      });
      expect(await createUser(db, { ...base, password: `${username}-is-me` })).toEqual({
        ok: false,
        message: expect.stringMatching(/^Password refused: .*username/),
      });
      const found = await db.kysely
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', username)
        .execute();
      expect(found).toEqual([]);
    });

    it('creates a user who can sign in, and refuses the same username again in another case', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const username = `${demo.users[0]!.username}_new2`;
      const password = 'harbour lantern oat vivid';
      const input = {
        municipality: demo.municipality.name,
        username,
        name: 'Ny Analytiker',
        role: 'analyst',
        password,
      };
      expect(await createUser(db, input)).toEqual({ ok: true, message: `Created ${username} (analyst).` });
      const attempt = await login(app, ip, username, password);
      expect(attempt.response.json()).toEqual({ stage: 'done' });
      const me = (await call(app, ip, attempt.cookie!, 'GET', '/api/auth/me')).json();
      expect(me).toMatchObject({ username, role: 'analyst', municipalityName: demo.municipality.name });
      expect(await createUser(db, { ...input, username: username.toUpperCase() })).toEqual({
        ok: false,
        message: `The username "${username.toUpperCase()}" is taken.`,
      });
      const team = await createUser(db, { ...input, username: `${username}x`, role: 'team_member' });
      expect(team).toEqual({ ok: false, message: 'Team members and leaders need --team.' });
    });

    it('resets a password: refuses a weak one, ends the sessions, and the new password works and the old does not', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = demo.users[4]!;
      const signedIn = await login(app, ip, user.username);
      expect(signedIn.response.statusCode).toBe(200);

      expect(await resetPassword(db, user.username, 'password1234', false)).toEqual({
        ok: false,
        message: expect.stringMatching(/^Password refused: .*common/),
      });
      expect((await call(app, ip, signedIn.cookie!, 'GET', '/api/auth/me')).statusCode).toBe(200);

      const password = 'quiet meadow copper kettle';
      expect(await resetPassword(db, user.username, password, false)).toEqual({
        ok: true,
        message: `Password set for ${user.username}.`,
      });
      expect((await call(app, ip, signedIn.cookie!, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect(await sessionCount(db, user.id)).toBe(0);
      expect((await login(app, ip, user.username)).response.statusCode).toBe(401);
      expect((await login(app, ip, user.username, password)).response.json()).toEqual({ stage: 'done' });
      expect(await resetPassword(db, 'no_such_user_anywhere', password, false)).toEqual({
        ok: false,
        message: 'No user "no_such_user_anywhere".',
      });
    });

    it('with resetTotp, forgets the second factor so the next sign-in enrols again', async () => {
      const { app, db } = h();
      const ip = freshIp();
      const user = mfaUser();
      const enrolled = await enrol(app, ip, user.username);

      const password = 'quiet meadow copper kettle';
      expect(await resetPassword(db, user.username, password, true)).toEqual({
        ok: true,
        message: `Password set for ${user.username}; the second factor will be enrolled again.`,
      });
      expect((await call(app, ip, enrolled.cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
      const row = await userRow(db, user.username);
      expect(row).toMatchObject({ totp_secret: null, totp_enabled_at: null, recovery_code_hashes: [] });

      const attempt = await login(app, ip, user.username, password);
      expect(attempt.response.json()).toEqual({ stage: 'enrol' });
      const { secret } = (await call(app, ip, attempt.cookie!, 'GET', '/api/auth/enrolment')).json();
      expect(secret).not.toBe(enrolled.secret);
    });
  });
});
