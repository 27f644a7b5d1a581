import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Db, openDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import {
  type GeneratedMunicipality,
  type GenerateOptions,
  generateMunicipality,
} from '../../src/demo/generate';
import { seedMunicipality } from '../../src/demo/seed';
import { buildApp } from '../../src/server/app';
import { hashPassword } from '../../src/server/auth/credentials';
import { type Config, loadConfig } from '../../src/server/config';
import { databaseKinds } from './databases';

export const TEST_PASSWORD = 'correct horse battery staple';
/**
 * The key that seals TOTP secrets in the tests' apps: the same in every test process, as the
 * PostgreSQL test database is shared by them all (as one key is shared by a server's instances).
 */
export const TEST_SECRET_KEY = createHash('sha256').update('staircase tests only').digest();
let passwordHash: Promise<string> | undefined;

export interface Harness {
  kind: 'pglite' | 'postgres';
  db: Db;
  app: FastifyInstance;
  config: Config;
  /** A new municipality (own tenant, own usernames) with a small team and a few families. */
  municipality(
    options?: Partial<GenerateOptions> & { mfaRequired?: boolean },
  ): Promise<GeneratedMunicipality>;
  /** Signs in with password (and TOTP when the account has it) and returns an HTTP client. */
  signIn(username: string, password?: string): Promise<Client>;
}

export interface Client {
  csrf: string;
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'staircase_session');
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return `staircase_session=${cookie.value}`;
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  const send =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
  return {
    csrf,
    cookie,
    get: (url, headers) => send('GET')(url, undefined, headers),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: (url, headers) => send('DELETE')(url, undefined, headers),
  };
}

/** The migrated PGlite data folder made by global-setup.ts, when this run has one. */
function pgliteTemplate(): Blob | undefined {
  const path = inject('pgliteTemplate');
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

export async function openHarness(
  kind: 'pglite' | 'postgres',
  url: string | undefined,
  overrides: Partial<Config> = {},
): Promise<Harness> {
  const template = kind === 'pglite' ? pgliteTemplate() : undefined;
  const db = openDatabase({ url, poolSize: 5, template });
  if (kind === 'pglite' && !template) await migrateToLatest(db);
  // Tests change sessions and accounts behind the server's back (as another server instance or
  // the CLI would), so the session cache is off here; session-cache.test.ts turns it on.
  const config: Config = {
    ...loadConfig({}),
    webDir: '/nonexistent',
    seedDemo: false,
    sessionCacheSeconds: 0,
    secretKeys: [TEST_SECRET_KEY],
    ...overrides,
  };
  const app = await buildApp({ db, config });
  await app.ready();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const harness: Harness = {
    kind,
    db,
    app,
    config,
    async municipality(options = {}) {
      const prefix = `t${randomBytes(4).toString('hex')}_`;
      const data = generateMunicipality({
        seed: options.seed ?? Math.floor(Math.random() * 1e9),
        name: `Test ${prefix}`,
        usernamePrefix: prefix,
        families: options.families ?? 6,
        adults: options.adults ?? 9,
        children: options.children ?? 12,
        today: options.today ?? new Date().toISOString().slice(0, 10),
      });
      await seedMunicipality(db, data, {
        demo: !(options.mfaRequired ?? false),
        passwordHash: await passwordHash!,
      });
      return data;
    },
    async signIn(username, password = TEST_PASSWORD) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
      const cookie = sessionCookie(login);
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      return clientFor(app, cookie, me.json().csrfToken);
    },
  };
  return harness;
}

/**
 * Runs a suite once per database (PGlite, and PostgreSQL when reachable): the same tests by
 * parameter, not by copy.
 */
export function describeEachDatabase(
  title: string,
  suite: (h: () => Harness) => void,
  overrides: Partial<Config> = {},
) {
  for (const { kind, url } of databaseKinds) {
    describe(`${title} [${kind}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await openHarness(kind, url, overrides);
      });
      afterAll(async () => {
        await harness?.app.close();
        await harness?.db.close();
      });
      suite(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      });
    });
  }
}
