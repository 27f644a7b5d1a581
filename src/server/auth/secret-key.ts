import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { newSecretKey, parseSecretKey } from './secret-box';

/** The key file in the data folder, made on first start when no key is set in the environment. */
export const SECRET_KEY_FILE = 'staircase-secret.key';

export class MissingSecretKeyError extends Error {
  override name = 'MissingSecretKeyError';
}

export interface ResolvedKeys {
  keys: Buffer[];
  /** Where the sealing key came from (printed at start, never the key). */
  source: 'environment' | 'key file';
  keyFile?: string;
}

/**
 * The keys that seal secrets at rest (decision 0011):
 * - `STAIRCASE_SECRET_KEY` (and `…_PREVIOUS`) from the environment when set;
 * - otherwise, in production on a PostgreSQL server, none: starting is refused, since a key
 *   generated on one machine would leave every other instance unable to read the secrets;
 * - otherwise (the embedded database, development) a key file in the data folder, made on
 *   first start with mode 0600, so `npm install && npm start` keeps working.
 */
export function resolveSecretKeys(config: Config, env: NodeJS.ProcessEnv = process.env): ResolvedKeys {
  if (config.secretKeys.length) return { keys: config.secretKeys, source: 'environment' };
  if (config.databaseUrl && env.NODE_ENV === 'production') {
    throw new MissingSecretKeyError(
      'STAIRCASE_SECRET_KEY is not set. On a PostgreSQL server in production (DATABASE_URL, NODE_ENV=production) ' +
        'Staircase needs the key that encrypts the stored TOTP secrets: make one with `openssl rand -base64 32`, ' +
        'keep it in your secret store, and set STAIRCASE_SECRET_KEY (see docs/operations.md, "Secret key").',
    );
  }
  const keyFile = join(config.dataDir, SECRET_KEY_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a key another process made a moment ago.
    writeFileSync(keyFile, `${newSecretKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A key file others can read is tightened rather than trusted as it is.
  if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
  return {
    keys: [parseSecretKey(readFileSync(keyFile, 'utf8'), keyFile)],
    source: 'key file',
    keyFile,
  };
}
