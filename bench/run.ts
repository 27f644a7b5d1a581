import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { type ClientKind, type HttpClient, httpClient } from './client';
import { openBenchDb } from './databases';
import { type BackendCpu, backendCpuBetween, openBackendCpu } from './dbcpu';
import { floorFamily, floorList, openSqlDriver } from './floor';
import { ensureInstallation } from './generate';
import {
  floorFamilyOverHttp,
  floorListOverHttp,
  getConstant,
  getFamily,
  type RunningServer,
  type Session,
  searchFamilies,
  signIn,
  startServer,
} from './http';
import { type LoadOptions, runLoad, settle } from './load';
import { codeVersion, databaseVersion, machineFacts, pgliteVersion } from './machine';
import {
  type BenchResult,
  type Endpoint,
  type Layer,
  type Measurement,
  ratiosOf,
  targetsOf,
  writeMarkdown,
  writeResult,
} from './report';
import { type BenchDbKind, POOL_SIZE } from './settings';
import { buildWorkload, type ListRequest, type Workload } from './workload';

/**
 * `npm run bench -- [--db pglite|postgres|both] [--quick | --smoke] [--out DIR] [--profile] [--client undici|http|fetch] [--rotate N]`
 * For each database: make sure the installation exists, measure the floor (bare SQL), then
 * the app over HTTP and the bare Fastify route, and write bench/results/<date>-families*.
 */
type Mode = BenchResult['mode'];

interface Options {
  kinds: BenchDbKind[];
  mode: Mode;
  out: string;
  profileDir: string | undefined;
  client: ClientKind;
  /** Which cell of an endpoint goes first at the first concurrency (see measureCells). */
  rotation: number;
}

function clientKind(value: string): ClientKind {
  if (value !== 'undici' && value !== 'http' && value !== 'fetch')
    throw new Error('--client must be undici, http or fetch');
  return value;
}

function rotationOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error('--rotate must be a whole number ≥ 0');
  return n;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = value('--db') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error(`--db must be pglite, postgres or both`);
  const mode: Mode = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
  // A smoke run on the full installation's database would rebuild it at toy size.
  if (mode === 'smoke' && !process.env.BENCH_MUNICIPALITIES)
    throw new Error('--smoke runs at toy size on its own database: use npm run bench:smoke');
  return {
    kinds: db === 'both' ? ['postgres', 'pglite'] : [db as BenchDbKind],
    mode,
    // Quick and smoke runs stay out of the committed results unless asked.
    out:
      value('--out') ??
      (mode === 'full' ? new URL('./results', import.meta.url).pathname : '/tmp/staircase-bench-results'),
    profileDir: argv.includes('--profile') ? '/tmp/staircase-bench-profile' : undefined,
    client: clientKind(value('--client') ?? 'undici'),
    rotation: rotationOf(value('--rotate') ?? '0'),
  };
}

const CONCURRENCIES = [1, 16, 64] as const;
type Plan = Record<(typeof CONCURRENCIES)[number], { warmup: number; requests: number }>;

/** Enough requests for a stable p99 (≥ 20 samples above it at 16 and 64), within ~15 minutes in all. */
function planFor(kind: BenchDbKind, mode: Mode): Plan {
  // Every cell runs, each a few dozen requests: enough to show that it works, not what it costs.
  if (mode === 'smoke')
    return {
      1: { warmup: 2, requests: 20 },
      16: { warmup: 16, requests: 48 },
      64: { warmup: 64, requests: 128 },
    };
  if (mode === 'quick')
    return kind === 'postgres'
      ? {
          1: { warmup: 20, requests: 100 },
          16: { warmup: 32, requests: 200 },
          64: { warmup: 64, requests: 200 },
        }
      : {
          1: { warmup: 5, requests: 50 },
          16: { warmup: 16, requests: 100 },
          64: { warmup: 64, requests: 128 },
        };
  if (kind === 'postgres')
    return {
      1: { warmup: 200, requests: 1000 },
      16: { warmup: 400, requests: 3000 },
      64: { warmup: 640, requests: 3000 },
    };
  // PGlite has one connection: throughput is a few dozen to a hundred per second, so fewer.
  return {
    1: { warmup: 50, requests: 500 },
    16: { warmup: 100, requests: 1000 },
    64: { warmup: 256, requests: 1000 },
  };
}

