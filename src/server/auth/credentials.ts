import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import type { SecretBox } from './secret-box';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 iterations). */
export const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON);

/**
 * Verified against when the username is unknown, so both cases cost one verification. The
 * hash of a random password nobody kept, made with ARGON's parameters (a unit test checks
 * they match): fixed, so even the first unknown username costs no extra hashing.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$qtzPmlF/P9RiIxuiYWXpBA$0yoVUklkSWxVC+n4CIGSRKKbILYdqkX6Fzq45wq3jgE';

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_PASSWORD_HASH, password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}

export const newTotpSecret = () => generateSecret();

/**
 * The time step of a valid code, or null. One step either side tolerates a phone clock that is
 * 30 s off; a step not after `afterStep` (the last one accepted) is a replay and refused.
 */
export async function checkTotp(
  secret: string,
  code: string,
  afterStep?: number | null,
): Promise<number | null> {
  const result = await verifyTotp({
    secret,
    token: code,
    epochTolerance: 30,
    ...(afterStep == null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export async function enrolmentFor(secret: string, username: string, municipality: string) {
  const otpauthUrl = generateURI({ issuer: `Staircase ${municipality}`, label: username, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
  return { otpauthUrl, secret, qrSvg };
}

/** Under which purpose a recovery code's keyed hash is made (SecretBox.fingerprint). */
const RECOVERY_CODE = 'auth.recovery_code';

const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase();

/**
 * Ten one-time recovery codes of 40 random bits each; only their keyed hashes are stored
 * (HMAC-SHA256 under the installation's secret key). NIST 800-63B §5.1.2 asks a look-up secret
 * under 112 bits to be stored so that a copy of the database cannot test guesses against it: a
 * plain SHA-256 of 2^40 candidates is minutes of work, a keyed hash needs the key, which is
 * not in the database.
 */
export function newRecoveryCodes(secrets: SecretBox): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map((code) => recoveryCodeHash(secrets, code)) };
}

/** A recovery code's keyed hash under the current key, as a new set is stored. */
export const recoveryCodeHash = (secrets: SecretBox, code: string) =>
  secrets.fingerprint(normaliseRecoveryCode(code), RECOVERY_CODE);

/**
 * What a typed recovery code may be stored as: its keyed hash under each key (keys rotate), and
 * the plain SHA-256 that codes handed out before 2026-12-02 were stored as — those stay usable
 * once each, and every new set is keyed.
 */
export function recoveryCodeCandidates(secrets: SecretBox, code: string): string[] {
  const typed = normaliseRecoveryCode(code);
  return [...secrets.fingerprints(typed, RECOVERY_CODE), createHash('sha256').update(typed).digest('hex')];
}
