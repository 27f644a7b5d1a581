import './team-week-env';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { argOf } from './args';
import { type HttpClient, httpClient } from './client';
import { openBenchDb } from './databases';
import { type BackendCpu, backendCpuBetween, openBackendCpu } from './dbcpu';
import { openSqlDriver, type SqlDriver } from './floor';
import { type RunningServer, type Session, signIn, startServer } from './http';
import { type LoadOptions, type LoadResult, runLoad, settle } from './load';
import { codeVersion, databaseVersion, machineFacts } from './machine';
import { MEASURED_MUNICIPALITY, municipalityOptions, POOL_SIZE, POSTGRES_URL } from './settings';
import { ensureWeekInstallation, type WeekInstallation } from './team-week-data';
import {
  floorWeek,
  loadWeekWorkload,
  NOTES_PAGE_SIZE,
  type WeekEndpoint,
  type WeekWorkload,
} from './team-week-floor';

/**
 * The team's week at national scale (issue 14; bench/README.md "Team week"): "My tasks", "Asked
 * of me" and the family page's tasks and journal, on PostgreSQL, over 1,000,000 tasks and
 * 5,000,000 notes (team-week-data.ts), at 1, 16 and 64 clients — each next to the floor over
 * HTTP (the same hand-written SQL behind a bare route in the server's process, team-week-floor.ts)
 * and the floor in this process, read as DESIGN.md §7 says.
 *
 *   npx tsx bench/team-week.ts [--quick | --smoke] [--out DIR] [--label NAME] [--rotate N] [--profile]
 *
 * Results: <out>/<date>-team-week[-label]-postgres.json and .md (full runs: bench/results/).
 */
type Mode = 'full' | 'quick' | 'smoke';
type Layer = 'app' | 'floor' | 'floor-over-http';
const CONCURRENCIES = [1, 16, 64] as const;
type Concurrency = (typeof CONCURRENCIES)[number];
const ENDPOINTS: WeekEndpoint[] = ['mine', 'asked', 'familyTasks', 'familyNotes'];

/** What each endpoint is, as the report names it. */
const ENDPOINT_NAMES: Record<WeekEndpoint, string> = {
  mine: 'My tasks (GET /api/tasks/mine, pair member)',
  asked: 'Asked of me (GET /api/tasks/asked, specialist)',
  familyTasks: 'Family page: tasks (GET /api/families/:id/tasks, member and specialist in turn)',
  familyNotes: `Family page: journal (GET /api/families/:id/notes?page=1&pageSize=${NOTES_PAGE_SIZE}, member and specialist in turn)`,
};

interface Measurement extends LoadResult {
  endpoint: WeekEndpoint;
  layer: Layer;
  cpuMsPerOp: { bench: number; server?: number; database?: number };
}

const argv = process.argv.slice(2);
const mode: Mode = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
if (mode === 'smoke' && !process.env.BENCH_WEEK_DATABASE_URL)
  throw new Error('--smoke runs at toy size on its own database: use npm run bench:smoke');
const out = argOf(
  '--out',
  mode === 'full' ? new URL('./results', import.meta.url).pathname : '/tmp/staircase-bench-results',
);
const label = argOf('--label', '');
const rotation = Number(argOf('--rotate', '0'));

const PLANS: Record<Mode, Record<Concurrency, { warmup: number; requests: number }>> = {
  smoke: {
    1: { warmup: 2, requests: 20 },
    16: { warmup: 16, requests: 48 },
    64: { warmup: 64, requests: 128 },
  },
  quick: {
    1: { warmup: 20, requests: 100 },
    16: { warmup: 32, requests: 300 },
    64: { warmup: 64, requests: 300 },
  },
  // 36 cells: about 1,000 timed requests at 16 and 64 clients (≥ 10 above the p99), within ~15 minutes.
  full: {
    1: { warmup: 50, requests: 300 },
    16: { warmup: 160, requests: 1000 },
    64: { warmup: 320, requests: 1000 },
  },
};
/** Requests per endpoint, at 16 clients and untimed, before a side's first cell (bench/README.md "Settling in"). */
const SETTLE: Record<Mode, number> = { smoke: 16, quick: 200, full: 400 };
const plan = PLANS[mode];

