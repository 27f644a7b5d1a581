import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  keyIdOf,
  parseSecretKey,
  pendingTotpContext,
  SecretBox,
  SecretBoxError,
  totpContext,
} from '../../../src/server/auth/secret-box';
import { loadConfig } from '../../../src/server/config';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const USER = '3f1c2b7e-5d2a-4c1e-9b8a-0d6e4f3a2b1c';
const OTHER_USER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** Flips one bit of a base64url part of a sealed value. */
function flip(sealed: string, part: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretBox (AES-256-GCM, secrets at rest)', () => {
  const key = randomBytes(32);
  const box = new SecretBox([key]);

  it('round-trips a secret, and the sealed value shows neither the secret nor its length in the clear', () => {
    const sealed = box.seal(SECRET, totpContext(USER));
    expect(sealed).not.toContain(SECRET);
    expect(sealed).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(sealed.split(':')[1]).toBe(keyIdOf(key));
    expect(box.open(sealed, totpContext(USER))).toBe(SECRET);
  });

  it('seals the same secret differently each time (random IV)', () => {
    expect(box.seal(SECRET, totpContext(USER))).not.toBe(box.seal(SECRET, totpContext(USER)));
  });

  it('detects tampering with the ciphertext, the IV or the tag', () => {
    const sealed = box.seal(SECRET, totpContext(USER));
    for (const part of [2, 3, 4]) {
      expect(() => box.open(flip(sealed, part), totpContext(USER))).toThrow(SecretBoxError);
    }
    expect(() => box.open(`${sealed}:x`, totpContext(USER))).toThrow(SecretBoxError);
  });

  it('refuses a sealed value moved to another user or another column', () => {
    const sealed = box.seal(SECRET, totpContext(USER));
    expect(() => box.open(sealed, totpContext(OTHER_USER))).toThrow(SecretBoxError);
    expect(() => box.open(sealed, pendingTotpContext(USER))).toThrow(SecretBoxError);
  });

  it('refuses to open with a wrong key, naming the missing key id', () => {
    const sealed = box.seal(SECRET, totpContext(USER));
    const other = new SecretBox([randomBytes(32)]);
    expect(() => other.open(sealed, totpContext(USER))).toThrow(new RegExp(keyIdOf(key)));
  });

  it('refuses a wrong key that claims the right key id (the tag does not authenticate)', () => {
    const sealed = box.seal(SECRET, totpContext(USER));
    const wrong = randomBytes(32);
    const swapped = sealed.replace(`v1:${keyIdOf(key)}:`, `v1:${keyIdOf(wrong)}:`);
    expect(() => new SecretBox([wrong]).open(swapped, totpContext(USER))).toThrow(SecretBoxError);
  });

  it('passes a plain-text secret from before encryption through, and says it is not sealed', () => {
    expect(SecretBox.isSealed(SECRET)).toBe(false);
    expect(box.open(SECRET, totpContext(USER))).toBe(SECRET);
    expect(box.isCurrent(SECRET)).toBe(false);
  });

  it('after a rotation opens values of the previous key and seals under the new one', () => {
    const sealedOld = box.seal(SECRET, totpContext(USER));
    const newKey = randomBytes(32);
    const rotated = new SecretBox([newKey, key]);
    expect(rotated.isCurrent(sealedOld)).toBe(false);
    expect(rotated.open(sealedOld, totpContext(USER))).toBe(SECRET);
    const sealedNew = rotated.seal(SECRET, totpContext(USER));
    expect(rotated.isCurrent(sealedNew)).toBe(true);
    expect(sealedNew.split(':')[1]).toBe(keyIdOf(newKey));
    // The old key alone cannot open what the new key sealed.
    expect(() => box.open(sealedNew, totpContext(USER))).toThrow(SecretBoxError);
  });

  it('wants a key of 32 bytes', () => {
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
    expect(() => new SecretBox([randomBytes(16)])).toThrow(SecretBoxError);
  });
});

describe('STAIRCASE_SECRET_KEY', () => {
  it('is read as base64 (or base64url) of 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseSecretKey(`${key.toString('base64url')}\n`).equals(key)).toBe(true);
  });

  it('refuses a key of another length or not in base64, with the way to make one', () => {
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(/openssl rand -base64 32/);
    expect(() => parseSecretKey('not a key at all!')).toThrow(/STAIRCASE_SECRET_KEY must be 32/);
  });

  it('puts the key first and the previous keys after it in the configuration', () => {
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig({
      STAIRCASE_SECRET_KEY: current.toString('base64'),
      STAIRCASE_SECRET_KEY_PREVIOUS: previous.toString('base64'),
    });
    expect(config.secretKeys.map((k) => k.toString('hex'))).toEqual([
      current.toString('hex'),
      previous.toString('hex'),
    ]);
    expect(loadConfig({}).secretKeys).toEqual([]);
    expect(() => loadConfig({ STAIRCASE_SECRET_KEY: 'short' })).toThrow(/STAIRCASE_SECRET_KEY/);
  });
});

describe('SecretBox.fingerprint (keyed hashes, decision 0018)', () => {
  const key = randomBytes(32);
  const box = new SecretBox([key]);

  it('is HMAC-SHA256 under a key derived for its purpose with HKDF, named by the key id', () => {
    const derived = Buffer.from(
      hkdfSync('sha256', key, Buffer.alloc(0), 'staircase:audit.unknown_username', 32),
    );
    const expected = createHmac('sha256', derived).update('anna.jensen', 'utf8').digest('hex');
    expect(box.fingerprint('anna.jensen', 'audit.unknown_username')).toBe(`${keyIdOf(key)}:${expected}`);
  });

  it('matches equal values, tells different ones and purposes apart, and differs under another key', () => {
    const a = box.fingerprint('anna.jensen', 'p');
    expect(box.fingerprint('anna.jensen', 'p')).toBe(a);
    expect(box.fingerprint('anna.jensem', 'p')).not.toBe(a);
    expect(box.fingerprint('anna.jensen', 'q')).not.toBe(a);
    expect(new SecretBox([randomBytes(32)]).fingerprint('anna.jensen', 'p').split(':')[1]).not.toBe(
      a.split(':')[1],
    );
    expect(a).not.toContain('anna');
  });
});
