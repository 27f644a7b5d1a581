import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (the TOTP secrets): AES-256-GCM under the installation's key
 * (`STAIRCASE_SECRET_KEY`, decision 0011). A sealed value reads
 *
 *   v1:<key id>:<iv>:<ciphertext>:<tag>      (base64url parts)
 *
 * `v1` is the format (AES-256-GCM, 96-bit random IV, 128-bit tag); the key id (the first 8 hex
 * digits of the key's SHA-256) names the key that sealed it, so after a rotation values sealed
 * under the previous key still open while `staircase rotate-secret-key` re-seals them. Each value
 * is bound to where it is stored (`context`, e.g. `app_user.totp_secret:<user id>`) as GCM's
 * additional data: a sealed secret copied into another user's row does not open.
 *
 * A TOTP secret is base32 (A–Z, 2–7) and never contains ':', so a value without the prefix is a
 * plain-text secret from before encryption; `open` returns it as it is and `isSealed` tells the
 * caller to seal it.
 */
export const SEALED_FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** A base64 (or base64url) key of exactly 32 bytes, else an error naming the variable. */
export function parseSecretKey(value: string, variable = 'STAIRCASE_SECRET_KEY'): Buffer {
  const trimmed = value.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      `${variable} must be ${KEY_BYTES} random bytes in base64 (make one with: openssl rand -base64 32); got ${key.length} bytes`,
    );
  }
  return key;
}

export const newSecretKey = () => randomBytes(KEY_BYTES);

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  /** The key new values are sealed under. */
  readonly currentKeyId: string;

  /** `keys[0]` seals; every key opens what it sealed (earlier keys during a rotation). */
  constructor(keys: readonly Buffer[]) {
    const [current] = keys;
    if (!current) throw new SecretBoxError('no secret key');
    for (const key of keys) {
      if (key.length !== KEY_BYTES) throw new SecretBoxError(`a secret key must be ${KEY_BYTES} bytes`);
    }
    this.keys = new Map(keys.map((k) => [keyIdOf(k), k]));
    this.currentKeyId = keyIdOf(current);
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(`${SEALED_FORMAT}:`);
  }

  /** True if the value is sealed under the current key (nothing to do for a rotation). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${SEALED_FORMAT}:${this.currentKeyId}:`);
  }

  seal(plain: string, context: string): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      SEALED_FORMAT,
      this.currentKeyId,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join(':');
  }

  /**
   * The plain secret. A plain-text value (from before encryption) comes back as it is; a sealed
   * one that was altered, moved to another context, or sealed under a key this box does not
   * hold throws a SecretBoxError (never a wrong secret).
   */
  open(stored: string, context: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const parts = stored.split(':');
    if (parts.length !== 5) throw new SecretBoxError('sealed value is malformed');
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        `sealed under key ${keyId}, which is not configured (STAIRCASE_SECRET_KEY / STAIRCASE_SECRET_KEY_PREVIOUS)`,
      );
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new SecretBoxError('sealed value is malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed value does not authenticate (altered, moved, or another key)');
    }
  }

  /**
   * A keyed hash (HMAC-SHA256) of `value` for `purpose`, as `<key id>:<64 hex digits>`: equal
   * values give equal hashes under one key, so they can be matched, while a copy of the database
   * without the key cannot test guesses against them (a plain SHA-256 of a username could be,
   * name by name). The HMAC key is derived from the current key with HKDF for this purpose only,
   * so the sealing key is never used for anything else. A new key gives new hashes (decision 0018).
   */
  fingerprint(value: string, purpose: string): string {
    return this.fingerprintUnder(this.currentKeyId, value, purpose);
  }

  /**
   * `value`'s keyed hash under every key, the current one first: what a stored fingerprint may
   * be while keys rotate (a recovery code hashed under the earlier key still matches).
   */
  fingerprints(value: string, purpose: string): string[] {
    const ids = [this.currentKeyId, ...[...this.keys.keys()].filter((id) => id !== this.currentKeyId)];
    return ids.map((id) => this.fingerprintUnder(id, value, purpose));
  }

  private fingerprintUnder(keyId: string, value: string, purpose: string): string {
    const key = this.keys.get(keyId)!;
    const hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `staircase:${purpose}`, 32));
    return `${keyId}:${createHmac('sha256', hmacKey).update(value, 'utf8').digest('hex')}`;
  }
}

/** Where each kind of secret is stored: the additional data that binds a sealed value to its row. */
export const totpContext = (userId: string) => `app_user.totp_secret:${userId}`;
export const pendingTotpContext = (userId: string) => `user_session.pending_totp_secret:${userId}`;
