import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { LOCK_FILE } from '../../src/db/lock';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { serverUrl } from '../support/databases';
import { freePort } from '../support/ports';

/**
 * The product's front door, `npm start` (= `node bin/staircase.mjs start`), as a new user meets
 * it: a fresh data folder, migrations, the demo municipality, the URL and demo logins printed;
 * sign in as the leader and see the 62 demo families; SIGTERM ends it cleanly; a second start
 * on the same folder does not seed again. With DATABASE_URL (a PostgreSQL server) there is no
 * demo data unless asked for. The e2e project runs after `vite build`, so the first start's
 * own build is exercised with STAIRCASE_WEB_DIR pointing at an empty folder; a port another
 * program holds is refused in one sentence.
 */

/** The operator's environment, without what the test runner adds or a developer may have set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(STAIRCASE_|DATABASE_URL|TEST_DATABASE_URL|NODE_ENV|PORT|HOST|PUBLIC_URL|VITEST)/.test(key)) {
      delete env[key];
    }
  }
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

/** `npm start` that is expected to stop by itself: its exit code and what it wrote to stderr. */
async function startUntilExit(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, ['bin/staircase.mjs', 'start'], {
    cwd: process.cwd(),
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, err };
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Spawns `staircase start`; resolves once it prints the URL and the lines after it. */
async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, ['bin/staircase.mjs', 'start'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${out}`)), 90_000);
    const check = () => {
      // The banner ends with an empty line: wait for all of it (URL, database, logins).
      const match = /Staircase is running at (\S+)\n[\s\S]*?\n\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before printing its URL:\n${out}`));
    });
  });
  return { child, url, output: () => out };
}

