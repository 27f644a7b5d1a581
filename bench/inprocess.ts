import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openBenchDb } from './databases';
import { BENCH_PASSWORD, type BenchDbKind } from './settings';
import { buildWorkload } from './workload';

/**
 * `npx tsx bench/inprocess.ts [postgres|pglite] [--family] [--profile]`: the server's own CPU per
 * family list request (or, with `--family`, per family page), without HTTP or a load generator — the app is called through Fastify's inject
 * in one process, one request at a time, in blocks whose CPU time (process.cpuUsage) is
 * reported as median and minimum. CPU time is far less disturbed by a busy machine than
 * latency, so this is the number to compare before and after a change to the request path
 * (run both on the same machine state). With PGlite the database runs in this process too.
 * `--profile` writes a V8 CPU profile of the measured blocks to /tmp/staircase-inprocess.cpuprofile
 * (read it with `npx tsx bench/profile.ts /tmp/staircase-inprocess.cpuprofile`).
 * Needs the benchmark's installation (`npx tsx bench/generate.ts`).
 */
const kind = (process.argv[2] ?? 'postgres') as BenchDbKind;
const profile = process.argv.includes('--profile');
const familyPage = process.argv.includes('--family');
const BLOCK = 150;
const BLOCKS = 10;

const db = openBenchDb(kind);
// A key of this run only, as bench/server.ts: the benchmark stores no TOTP secrets worth keeping.
const config = {
  ...loadConfig({ NODE_ENV: 'production', STAIRCASE_CHECK_RESPONSES: process.env.STAIRCASE_CHECK_RESPONSES }),
  webDir: '/nonexistent',
  seedDemo: false,
  secretKeys: [randomBytes(32)],
};
const app = await buildApp({ db, config, logger: false });
await app.ready();
const workload = buildWorkload();

const sessions: { cookie: string; csrf: string }[] = [];
for (const actor of workload.actors) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: actor.username, password: BENCH_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${actor.username}: ${login.statusCode}`);
  const cookie = ([] as string[])
    .concat(login.headers['set-cookie'] as string[])
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('staircase_session='))!;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  sessions.push({ cookie, csrf: me.json().csrfToken as string });
}

async function list(i: number) {
  const session = sessions[i % 2]!;
  const reply = familyPage
    ? await app.inject({
        method: 'GET',
        // The team leader (actor 0) may open every family of the team.
        url: `/api/families/${workload.familyIds[i % workload.familyIds.length]}`,
        headers: { cookie: sessions[0]!.cookie },
      })
    : await app.inject({
        method: 'POST',
        url: '/api/families/search',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: workload.listRequests[i % workload.listRequests.length],
      });
  if (reply.statusCode !== 200) throw new Error(`${reply.statusCode} ${reply.body.slice(0, 200)}`);
}

for (let i = 0; i < 300; i++) await list(i);
const inspector = profile ? new Inspector() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
const perRequest: number[] = [];
for (let block = 0; block < BLOCKS; block++) {
  const before = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) await list(block * BLOCK + i);
  const used = process.cpuUsage(before);
  perRequest.push((used.user + used.system) / 1000 / BLOCK);
}
if (inspector) {
  const { profile: cpuProfile } = await inspector.post('Profiler.stop');
  writeFileSync('/tmp/staircase-inprocess.cpuprofile', JSON.stringify(cpuProfile));
}
perRequest.sort((a, b) => a - b);
console.log(
  `${kind}: family ${familyPage ? 'page' : 'list'}, server CPU per request (ms) over ${BLOCKS} blocks of ${BLOCK}: ` +
    `median ${perRequest[Math.floor(BLOCKS / 2)]!.toFixed(3)}, min ${perRequest[0]!.toFixed(3)}`,
);
await app.close();
await db.close();
