import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MissingSecretKeyError,
  resolveSecretKeys,
  SECRET_KEY_FILE,
} from '../../../src/server/auth/secret-key';
import { loadConfig } from '../../../src/server/config';
import { startServer } from '../../../src/server/main';

const folders: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'staircase-key-'));
  folders.push(dir);
  return join(dir, 'data');
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the secret key', () => {
  it('comes from STAIRCASE_SECRET_KEY when set, and no key file is made', () => {
    const dir = dataDir();
    const key = randomBytes(32);
    const env = {
      STAIRCASE_SECRET_KEY: key.toString('base64'),
      STAIRCASE_DATA_DIR: dir,
      NODE_ENV: 'production',
    };
    const resolved = resolveSecretKeys(loadConfig(env), env);
    expect(resolved.source).toBe('environment');
    expect(resolved.keys[0]!.equals(key)).toBe(true);
    expect(() => statSync(join(dir, SECRET_KEY_FILE))).toThrow();
  });

  it('on the embedded database without one, is made on first start in the data folder (mode 0600) and kept', () => {
    const dir = dataDir();
    const env = { STAIRCASE_DATA_DIR: dir };
    const first = resolveSecretKeys(loadConfig(env), env);
    const file = join(dir, SECRET_KEY_FILE);
    expect(first).toMatchObject({ source: 'key file', keyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.keys[0]!)).toBe(true);
    const second = resolveSecretKeys(loadConfig(env), env);
    expect(second.keys[0]!.equals(first.keys[0]!)).toBe(true);
  });

  it('on the embedded database in production too (the two-command start keeps working)', () => {
    const env = { STAIRCASE_DATA_DIR: dataDir(), NODE_ENV: 'production' };
    expect(resolveSecretKeys(loadConfig(env), env).source).toBe('key file');
  });

  it('tightens a key file others can read to 0600', () => {
    const dir = dataDir();
    const env = { STAIRCASE_DATA_DIR: dir };
    const file = join(dir, SECRET_KEY_FILE);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`);
    chmodSync(file, 0o644);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    resolveSecretKeys(loadConfig(env), env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is refused when missing with DATABASE_URL in production, with a message saying what to set', () => {
    const env = {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      NODE_ENV: 'production',
      STAIRCASE_DATA_DIR: dataDir(),
    };
    expect(() => resolveSecretKeys(loadConfig(env), env)).toThrow(MissingSecretKeyError);
    expect(() => resolveSecretKeys(loadConfig(env), env)).toThrow(
      /STAIRCASE_SECRET_KEY is not set.*openssl rand -base64 32/,
    );
  });

  it('missing with DATABASE_URL in production stops the server before it opens the database', async () => {
    const dir = dataDir();
    const env = {
      // Port 1: were the database opened, the error would be a connection refusal instead.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      NODE_ENV: 'production',
      STAIRCASE_DATA_DIR: dir,
      PORT: '0',
    };
    await expect(startServer(env)).rejects.toThrow(MissingSecretKeyError);
    expect(() => statSync(join(dir, SECRET_KEY_FILE))).toThrow();
  });
});
