import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app';
import { benchConfig, sessionCookie } from './bench-app';
import { openBenchDb } from './databases';
import { openSqlDriver } from './floor';
import { registerFloorRoutes } from './floor-routes';
import type { BenchDbKind } from './settings';
import { buildWorkload } from './workload';

/**
 * `npx tsx bench/inprocess.ts [postgres|pglite] [--family] [--floor] [--blocks N] [--profile]`: the server's own CPU per
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
const withFloor = process.argv.includes('--floor');
if (withFloor && kind !== 'postgres')
  throw new Error("--floor needs postgres: PGlite's data folder has one owner");
const BLOCK = 150;
/** `--blocks N`: more blocks for a steadier median on a busy machine (default 10). */
const BLOCKS = Number(process.argv[process.argv.indexOf('--blocks') + 1]) || 10;

const db = openBenchDb(kind);
const app = await buildApp({
  db,
  config: benchConfig({ STAIRCASE_CHECK_RESPONSES: process.env.STAIRCASE_CHECK_RESPONSES }),
  logger: false,
});
await app.ready();
const workload = buildWorkload();

const sessions: { cookie: string; csrf: string }[] = [];
for (const actor of workload.actors) {
  const cookie = await sessionCookie(app, actor.username);
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

// `--floor` (PostgreSQL): the floor over HTTP's bare routes (floor-routes.ts) in this process
// too, called the same way, in blocks alternating with the app's: app ÷ floor is then the price
// of Staircase's own layers without HTTP's, on the same machine state.
const floorDriver = withFloor ? openSqlDriver(kind) : undefined;
const bare = floorDriver ? Fastify({ logger: false }) : undefined;
if (bare && floorDriver) {
  registerFloorRoutes(bare, floorDriver);
  await bare.ready();
}

async function floor(i: number) {
  const reply = familyPage
    ? await bare!.inject({
        method: 'GET',
        url: `/floor/family/0/${workload.familyIds[i % workload.familyIds.length]}`,
      })
    : await bare!.inject({
        method: 'POST',
        url: '/floor/list',
        payload: { actor: i % 2, request: workload.listRequests[i % workload.listRequests.length] },
      });
  if (reply.statusCode !== 200) throw new Error(`floor: ${reply.statusCode} ${reply.body.slice(0, 200)}`);
}

for (let i = 0; i < 300; i++) await list(i);
if (bare) for (let i = 0; i < 300; i++) await floor(i);
const inspector = profile ? new Inspector() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  // 50 µs rather than V8's default 1 ms: a request costs well under a millisecond of CPU.
  await inspector.post('Profiler.setSamplingInterval', { interval: 50 });
  await inspector.post('Profiler.start');
}

async function block(call: (i: number) => Promise<void>, first: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) await call(first + i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / BLOCK;
}

const perRequest: number[] = [];
const floorPerRequest: number[] = [];
for (let b = 0; b < BLOCKS; b++) {
  perRequest.push(await block(list, b * BLOCK));
  if (bare) floorPerRequest.push(await block(floor, b * BLOCK));
}
if (inspector) {
  const { profile: cpuProfile } = await inspector.post('Profiler.stop');
  writeFileSync('/tmp/staircase-inprocess.cpuprofile', JSON.stringify(cpuProfile));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const min = (values: number[]) => Math.min(...values);
console.log(
  `${kind}: family ${familyPage ? 'page' : 'list'}, server CPU per request (ms) over ${BLOCKS} blocks of ${BLOCK}: ` +
    `median ${median(perRequest).toFixed(3)}, min ${min(perRequest).toFixed(3)}`,
);
if (bare) {
  // Each app block beside the floor block that followed it: the ratio of the pair, then its median.
  const ratios = perRequest.map((app, b) => app / floorPerRequest[b]!);
  // The gap in µs of the pair, for itemising layers: bypass one, and see how much of it goes.
  const gaps = perRequest.map((app, b) => (app - floorPerRequest[b]!) * 1000);
  console.log(
    `${kind}: floor's bare route, server CPU per request (ms): median ${median(floorPerRequest).toFixed(3)}, ` +
      `min ${min(floorPerRequest).toFixed(3)}; app ÷ floor, median of the ${BLOCKS} pairs ${median(ratios).toFixed(2)}, ` +
      `of the minima ${(min(perRequest) / min(floorPerRequest)).toFixed(2)}`,
  );
  console.log(
    `${kind}: app − floor (µs per request), median of the ${BLOCKS} pairs ${median(gaps).toFixed(0)}`,
  );
  await bare.close();
  await floorDriver?.close();
}
await app.close();
await db.close();