const log = (line: string) => console.log(line);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Request i of an endpoint: its actor (0 pair member, 1 specialist) and family. */
function requestOf(w: WeekWorkload, endpoint: WeekEndpoint, i: number): { actor: 0 | 1; familyId: string } {
  if (endpoint === 'mine') return { actor: 0, familyId: '-' };
  if (endpoint === 'asked') return { actor: 1, familyId: '-' };
  const actor = (i % 2) as 0 | 1;
  const families = w.families[actor];
  return { actor, familyId: families[Math.floor(i / 2) % families.length]! };
}

function appPath(endpoint: WeekEndpoint, familyId: string): string {
  switch (endpoint) {
    case 'mine':
      return '/api/tasks/mine';
    case 'asked':
      return '/api/tasks/asked';
    case 'familyTasks':
      return `/api/families/${familyId}/tasks`;
    case 'familyNotes':
      return `/api/families/${familyId}/notes?page=1&pageSize=${NOTES_PAGE_SIZE}`;
  }
}

async function get(client: HttpClient, url: string, cookie?: string): Promise<string> {
  const reply = await client(url, cookie ? { headers: { cookie } } : {});
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
  return reply.body;
}

interface Side {
  layer: Layer;
  run(endpoint: WeekEndpoint, i: number): Promise<unknown>;
  server?: RunningServer;
}

async function measure(
  side: Side,
  endpoint: WeekEndpoint,
  concurrency: Concurrency,
  database: BackendCpu | undefined,
): Promise<Measurement> {
  let local = process.cpuUsage();
  let serverStart = 0;
  let serverMicros: number | undefined;
  let dbStart: Map<number, number> | undefined;
  let dbMicros: number | undefined;
  if (side.server) await side.server.collectGarbage();
  const load: LoadOptions = {
    concurrency,
    ...plan[concurrency],
    operation: (i) => side.run(endpoint, i).then(() => undefined),
    beforeTimed: async () => {
      dbStart = await database?.snapshot();
      serverStart = (await side.server?.cpuMicros()) ?? 0;
      local = process.cpuUsage();
    },
    afterTimed: async () => {
      local = process.cpuUsage(local);
      if (side.server) serverMicros = (await side.server.cpuMicros()) - serverStart;
      const dbEnd = await database?.snapshot();
      if (dbStart && dbEnd) dbMicros = backendCpuBetween(dbStart, dbEnd);
    },
  };
  const result = await runLoad(load);
  const perOp = (micros: number) => Math.round((micros / 1000 / load.requests) * 1000) / 1000;
  return {
    endpoint,
    layer: side.layer,
    ...result,
    cpuMsPerOp: {
      bench: perOp(local.user + local.system),
      ...(serverMicros !== undefined ? { server: perOp(serverMicros) } : {}),
      ...(dbMicros !== undefined ? { database: perOp(dbMicros) } : {}),
    },
  };
}

function describe(m: Measurement) {
  const { bench, server, database } = m.cpuMsPerOp;
  return (
    `  ${m.layer.padEnd(15)} ${m.endpoint.padEnd(11)} c=${String(m.concurrency).padEnd(3)} ` +
    `p50 ${m.p50.toFixed(2)}  p95 ${m.p95.toFixed(2)}  p99 ${m.p99.toFixed(2)} ms  ${Math.round(m.throughput)}/s  ` +
    `cpu/op bench ${bench.toFixed(2)}${server !== undefined ? ` server ${server.toFixed(2)}` : ''}` +
    `${database !== undefined ? ` db ${database.toFixed(2)}` : ''} ms${m.errors ? `  ERRORS ${m.errors}: ${m.firstError}` : ''}`
  );
}

/** The ids an answer lists, in order: the app and the floors must show the same rows. */
const idsOf = (body: { items: { id: unknown }[] }) => body.items.map((x) => String(x.id)).join();

