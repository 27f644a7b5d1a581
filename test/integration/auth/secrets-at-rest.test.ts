import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { buildApp } from '../../../src/server/app';
import { newTotpSecret } from '../../../src/server/auth/credentials';
import { keyIdOf, pendingTotpContext, SecretBox, totpContext } from '../../../src/server/auth/secret-box';
import { sealStoredSecrets } from '../../../src/server/auth/secrets.service';
import { describeEachDatabase, openHarness, TEST_SECRET_KEY } from '../../support/harness';
import { call, csrfOf, enrol, freshIp, login, logout, totpNext, totpNow, userRow } from './auth-support';

/** Stores a TOTP secret as the foundation did: in plain text. */
async function storePlainSecret(db: Db, user: { id: string }, secret: string) {
  await db.kysely
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_enabled_at: new Date() })
    .where('id', '=', user.id)
    .execute();
}

async function signInWithTotp(app: Parameters<typeof login>[0], username: string, secret: string) {
  const ip = freshIp();
  const first = await login(app, ip, username);
  expect(first.response.json()).toEqual({ stage: 'totp' });
  const csrf = await csrfOf(app, ip, first.cookie!);
  return call(app, ip, first.cookie!, 'POST', '/api/auth/totp', {
    csrf,
    body: { code: await totpNow(secret) },
  });
}

