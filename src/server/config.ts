import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_POOL_SIZE } from '../db/client';
import { toOrigin } from '../shared/admin/origins.contract';
import { parseSecretKey } from './auth/secret-box';

/** Every setting Staircase reads, from the environment (documented in README.md). */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /**
   * Which proxies' `X-Forwarded-For` to believe: false (none), or their addresses, subnets or
   * proxy-addr's names (`loopback`, `uniquelocal`). The client's address is then the last entry
   * not written by one of them — never simply the leftmost, which the client writes itself.
   */
  trustProxy: false | string[];
  /** Connections this instance keeps to a PostgreSQL server (unused on the embedded database). */
  databasePoolSize: number;
  dataDir: string;
  /** The address users type (`PUBLIC_URL`); its origin is the one unsafe requests may come from. */
  publicUrl: string;
  /**
   * PUBLIC_URL was not set, so `publicUrl` was made from HOST and PORT: then the same port on the
   * loopback twin (localhost / 127.0.0.1 / [::1]) is this server too (http/origins.ts).
   */
  publicUrlIsDefault: boolean;
  /** `ALLOWED_ORIGINS`: further origins the operator trusts for unsafe requests, as origins. */
  allowedOrigins: string[];
  secureCookies: boolean;
  logLevel: string;
  /** Seed the demo municipality on first start when the database is empty (demo accounts have a published password). */
  seedDemo: boolean;
  oidc:
    | { issuer: string; clientId: string; clientSecret: string; redirectUri: string; scope: string }
    | undefined;
  webDir: string;
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  /** How long a signed-in session is trusted without reading the database again (0: never). */
  sessionCacheSeconds: number;
  /**
   * AES-256-GCM keys for secrets at rest (TOTP): `STAIRCASE_SECRET_KEY` first (it seals), then
   * `STAIRCASE_SECRET_KEY_PREVIOUS` (comma-separated; they only open, during a rotation). Empty
   * when unset: `resolveSecretKeys` (auth/secret-key.ts) then uses the data folder's key file,
   * or refuses to start in production on a PostgreSQL server.
   */
  secretKeys: Buffer[];
  /**
   * Check every response against its zod contract before it is written (src/server/http/serializer.ts):
   * on everywhere but production, where a broken contract should fail loudly;
   * `STAIRCASE_CHECK_RESPONSES` overrides.
   */
  checkResponses: boolean;
}

/** A setting with a value Staircase cannot use: a sentence naming the variable, not a silent default. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * A whole number in [min, max] from the environment, or the default when unset. `Number()` alone
 * made "30m" NaN, and a NaN idle timeout compared false with every session's age: none ever idled out.
 */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

/**
 * `TRUST_PROXY`: unset or `false` — no proxy; `true` — a proxy on this machine (the setup of
 * docs/operations.md: HOST=127.0.0.1 behind nginx), i.e. `loopback`; otherwise a comma-separated
 * list of the proxies' addresses or subnets (`10.0.0.2, 10.1.0.0/16`) or proxy-addr's names.
 * Not "trust everything": the leftmost X-Forwarded-For entry is the client's own writing, and a
 * client choosing its address escapes the per-address sign-in limit (security review 2026-12-02).
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function trustProxy(env: NodeJS.ProcessEnv): false | string[] {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return ['loopback'];
  const entries = raw.split(',').map((a) => a.trim());
  const isAddress = (entry: string) => {
    const [address = '', bits, ...rest] = entry.split('/');
    return isIP(address) !== 0 && rest.length === 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
  };
  if (entries.some((a) => !PROXY_NAMES.has(a) && !isAddress(a)))
    throw new ConfigError(
      `TRUST_PROXY must be true, false, or the proxies' addresses (10.0.0.2,10.1.0.0/16), not "${raw}".`,
    );
  return entries;
}

/** `ALLOWED_ORIGINS`: comma-separated origins (`https://staircase.example.dk`), each one checked. */
function allowedOrigins(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const origin = toOrigin(entry);
    if (!origin) {
      throw new ConfigError(
        `ALLOWED_ORIGINS must list origins such as https://staircase.example.dk (scheme, host and port, no path), not "${entry}".`,
      );
    }
    return origin;
  });
}

function publicUrlOf(raw: string): string {
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be an address such as https://staircase.example.dk, not "${raw}".`,
    );
  }
  return raw.replace(/\/$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST ?? '127.0.0.1';
  const port = wholeNumber(env, 'PORT', 3000, 0, 65535);
  const publicUrlIsDefault = !env.PUBLIC_URL?.trim();
  const publicUrl = publicUrlOf(
    publicUrlIsDefault
      ? `http://${host === '0.0.0.0' ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`
      : (env.PUBLIC_URL ?? '').trim(),
  );
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl}/api/auth/oidc/callback`,
          scope: env.OIDC_SCOPE ?? 'openid profile email',
        }
      : undefined;
  return {
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: wholeNumber(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 500),
    trustProxy: trustProxy(env),
    dataDir: resolve(env.STAIRCASE_DATA_DIR ?? 'data'),
    publicUrl,
    publicUrlIsDefault,
    allowedOrigins: allowedOrigins(env),
    secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : publicUrl.startsWith('https:'),
    logLevel: env.LOG_LEVEL ?? 'info',
    // Demo data only where it cannot surprise anyone: the embedded database, outside production.
    seedDemo: env.STAIRCASE_DEMO
      ? env.STAIRCASE_DEMO === 'true'
      : !env.DATABASE_URL && env.NODE_ENV !== 'production',
    oidc,
    webDir: resolve(env.STAIRCASE_WEB_DIR ?? 'dist/web'),
    idleTimeoutMinutes: wholeNumber(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    absoluteTimeoutHours: wholeNumber(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    sessionCacheSeconds: wholeNumber(env, 'STAIRCASE_SESSION_CACHE_SECONDS', 5, 0, 300),
    secretKeys: env.STAIRCASE_SECRET_KEY
      ? [
          parseSecretKey(env.STAIRCASE_SECRET_KEY),
          ...(env.STAIRCASE_SECRET_KEY_PREVIOUS ?? '')
            .split(',')
            .filter((v) => v.trim())
            .map((v) => parseSecretKey(v, 'STAIRCASE_SECRET_KEY_PREVIOUS')),
        ]
      : [],
    checkResponses: env.STAIRCASE_CHECK_RESPONSES
      ? env.STAIRCASE_CHECK_RESPONSES === 'true'
      : env.NODE_ENV !== 'production',
  };
}

/** Another program listens on the port: a sentence for the operator, not a stack trace. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(host: string, port: number) {
    super(
      `Port ${port} on ${host} is already in use by another program. Stop that program, ` +
        `or start Staircase on another port: PORT=${port === 65535 ? 3000 : port + 1} npm start`,
    );
  }
}

/** STAIRCASE_WEB_DIR names a folder with other things in it and no built web app. */
export class WebDirNotEmptyError extends Error {
  override name = 'WebDirNotEmptyError';
  constructor(webDir: string) {
    super(
      `STAIRCASE_WEB_DIR (${webDir}) has no index.html but is not empty, so Staircase will not ` +
        'build the web app into it (the build would empty it). Point it at an empty or new folder, ' +
        'or at a built web app (npm run build makes dist/web).',
    );
  }
}