/** The app, the floor over HTTP and the floor answer alike: same rows, same order, same totals and readability. */
async function verify(sides: Side[], w: WeekWorkload) {
  const checks: { endpoint: WeekEndpoint; i: number }[] = [
    { endpoint: 'mine', i: 0 },
    { endpoint: 'asked', i: 1 },
    ...[0, 1, 2, 3].flatMap((i) => [
      { endpoint: 'familyTasks' as const, i },
      { endpoint: 'familyNotes' as const, i },
    ]),
  ];
  for (const { endpoint, i } of checks) {
    const answers = await Promise.all(
      sides.map(async (side) => {
        const raw = await side.run(endpoint, i);
        const body = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
          items: { id: unknown; readable?: boolean }[];
          total?: number;
        };
        return `${idsOf(body)} | ${body.items.map((n) => n.readable ?? '').join()} | ${body.total ?? ''}`;
      }),
    );
    const { familyId } = requestOf(w, endpoint, i);
    if (answers.some((a) => a !== answers[0]))
      throw new Error(`${sides.map((s) => s.layer).join(', ')} disagree on ${endpoint} ${familyId}`);
    if (answers[0]!.startsWith(' |')) log(`  note: ${endpoint} request ${i} lists nothing`);
  }
  log(`  ${sides.map((s) => s.layer).join(', ')} agree (${checks.length} answers)`);
}

