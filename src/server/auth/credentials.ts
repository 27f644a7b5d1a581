import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';

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

/** Ten one-time recovery codes; only their hashes are stored (they are random, so SHA-256 suffices). */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export const hashRecoveryCode = (code: string) =>
  createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