/** SIGTERM, then the exit code and signal (within 30 s). */
async function stop(running: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = running;
  if (child.exitCode !== null) return { code: child.exitCode, signal: null };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.kill('SIGTERM');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no exit within 30 s of SIGTERM:\n${running.output()}`)), 30_000),
  );
  return Promise.race([exited, timeout]);
}

/** Signs in over HTTP as a user without a second factor; returns the session cookie and CSRF token. */
async function signIn(url: string, username: string, password: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('staircase_session='))
    ?.split(';')[0];
  return { status: login.status, cookie };
}

async function familyCount(url: string, cookie: string): Promise<number> {
  const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const list = await fetch(`${url}/api/families/search`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ pageSize: 10, status: 'enrolled' }),
  });
  expect(list.status).toBe(200);
  const body = (await list.json()) as { total: number; items: unknown[] };
  expect(body.items).toHaveLength(10);
  return body.total;
}

describe('first start: npm start on a fresh machine', () => {
  const running: Running[] = [];
  const folders: string[] = [];

  afterAll(async () => {
    // A failed assertion must not leave a server behind.
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) await stop(r);
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  it('makes the data folder, seeds the demo, prints the URL and logins, serves the leader the 62 enrolled families, and stops cleanly on SIGTERM; a second start does not seed again', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'staircase-first-start-'));
    folders.push(parent);
    // The folder does not exist yet: the first start makes it.
    const dataDir = join(parent, 'data');

    const port = await freePort();
    const first = await start(cleanEnv({ STAIRCASE_DATA_DIR: dataDir, PORT: String(port) }));
    running.push(first);
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    const banner = first.output();
    expect(banner).toContain(`Database: PGlite (embedded) in ${dataDir}`);
    expect(banner).toContain(`Demo logins (password "${DEMO_PASSWORD}", second factor off in the demo):`);
    const logins = [...banner.matchAll(/^ {2}(\S+) +(team_member|team_leader|analyst|administrator)$/gm)].map(
      (m) => [m[1], m[2]],
    );
    expect(logins).toContainEqual(['leader', 'team_leader']);
    expect(logins).toContainEqual(['admin', 'administrator']);
    expect(logins).toContainEqual(['analyst', 'analyst']);
    expect(logins.filter(([, role]) => role === 'team_member').length).toBeGreaterThanOrEqual(2);

    const leader = await signIn(first.url, 'leader', DEMO_PASSWORD);
    expect(leader.status).toBe(200);
    expect(await familyCount(first.url, leader.cookie!)).toBe(62);
    // The web app is served too.
    const page = await fetch(first.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    expect(await stop(first)).toEqual({ code: 0, signal: null });

    // Second start on the same folder: the data is there, nothing is seeded twice.
    const port2 = await freePort();
    const second = await start(cleanEnv({ STAIRCASE_DATA_DIR: dataDir, PORT: String(port2) }));
    running.push(second);
    expect(second.output()).toContain('Demo logins');
    const again = await signIn(second.url, 'leader', DEMO_PASSWORD);
    expect(again.status).toBe(200);
    expect(await familyCount(second.url, again.cookie!)).toBe(62);
    expect(await stop(second)).toEqual({ code: 0, signal: null });

    // One municipality: read from the folder after both runs.
    const db = openDatabase({ dataDir });
    try {
      const municipalities = await db.kysely.selectFrom('municipality').select(['name', 'demo']).execute();
      expect(municipalities).toEqual([{ name: 'Aarhus Kommune (demo)', demo: true }]);
      const households = await db.kysely
        .selectFrom('household')
        .select((eb) => [
          eb.fn.countAll<string>().filterWhere('status', '<>', 'prospect').as('families'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'prospect').as('prospects'),
        ])
        .executeTakeFirstOrThrow();
      // 62 enrolled and 8 exited in Gellerup, 5 in each of Bispehaven and Hasle.
      expect(Number(households.families)).toBe(80);
      // Outreach's households in Gellerup, not (yet) families: 153 eligible at every step, 40 not.
      expect(Number(households.prospects)).toBe(193);
    } finally {
      await db.close();
    }
  });

  it('builds the web app on first start when it is missing, into STAIRCASE_WEB_DIR, and serves it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'staircase-first-build-'));
    folders.push(parent);
    const webDir = join(parent, 'web');
    const port = await freePort();
    const run = await start(
      cleanEnv({ STAIRCASE_DATA_DIR: join(parent, 'data'), STAIRCASE_WEB_DIR: webDir, PORT: String(port) }),
    );
    running.push(run);
    expect(run.output()).toContain('Building the web app (first start)');
    expect(existsSync(join(webDir, 'index.html'))).toBe(true);
    const page = await fetch(run.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await stop(run)).toEqual({ code: 0, signal: null });
  });

  it('will not build the web app into a folder that holds other things: one sentence, exit code 1, nothing deleted', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'staircase-web-dir-'));
    folders.push(parent);
    await writeFile(join(parent, 'keep.txt'), 'not ours');
    const { code, err } = await startUntilExit({
      STAIRCASE_DATA_DIR: join(parent, 'data'),
      STAIRCASE_WEB_DIR: parent,
    });
    expect(code).toBe(1);
    expect(err.trim()).toMatch(/^STAIRCASE_WEB_DIR \(.+\) has no index\.html but is not empty/);
    expect(existsSync(join(parent, 'keep.txt'))).toBe(true);
  });

  it('refuses a port another program holds in one sentence, exit code 1, and leaves the data folder unlocked', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'staircase-port-taken-'));
    folders.push(parent);
    const dataDir = join(parent, 'data');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, err } = await startUntilExit({ STAIRCASE_DATA_DIR: dataDir, PORT: String(port) });
      expect(code).toBe(1);
      expect(err.trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use by another program. Stop that program, ` +
          `or start Staircase on another port: PORT=${port + 1} npm start`,
      );
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  // Needs a PostgreSQL server (TEST_DATABASE_URL or DATABASE_URL, as the integration tests); CI has one.
  it.skipIf(!serverUrl)(
    'with DATABASE_URL on a fresh PostgreSQL database: migrates, seeds no demo, says how to create the first administrator, and stops cleanly',
    async () => {
      const name = `staircase_first_start_${randomBytes(4).toString('hex')}`;
      const admin = new URL(serverUrl!);
      admin.pathname = '/postgres';
      const target = new URL(serverUrl!);
      target.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`create database "${name}"`);
      try {
        const port = await freePort();
        const parent = await mkdtemp(join(tmpdir(), 'staircase-first-start-pg-'));
        folders.push(parent);
        const server = await start(
          cleanEnv({
            DATABASE_URL: target.toString(),
            PORT: String(port),
            // Were the server to use the embedded database by mistake, it would be here.
            STAIRCASE_DATA_DIR: join(parent, 'data'),
          }),
        );
        running.push(server);
        expect(server.output()).toContain('Database: PostgreSQL server (DATABASE_URL)');
        expect(server.output()).not.toContain('Demo logins');
        expect(server.output()).toContain(
          'No accounts yet. Create the municipality and its first administrator:',
        );
        expect(server.output()).toContain('npx staircase create-user --municipality');
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        expect((await signIn(server.url, 'leader', DEMO_PASSWORD)).status).toBe(401);
        const db = new pg.Client({ connectionString: target.toString() });
        await db.connect();
        try {
          const { rows } = await db.query<{ n: string; migrations: string }>(
            'select (select count(*) from municipality) as n, (select count(*) from kysely_migration) as migrations',
          );
          expect(Number(rows[0]!.n)).toBe(0);
          expect(Number(rows[0]!.migrations)).toBeGreaterThan(0);
        } finally {
          await db.end();
        }
        expect(await stop(server)).toEqual({ code: 0, signal: null });
      } finally {
        await client.query(`drop database if exists "${name}" with (force)`);
        await client.end();
      }
    },
  );
});