async function settleIn(side: Side) {
  const started = performance.now();
  for (const endpoint of ENDPOINTS)
    await settle(SETTLE[mode], 16, (i) => side.run(endpoint, i).then(() => undefined));
  log(
    `  ${side.layer} settled in: ${SETTLE[mode]} requests per endpoint at 16 clients, not timed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

function ratiosOf(measurements: Measurement[]) {
  return measurements
    .filter((m) => m.layer === 'app')
    .map((app) => {
      const find = (layer: Layer) =>
        measurements.find(
          (m) => m.layer === layer && m.endpoint === app.endpoint && m.concurrency === app.concurrency,
        )!;
      const overHttp = find('floor-over-http');
      const floor = find('floor');
      return {
        endpoint: app.endpoint,
        concurrency: app.concurrency,
        overHttp: { p50: round2(app.p50 / overHttp.p50), p95: round2(app.p95 / overHttp.p95) },
        floor: { p50: round2(app.p50 / floor.p50), p95: round2(app.p95 / floor.p95) },
      };
    });
}
type Ratio = ReturnType<typeof ratiosOf>[number];

/** The issue's targets at 16 clients: app p95 under 50 ms; app ÷ floor over HTTP within 1.25 at p50 and p95. */
function targetsOf(measurements: Measurement[], ratios: Ratio[]) {
  return ENDPOINTS.flatMap((endpoint) => {
    const app = measurements.find(
      (m) => m.layer === 'app' && m.endpoint === endpoint && m.concurrency === 16,
    )!;
    const over = measurements.find(
      (m) => m.layer === 'floor-over-http' && m.endpoint === endpoint && m.concurrency === 16,
    )!;
    const ratio = ratios.find((r) => r.endpoint === endpoint && r.concurrency === 16)!;
    return [
      {
        name: `${endpoint}: app p95 at 16 clients (ms)`,
        value: app.p95,
        limit: 50,
        met: app.p95 < 50,
        floorOverHttp: over.p95,
      },
      {
        name: `${endpoint}: app ÷ floor over HTTP, p50 at 16`,
        value: ratio.overHttp.p50,
        limit: 1.25,
        met: ratio.overHttp.p50 <= 1.25,
      },
      {
        name: `${endpoint}: app ÷ floor over HTTP, p95 at 16`,
        value: ratio.overHttp.p95,
        limit: 1.25,
        met: ratio.overHttp.p95 <= 1.25,
      },
    ];
  });
}

function markdown(result: {
  startedAt: string;
  mode: Mode;
  label: string;
  machine: ReturnType<typeof machineFacts>;
  code: ReturnType<typeof codeVersion>;
  loadAverage: { before: number[]; after: number[] };
  database: { version: string; poolSize: number };
  installation: WeekInstallation;
  workload: { actors: string[]; memberFamilies: number; specialistFamilies: number };
  measurements: Measurement[];
  ratios: Ratio[];
  targets: ReturnType<typeof targetsOf>;
}) {
  const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const i = result.installation;
  const lines = [
    `# Team week at national scale — PostgreSQL (${result.startedAt}${result.label ? `, ${result.label}` : ''})`,
    '',
    `Mode ${result.mode}. Machine: ${result.machine.cpuModel}, ${result.machine.cpuCount} CPUs, ${result.machine.ramGiB} GiB, ${result.machine.platform}, Node ${result.machine.node}. ` +
      `${result.database.version.split(' on ')[0]}, pool ${result.database.poolSize}. Code ${result.code.commit} ` +
      `(${result.code.uncommittedSrcFiles} src and ${result.code.uncommittedBenchFiles} bench files uncommitted).`,
    '',
    `Load average (1/5/15 min) before ${la(result.loadAverage.before)}, after ${la(result.loadAverage.after)} on ${result.machine.cpuCount} CPUs` +
      `${(result.loadAverage.before[0] ?? 0) > result.machine.cpuCount ? ' — **the machine was shared with other engineers’ test suites: latencies are inflated; ratios and CPU per request are the figures to read**' : ''}.`,
    '',
    `Installation: ${i.counts.families} families, ${i.counts.tasks} tasks, ${i.counts.notes} notes (${i.counts.noteVersions} text versions, ${i.counts.noteTaskLinks} note–task links); ` +
      (i.generated
        ? `generated in this run in ${i.seconds} s (${i.steps.map((s) => `${s.step} ${s.seconds} s`).join('; ')}).`
        : 'reused (generated by an earlier run).'),
    '',
    `Actors: ${result.workload.actors.join('; ')}. The pair member's families: ${result.workload.memberFamilies}; the specialist's (an open task routed to them): ${result.workload.specialistFamilies}.`,
    '',
    '## Targets (16 clients)',
    '',
    '| Target | Value | Limit | Met |',
    '| --- | --- | --- | --- |',
    ...result.targets.map(
      (t) =>
        `| ${t.name} | ${t.value}${'floorOverHttp' in t ? ` (floor over HTTP ${t.floorOverHttp})` : ''} | ${t.limit} | ${t.met ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Measurements',
    '',
    ...ENDPOINTS.flatMap((endpoint) => [
      `### ${ENDPOINT_NAMES[endpoint]}`,
      '',
      '| Layer | Clients | p50 | p95 | p99 | req/s | CPU ms/op: bench / server / db | App ÷ floor over HTTP (p50 / p95) | App ÷ floor (p50 / p95) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...result.measurements
        .filter((m) => m.endpoint === endpoint)
        .sort((a, b) => a.concurrency - b.concurrency || a.layer.localeCompare(b.layer))
        .map((m) => {
          const r = result.ratios.find((x) => x.endpoint === endpoint && x.concurrency === m.concurrency);
          const ratio = m.layer === 'app' && r ? `${r.overHttp.p50} / ${r.overHttp.p95}` : '';
          const floorRatio = m.layer === 'app' && r ? `${r.floor.p50} / ${r.floor.p95}` : '';
          const c = m.cpuMsPerOp;
          return `| ${m.layer} | ${m.concurrency} | ${m.p50} | ${m.p95} | ${m.p99} | ${Math.round(m.throughput)} | ${c.bench} / ${c.server ?? '–'} / ${c.database ?? '–'} | ${ratio} | ${floorRatio} |${m.errors ? ` ERRORS ${m.errors}` : ''}`;
        }),
      '',
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

// ---- The run. ----

const startedAt = new Date();
const loadBefore = os.loadavg();
// The code measured is the code the server starts with, so it is read now, not when the run ends.
const code = codeVersion();
log(`== team week, PostgreSQL (${POSTGRES_URL.replace(/\/\/[^@]*@/, '//')}) ==`);
if ((loadBefore[0] ?? 0) > os.cpus().length)
  log(
    `  warning: load average ${loadBefore[0]?.toFixed(1)} on ${os.cpus().length} CPUs — latencies may be inflated`,
  );
const installation = await ensureWeekInstallation();
const db = openBenchDb('postgres');
const version = await databaseVersion(db);
await db.close();

const prefix = municipalityOptions(MEASURED_MUNICIPALITY).usernamePrefix;
const driver: SqlDriver = openSqlDriver('postgres');
const w = await driver.statement((q) => loadWeekWorkload(q, prefix));
log(
  `  actors: ${w.actors.map((a) => `${a.username} (${a.label})`).join(', ')}; families ${w.families[0].length} and ${w.families[1].length}`,
);
const client = httpClient('undici');
// --profile: V8's CPU profile of the server (app and floor over HTTP share it), read with bench/profile.ts.
const profileDir = argv.includes('--profile') ? '/tmp/staircase-bench-profile/team-week' : undefined;
const server = await startServer('postgres', profileDir, 'team-week');
const database = await openBackendCpu();
const measurements: Measurement[] = [];
try {
  const base = `http://127.0.0.1:${server.ports.app}`;
  const bare = `http://127.0.0.1:${server.ports.bare}`;
  const sessions: Session[] = [
    await signIn(client, base, w.actors[0].username),
    await signIn(client, base, w.actors[1].username),
  ];
  const sides: Side[] = [
    {
      layer: 'floor',
      run: (endpoint, i) => {
        const { actor, familyId } = requestOf(w, endpoint, i);
        return floorWeek(driver, w, endpoint, actor, familyId);
      },
    },
    {
      layer: 'app',
      server,
      run: (endpoint, i) => {
        const { actor, familyId } = requestOf(w, endpoint, i);
        return get(client, base + appPath(endpoint, familyId), sessions[actor]!.cookie);
      },
    },
    {
      layer: 'floor-over-http',
      server,
      run: (endpoint, i) => {
        const { actor, familyId } = requestOf(w, endpoint, i);
        return get(client, `${bare}/floor/week/${endpoint}/${actor}/${familyId}`);
      },
    },
  ];
  await verify(sides, w);
  for (const side of sides) await settleIn(side);
  // Each endpoint's three cells take turns going first (as run.ts's measureCells).
  for (const [n, c] of CONCURRENCIES.entries()) {
    for (const endpoint of ENDPOINTS) {
      const shift = (rotation + n) % sides.length;
      for (const side of [...sides.slice(shift), ...sides.slice(0, shift)]) {
        const m = await measure(side, endpoint, c, database);
        log(describe(m));
        measurements.push(m);
      }
    }
  }
} finally {
  await database.close();
  await server.stop();
  await driver.close();
}

const ratios = ratiosOf(measurements);
const targets = targetsOf(measurements, ratios);
const result = {
  benchmark: 'team-week',
  mode,
  label,
  date: startedAt.toISOString().slice(0, 10),
  startedAt: startedAt.toISOString(),
  machine: machineFacts(),
  code,
  rotation,
  client: 'undici',
  loadAverage: { before: loadBefore, after: os.loadavg() },
  database: { version, poolSize: POOL_SIZE },
  installation,
  workload: {
    actors: w.actors.map((a) => `${a.username} (${a.label})`),
    memberFamilies: w.families[0].length,
    specialistFamilies: w.families[1].length,
  },
  measurements,
  ratios,
  targets,
};
await mkdir(out, { recursive: true });
const name = `${result.date}-team-week${label ? `-${label}` : ''}-postgres`;
await writeFile(join(out, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
await writeFile(join(out, `${name}.md`), markdown(result));
log(`  wrote ${join(out, `${name}.json`)} and .md`);
if (mode !== 'smoke')
  for (const t of targets) log(`  target ${t.name}: ${t.value} vs ${t.limit}: ${t.met ? 'met' : 'NOT met'}`);
const failed = measurements.reduce((sum, m) => sum + m.errors, 0);
if (failed > 0) {
  log(`${failed} requests failed (see ERRORS above)`);
  process.exitCode = 1;
}