/**
 * Before the first cell, the app and the floor each serve this many list and family requests
 * (16 clients, timings dropped), so that both are measured as a server that has been running
 * a while: V8 has compiled the hot code, and each pooled connection has prepared its statements
 * and PostgreSQL has settled on their plans (decision 0010). Measured on 2026-12-02, the first
 * 1,500 list requests of a fresh server had p50 19 ms, and it took about 6,000 for p50 to stop
 * falling — for the floor as for the app (bench/README.md).
 */
function settleCount(kind: BenchDbKind, mode: Mode): number {
  if (mode === 'smoke') return 32;
  if (mode === 'quick') return kind === 'postgres' ? 500 : 100;
  return kind === 'postgres' ? 6000 : 600;
}

const log = (line: string) => console.log(line);

function describe(m: Measurement) {
  const { bench, server, database } = m.cpuMsPerOp;
  const cpu = `cpu/op bench ${bench.toFixed(2)}${server !== undefined ? ` server ${server.toFixed(2)}` : ''}${database !== undefined ? ` db ${database.toFixed(2)}` : ''} ms`;
  return (
    `  ${m.layer.padEnd(15)} ${m.endpoint.padEnd(8)} c=${String(m.concurrency).padEnd(3)} ` +
    `p50 ${m.p50.toFixed(2)}  p95 ${m.p95.toFixed(2)}  p99 ${m.p99.toFixed(2)} ms  ` +
    `${Math.round(m.throughput)}/s  ${cpu}${m.errors ? `  ERRORS ${m.errors}: ${m.firstError}` : ''}`
  );
}

/** Request i: actor i % 2 (leader, pair member) with the (i / 2)th parameters, round the fixed lists. */
const pick = <T>(list: T[], i: number) => list[Math.floor(i / 2) % list.length] as T;

/**
 * One measurement, with the CPU time it cost per operation: in this process (the driver for
 * the floor; the HTTP client for the app) and in the server process. CPU time, unlike
 * latency, is not inflated by waiting for a core, so it still compares on a busy machine.
 */
async function measure(
  endpoint: Endpoint,
  layer: Layer,
  load: LoadOptions,
  probes: { server?: RunningServer | undefined; database?: BackendCpu | undefined },
): Promise<Measurement> {
  let local = process.cpuUsage();
  let serverStart = 0;
  let serverMicros: number | undefined;
  let dbStart: Map<number, number> | undefined;
  let dbMicros: number | undefined;
  const result = await runLoad({
    ...load,
    beforeTimed: async () => {
      dbStart = await probes.database?.snapshot();
      serverStart = (await probes.server?.cpuMicros()) ?? 0;
      local = process.cpuUsage();
    },
    afterTimed: async () => {
      local = process.cpuUsage(local);
      if (probes.server) serverMicros = (await probes.server.cpuMicros()) - serverStart;
      const dbEnd = await probes.database?.snapshot();
      if (dbStart && dbEnd) dbMicros = backendCpuBetween(dbStart, dbEnd);
    },
  });
  const perOp = (micros: number) => Math.round((micros / 1000 / load.requests) * 1000) / 1000;
  return {
    endpoint,
    layer,
    ...result,
    cpuMsPerOp: {
      bench: perOp(local.user + local.system),
      ...(serverMicros !== undefined ? { server: perOp(serverMicros) } : {}),
      ...(dbMicros !== undefined ? { database: perOp(dbMicros) } : {}),
    },
  };
}