describeEachDatabase('TOTP secrets at rest', (h) => {
  let next = 1;
  let m: GeneratedMunicipality | undefined;
  const mfaUser = async () => {
    m ??= await h().municipality({ mfaRequired: true, families: 1, adults: 1, children: 1 });
    const user = m.users[next++];
    if (!user) throw new Error('out of users');
    return user;
  };
  const box = new SecretBox([TEST_SECRET_KEY]);

  it('signs in with a secret stored in plain text before encryption, and seals it on that first use', async () => {
    const { app, db } = h();
    const user = await mfaUser();
    const secret = newTotpSecret();
    await storePlainSecret(db, user, secret);

    const signedIn = await signInWithTotp(app, user.username, secret);
    expect(signedIn.statusCode, signedIn.body).toBe(200);

    const stored = (await userRow(db, user.username)).totp_secret!;
    expect(stored).not.toContain(secret);
    expect(box.isCurrent(stored)).toBe(true);
    expect(box.open(stored, totpContext(user.id))).toBe(secret);
  });

  it('a wrong code leaves a plain-text secret as it is (only a sign-in that proves it seals it)', async () => {
    const { app, db } = h();
    const user = await mfaUser();
    const secret = newTotpSecret();
    await storePlainSecret(db, user, secret);
    const ip = freshIp();
    const first = await login(app, ip, user.username);
    const csrf = await csrfOf(app, ip, first.cookie!);
    const wrong = await call(app, ip, first.cookie!, 'POST', '/api/auth/totp', {
      csrf,
      body: { code: (await totpNow(secret)) === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await userRow(db, user.username)).totp_secret).toBe(secret);
  });

  it('the step at start seals plain-text secrets of users and of enrolments in progress, once', async () => {
    const { app, db } = h();
    const enrolled = await mfaUser();
    const enrolling = await mfaUser();
    const secret = newTotpSecret();
    await storePlainSecret(db, enrolled, secret);
    // An enrolment in progress whose session holds its secret in plain text.
    const ip = freshIp();
    const partial = await login(app, ip, enrolling.username);
    expect(partial.response.json()).toEqual({ stage: 'enrol' });
    const pendingSecret = newTotpSecret();
    await db.kysely
      .updateTable('user_session')
      .set({ pending_totp_secret: pendingSecret })
      .where('user_id', '=', enrolling.id)
      .execute();

    const report = await sealStoredSecrets(db, box);
    expect(report.totp).toBeGreaterThanOrEqual(1);
    expect(report.pending).toBeGreaterThanOrEqual(1);
    expect(report.unreadable).toBe(0);

    const stored = (await userRow(db, enrolled.username)).totp_secret!;
    expect(stored).not.toContain(secret);
    expect(box.open(stored, totpContext(enrolled.id))).toBe(secret);
    const session = await db.kysely
      .selectFrom('user_session')
      .select('pending_totp_secret')
      .where('user_id', '=', enrolling.id)
      .executeTakeFirstOrThrow();
    expect(session.pending_totp_secret).not.toContain(pendingSecret);
    expect(box.open(session.pending_totp_secret!, pendingTotpContext(enrolling.id))).toBe(pendingSecret);

    // Nothing of these two is left to seal; the enrolment goes on with the same secret.
    await sealStoredSecrets(db, box);
    expect((await userRow(db, enrolled.username)).totp_secret).toBe(stored);
    const enrolment = await call(app, ip, partial.cookie!, 'GET', '/api/auth/enrolment');
    expect(enrolment.json().secret).toBe(pendingSecret);
    expect((await signInWithTotp(app, enrolled.username, secret)).statusCode).toBe(200);
  });

  it('a sealed secret copied into another user’s row does not sign that user in', async () => {
    const { app, db } = h();
    const attacker = await mfaUser();
    const victim = await mfaUser();
    const enrolled = await enrol(app, freshIp(), attacker.username);
    await logout(app, freshIp(), enrolled.cookie, enrolled.csrf);
    const sealed = (await userRow(db, attacker.username)).totp_secret!;
    await db.kysely
      .updateTable('app_user')
      .set({ totp_secret: sealed, totp_enabled_at: new Date() })
      .where('id', '=', victim.id)
      .execute();
    const attempt = await signInWithTotp(app, victim.username, enrolled.secret);
    // The sealed value is bound to its owner's row: it does not open in another (an internal
    // error, logged by name only, as for a missing key), so no session is signed in.
    expect(attempt.statusCode).toBe(500);
    expect(attempt.cookies.find((c) => c.name === 'staircase_session' && c.value)).toBeUndefined();
  });
});

// A rotation re-seals every secret in the database, so it runs on a database of its own
// (an in-memory PGlite): on the shared PostgreSQL test database it would re-key other files' users.
/** Signs in with a recovery code in place of the TOTP code. */
async function signInWithRecoveryCode(
  app: Parameters<typeof login>[0],
  username: string,
  recoveryCode: string,
) {
  const ip = freshIp();
  const first = await login(app, ip, username);
  expect(first.response.json()).toEqual({ stage: 'totp' });
  const csrf = await csrfOf(app, ip, first.cookie!);
  return call(app, ip, first.cookie!, 'POST', '/api/auth/totp', { csrf, body: { recoveryCode } });
}

describeEachDatabase('recovery codes at rest', (h) => {
  it('accepts, once, a recovery code stored as the plain SHA-256 it was stored as before keyed hashes', async () => {
    const { app, db } = h();
    const m = await h().municipality({ mfaRequired: true, families: 1, adults: 1, children: 1 });
    const user = m.users[1]!;
    const enrolled = await enrol(app, freshIp(), user.username);
    await logout(app, freshIp(), enrolled.cookie, enrolled.csrf);
    const legacy = 'abcde-12345';
    await db.kysely
      .updateTable('app_user')
      .set({ recovery_code_hashes: [createHash('sha256').update(legacy).digest('hex')] })
      .where('id', '=', user.id)
      .execute();
    expect((await signInWithRecoveryCode(app, user.username, legacy)).statusCode).toBe(200);
    expect((await userRow(db, user.username)).recovery_code_hashes).toEqual([]);
    expect((await signInWithRecoveryCode(app, user.username, legacy)).statusCode).toBe(401);
  });
});

/** A harness whose app seals under `oldKey`, and a user enrolled there and signed out. */
async function enrolledUnderOldKey(oldKey: Buffer) {
  const h = await openHarness('pglite', undefined, { secretKeys: [oldKey] });
  const m = await h.municipality({ mfaRequired: true, families: 1, adults: 1, children: 1 });
  const user = m.users[1]!;
  const enrolled = await enrol(h.app, freshIp(), user.username);
  await logout(h.app, freshIp(), enrolled.cookie, enrolled.csrf);
  return { h, user, enrolled };
}

describe('rotating the secret key [pglite]', () => {
  it('keeps recovery codes made under the earlier key usable while that key is still configured', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const { h, user, enrolled } = await enrolledUnderOldKey(oldKey);
    try {
      const [first, second] = enrolled.recoveryCodes as [string, string];
      const rotating = await buildApp({ db: h.db, config: { ...h.config, secretKeys: [newKey, oldKey] } });
      try {
        expect((await signInWithRecoveryCode(rotating, user.username, first)).statusCode).toBe(200);
      } finally {
        await rotating.close();
      }
      // Once the earlier key is gone, so are the codes made under it (docs/operations.md).
      const rotated = await buildApp({ db: h.db, config: { ...h.config, secretKeys: [newKey] } });
      try {
        expect((await signInWithRecoveryCode(rotated, user.username, second)).statusCode).toBe(401);
      } finally {
        await rotated.close();
      }
    } finally {
      await h.app.close();
      await h.db.close();
    }
  });

  it('re-seals under the new key; the app with only the new key signs in; a value no key opens is reported', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const { h, user, enrolled } = await enrolledUnderOldKey(oldKey);
    try {
      expect((await userRow(h.db, user.username)).totp_secret).toMatch(new RegExp(`^v1:${keyIdOf(oldKey)}:`));

      const report = await sealStoredSecrets(h.db, new SecretBox([newKey, oldKey]));
      expect(report).toEqual({ totp: 1, pending: 0, unreadable: 0 });
      expect((await userRow(h.db, user.username)).totp_secret).toMatch(new RegExp(`^v1:${keyIdOf(newKey)}:`));

      const rotated = await buildApp({ db: h.db, config: { ...h.config, secretKeys: [newKey] } });
      try {
        const ip = freshIp();
        const first = await login(rotated, ip, user.username);
        const csrf = await csrfOf(rotated, ip, first.cookie!);
        const signedIn = await call(rotated, ip, first.cookie!, 'POST', '/api/auth/totp', {
          csrf,
          body: { code: await totpNext(enrolled.secret) },
        });
        expect(signedIn.statusCode, signedIn.body).toBe(200);
      } finally {
        await rotated.close();
      }

      // A key that opens nothing: the value is counted as unreadable and left alone.
      const before = (await userRow(h.db, user.username)).totp_secret;
      expect(await sealStoredSecrets(h.db, new SecretBox([randomBytes(32)]))).toEqual({
        totp: 0,
        pending: 0,
        unreadable: 1,
      });
      expect((await userRow(h.db, user.username)).totp_secret).toBe(before);
    } finally {
      await h.app.close();
      await h.db.close();
    }
  });
});
