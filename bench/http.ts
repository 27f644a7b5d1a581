import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HttpClient, Reply } from './client';
import type { ServerPorts } from './server';
import { BENCH_PASSWORD, type BenchDbKind } from './settings';
import type { ListRequest } from './workload';

export interface RunningServer {
  ports: ServerPorts;
  /** The server process's CPU time so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** A full garbage collection in the server, so a cell does not pay for the garbage of the one before. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts bench/server.ts in a child process; `profileDir` turns on V8's CPU profiler there;
 * `suite` names the floor over HTTP it serves (the families list and page, or the team's week).
 */
export function startServer(
  kind: BenchDbKind,
  profileDir?: string,
  suite: 'families' | 'team-week' = 'families',
): Promise<RunningServer> {
  const execArgv = [
    '--import',
    'tsx',
    '--expose-gc',
    // V8 flags for the server under test, to try one against another (e.g. --max-semi-space-size=32).
    ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [kind, suite], { execArgv });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited early (code ${code})`)));
    let cpuWaiter: ((micros: number) => void) | undefined;
    let gcWaiter: (() => void) | undefined;
    child.on('message', (message: { ready?: ServerPorts; cpu?: number; collected?: boolean }) => {
      if (message.cpu !== undefined) cpuWaiter?.(message.cpu);
      if (message.collected) gcWaiter?.();
      if (!message.ready) return;
      resolve({
        ports: message.ready,
        cpuMicros() {
          return new Promise((answer) => {
            cpuWaiter = answer;
            child.send('cpu');
          });
        },
        collectGarbage() {
          return new Promise((answer) => {
            gcWaiter = answer;
            child.send('gc');
          });
        },
        async stop() {
          child.send('stop');
          await exited;
        },
      });
    });
  });
}

/** A signed-in browser: the session cookie and the CSRF token the web app sends with writes. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(client: HttpClient, base: string, username: string): Promise<Session> {
  const login = await client(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username}: ${login.status} ${login.body}`);
  const cookie = login.setCookie
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('staircase_session='));
  if (!cookie) throw new Error(`sign-in of ${username}: no session cookie`);
  const me = await client(`${base}/api/auth/me`, { headers: { cookie } });
  const { csrfToken, stage } = JSON.parse(me.body) as { csrfToken?: string; stage?: string };
  if (me.status !== 200 || !csrfToken || stage !== 'done')
    throw new Error(`sign-in of ${username}: /api/auth/me answered ${me.status} ${me.body.slice(0, 200)}`);
  return { cookie, csrf: csrfToken };
}

function expectOk(reply: Reply): string {
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
  return reply.body;
}

export function searchFamilies(
  client: HttpClient,
  base: string,
  session: Session,
  request: ListRequest,
): Promise<string> {
  return client(`${base}/api/families/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(request),
  }).then(expectOk);
}

export function getFamily(
  client: HttpClient,
  base: string,
  session: Session,
  familyId: string,
): Promise<string> {
  return client(`${base}/api/families/${familyId}`, { headers: { cookie: session.cookie } }).then(expectOk);
}

export function getConstant(client: HttpClient, base: string): Promise<string> {
  return client(`${base}/constant`).then(expectOk);
}

/** The SQL floor over HTTP (server.ts): the floor's list statement behind a bare Fastify route. */
export function floorListOverHttp(
  client: HttpClient,
  bare: string,
  actor: 0 | 1,
  request: ListRequest,
): Promise<string> {
  return client(`${bare}/floor/list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ actor, request }),
  }).then(expectOk);
}

/** The SQL floor over HTTP: the floor's family page statements behind a bare Fastify route. */
export function floorFamilyOverHttp(
  client: HttpClient,
  bare: string,
  actor: 0 | 1,
  familyId: string,
): Promise<string> {
  return client(`${bare}/floor/family/${actor}/${familyId}`).then(expectOk);
}