/** The settling-in of one server: list and family requests in turn, as in the cells that follow. */
async function settleIn(operations: Record<'list' | 'family', (i: number) => Promise<void>>, count: number) {
  const started = performance.now();
  await settle(count, 16, operations.list);
  await settle(Math.round(count / 2), 16, operations.family);
  log(
    `  settled in: ${count} list and ${Math.round(count / 2)} family requests at 16 clients, not timed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

/**
 * One side of the comparison, ready to measure: it has settled in, and each call of `cell`
 * measures one endpoint at one concurrency.
 */
interface Cell {
  endpoint: Endpoint;
  layer: Layer;
}

interface Side {
  cells: Cell[];
  cell(cell: Cell, concurrency: (typeof CONCURRENCIES)[number]): Promise<Measurement>;
  close(): Promise<void>;
}

/** The floor: the same statements through the bare driver, in this process. */
async function openFloor(
  kind: BenchDbKind,
  mode: Mode,
  w: Workload,
  plan: Plan,
  database: BackendCpu | undefined,
): Promise<Side> {
  const driver = openSqlDriver(kind);
  const operations: Partial<Record<Endpoint, (i: number) => Promise<void>>> = {
    list: (i) => floorList(driver, w.actors[i % 2]!, pick(w.listRequests, i)).then(() => undefined),
    family: (i) => floorFamily(driver, w.actors[i % 2]!, pick(w.familyIds, i)).then(() => undefined),
  };
  try {
    await settleIn(
      operations as Record<'list' | 'family', (i: number) => Promise<void>>,
      settleCount(kind, mode),
    );
  } catch (error) {
    await driver.close();
    throw error;
  }
  return {
    cells: [
      { endpoint: 'list', layer: 'floor' },
      { endpoint: 'family', layer: 'floor' },
    ],
    cell: ({ endpoint }, c) =>
      measure(
        endpoint,
        'floor',
        { concurrency: c, ...plan[c], operation: operations[endpoint]! },
        { database },
      ),
    close: () => driver.close(),
  };
}

/**
 * The app and the floor must do the same work: the same page, the same total, the same members.
 * Reads the floor's answers now (before the server opens the database: PGlite has one owner)
 * and returns the check to run against the app.
 */
async function floorAnswers(kind: BenchDbKind, w: Workload) {
  const requests = w.listRequests.slice(0, 12);
  const families = w.familyIds.slice(0, 4);
  const driver = openSqlDriver(kind);
  const lists: { ids: string; total: number }[] = [];
  const members: number[] = [];
  try {
    for (const request of requests) {
      const { rows, total } = await floorList(driver, w.actors[0], request);
      lists.push({ ids: rows.map((r) => String(r.id)).join(), total });
    }
    for (const id of families) members.push((await floorFamily(driver, w.actors[1], id)).members.length);
  } finally {
    await driver.close();
  }
  type Page = { items: { id: string }[]; total: number };
  const checkList = (who: string, request: ListRequest, body: Page, n: number) => {
    const want = lists[n]!;
    const ids = body.items.map((x) => x.id).join();
    if (body.total !== want.total || ids !== want.ids)
      throw new Error(
        `${who} and floor disagree on ${JSON.stringify(request)}: ` +
          (body.total !== want.total
            ? `total ${body.total} vs ${want.total}`
            : `the page's families differ (${body.items.length} vs ${want.ids ? want.ids.split(',').length : 0})`),
      );
  };
  return async (client: HttpClient, base: string, bare: string | undefined, sessions: Session[]) => {
    for (const [n, request] of requests.entries()) {
      checkList('app', request, JSON.parse(await searchFamilies(client, base, sessions[0]!, request)), n);
      if (bare)
        checkList(
          'floor over HTTP',
          request,
          JSON.parse(await floorListOverHttp(client, bare, 0, request)),
          n,
        );
    }
    for (const [n, id] of families.entries()) {
      const body = JSON.parse(await getFamily(client, base, sessions[1]!, id)) as { members: unknown[] };
      if (body.members.length !== members[n]) throw new Error(`app and floor disagree on family ${id}`);
      if (bare) {
        const over = JSON.parse(await floorFamilyOverHttp(client, bare, 1, id)) as { members: unknown[] };
        if (over.members.length !== members[n])
          throw new Error(`floor over HTTP and floor disagree on family ${id}`);
      }
    }
    log(
      `  app${bare ? ', floor over HTTP' : ''} and floor agree (${requests.length} list pages, ${families.length} family pages)`,
    );
  };
}

/** The app over HTTP in its own process (server.ts), and beside it the bare Fastify route. */
async function openApp(
  kind: BenchDbKind,
  w: Workload,
  plan: Plan,
  options: Options,
  verify: (client: HttpClient, base: string, bare: string | undefined, sessions: Session[]) => Promise<void>,
  database: BackendCpu | undefined,
): Promise<Side> {
  const client = httpClient(options.client);
  const server = await startServer(kind, options.profileDir ? join(options.profileDir, kind) : undefined);
  try {
    const base = `http://127.0.0.1:${server.ports.app}`;
    const bare = `http://127.0.0.1:${server.ports.bare}`;
    const sessions = [
      await signIn(client, base, w.actors[0].username),
      await signIn(client, base, w.actors[1].username),
    ];
    // The SQL floor over HTTP lives beside the bare route on PostgreSQL only (server.ts).
    const overHttp = kind === 'postgres';
    await verify(client, base, overHttp ? bare : undefined, sessions);
    const operations: Record<Endpoint, (i: number) => Promise<void>> = {
      list: (i) =>
        searchFamilies(client, base, sessions[i % 2]!, pick(w.listRequests, i)).then(() => undefined),
      family: (i) => getFamily(client, base, sessions[i % 2]!, pick(w.familyIds, i)).then(() => undefined),
      constant: () => getConstant(client, bare).then(() => undefined),
    };
    const floorOperations: Record<'list' | 'family', (i: number) => Promise<void>> = {
      list: (i) =>
        floorListOverHttp(client, bare, (i % 2) as 0 | 1, pick(w.listRequests, i)).then(() => undefined),
      family: (i) =>
        floorFamilyOverHttp(client, bare, (i % 2) as 0 | 1, pick(w.familyIds, i)).then(() => undefined),
    };
    await settleIn(operations, settleCount(kind, options.mode));
    if (overHttp) await settleIn(floorOperations, settleCount(kind, options.mode));
    const operationOf = ({ endpoint, layer }: Cell) =>
      layer === 'floor-over-http' && endpoint !== 'constant'
        ? floorOperations[endpoint]
        : operations[endpoint];
    return {
      cells: [
        { endpoint: 'list', layer: 'app' },
        ...(overHttp ? [{ endpoint: 'list', layer: 'floor-over-http' } as const] : []),
        { endpoint: 'family', layer: 'app' },
        ...(overHttp ? [{ endpoint: 'family', layer: 'floor-over-http' } as const] : []),
        { endpoint: 'constant', layer: 'http-floor' },
      ],
      // The app and the floor over HTTP share the server's heap: each cell starts collected.
      cell: async (cell, c) => {
        await server.collectGarbage();
        return measure(
          cell.endpoint,
          cell.layer,
          { concurrency: c, ...plan[c], operation: operationOf(cell) },
          { server, database },
        );
      },
      close: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Every cell of the sides, concurrency by concurrency and endpoint by endpoint. An endpoint's
 * cells (floor, app, floor over HTTP) take turns going first: at the n-th concurrency their
 * order is rotated by `rotation + n`, so within a run each layer leads at a different
 * concurrency, and runs with --rotate 0, 1 and 2 put each layer first, second and third at
 * every concurrency — a cell's position (the state the one before left) does not always fall
 * on the same layer.
 */
async function measureCells(sides: Side[], rotation: number, out: Measurement[]) {
  for (const [n, c] of CONCURRENCIES.entries()) {
    const endpoints = [...new Set(sides.flatMap((side) => side.cells.map((cell) => cell.endpoint)))];
    for (const endpoint of endpoints) {
      const cells = sides.flatMap((side) =>
        side.cells.filter((cell) => cell.endpoint === endpoint).map((cell) => ({ side, cell })),
      );
      const shift = (rotation + n) % cells.length;
      for (const { side, cell } of [...cells.slice(shift), ...cells.slice(0, shift)]) {
        const m = await side.cell(cell, c);
        log(describe(m));
        out.push(m);
      }
    }
  }
}

async function benchDatabase(kind: BenchDbKind, options: Options, startedAt: Date): Promise<BenchResult> {
  log(`\n== ${kind} ==`);
  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > os.cpus().length)
    log(
      `  warning: load average ${loadBefore[0]?.toFixed(1)} on ${os.cpus().length} CPUs (this run's previous phase counts too) — latencies may be inflated`,
    );
  const installation = await ensureInstallation(kind, { log });
  const db = openBenchDb(kind);
  const version = await databaseVersion(db);
  await db.close();
  const w = buildWorkload();
  const plan = planFor(kind, options.mode);
  const measurements: Measurement[] = [];
  // PostgreSQL's backends are separate processes: their CPU is read from /proc.
  const database = kind === 'postgres' ? await openBackendCpu() : undefined;
  try {
    if (kind === 'postgres') {
      // Floor and app cells in turn, so that both meet the same machine and the same database
      // (its audit table grows with every request of either).
      const verify = await floorAnswers(kind, w);
      log(
        '  floor (bare SQL through the driver), app (over HTTP) and floor over HTTP (bare SQL behind a bare route), cell by cell:',
      );
      const floor = await openFloor(kind, options.mode, w, plan, database);
      try {
        const app = await openApp(kind, w, plan, options, verify, database);
        try {
          await measureCells([floor, app], options.rotation, measurements);
        } finally {
          await app.close();
        }
      } finally {
        await floor.close();
      }
    } else {
      // PGlite's data folder has one owner at a time: the floor's client, then the app's server.
      log('  floor (bare SQL through the driver):');
      const floor = await openFloor(kind, options.mode, w, plan, database);
      try {
        await measureCells([floor], options.rotation, measurements);
      } finally {
        await floor.close();
      }
      const verify = await floorAnswers(kind, w);
      log('  app over HTTP, and the bare Fastify route:');
      const app = await openApp(kind, w, plan, options, verify, database);
      try {
        await measureCells([app], options.rotation, measurements);
      } finally {
        await app.close();
      }
    }
  } finally {
    await database?.close();
  }
  const ratios = ratiosOf(measurements);
  return {
    benchmark: 'families',
    mode: options.mode,
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    db: kind,
    machine: machineFacts(),
    code: codeVersion(),
    client: options.client,
    rotation: options.rotation,
    loadAverage: { before: loadBefore, after: os.loadavg() },
    database: { version, ...(kind === 'pglite' ? { pglite: pgliteVersion() } : {}), poolSize: POOL_SIZE },
    installation,
    team: { families: w.familyIds.length, listRequests: w.listRequests.length },
    measurements,
    ratios,
    targets: targetsOf(kind, measurements, ratios),
  };
}

const options = parseArgs(process.argv.slice(2));
const startedAt = new Date();
const runStart = performance.now();
await mkdir(options.out, { recursive: true });
let failedRequests = 0;
for (const kind of options.kinds) {
  const result = await benchDatabase(kind, options, startedAt);
  log(`  wrote ${await writeResult(options.out, result)}`);
  failedRequests += result.measurements.reduce((sum, m) => sum + m.errors, 0);
  // A smoke run's timings are a few dozen requests on a small installation: no target to read.
  if (options.mode !== 'smoke')
    for (const t of result.targets)
      log(`  target ${t.name}: ${t.value} < ${t.limit}? ${t.met ? 'met' : 'NOT met'}`);
}
log(`\nwrote ${await writeMarkdown(options.out, startedAt.toISOString().slice(0, 10), options.mode)}`);
log(`total ${((performance.now() - runStart) / 1000).toFixed(0)} s`);
// The smoke run is `npm test`'s: a request that failed under load fails it (a full run reports them).
if (options.mode === 'smoke' && failedRequests > 0) {
  log(`smoke run: ${failedRequests} requests failed (see ERRORS above)`);
  process.exitCode = 1;
}
