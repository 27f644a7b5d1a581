import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientKind } from './client';
import type { InstallationInfo } from './generate';
import type { LoadResult } from './load';
import type { MachineFacts } from './machine';
import type { BenchDbKind } from './settings';

export type Endpoint = 'list' | 'family' | 'constant';
/**
 * app = the real server over HTTP; floor = bare SQL through the driver, in the benchmark's
 * process; floor-over-http = the same bare SQL behind a bare Fastify route, over the same HTTP
 * hop as the app (PostgreSQL only); http-floor = a bare Fastify route returning a constant.
 */
export type Layer = 'app' | 'floor' | 'floor-over-http' | 'http-floor';

export interface Measurement extends LoadResult {
  endpoint: Endpoint;
  layer: Layer;
  /**
   * CPU time per operation (ms): `bench` = the benchmark process (the driver, for the floor;
   * the HTTP client, for the app); `server` = the app's process; `database` = PostgreSQL's
   * backends (dbcpu.ts). PGlite runs inside the app's (or, for the floor, the benchmark's) process.
   */
  cpuMsPerOp: { bench: number; server?: number; database?: number };
}

export interface Ratio {
  endpoint: Endpoint;
  concurrency: number;
  /** app ÷ floor (bare SQL in the benchmark's process). */
  p50: number;
  p95: number;
  /** app ÷ floor-over-http (the same bare SQL behind a bare HTTP route), where measured. */
  overHttp?: { p50: number; p95: number };
}

export interface Target {
  name: string;
  value: number;
  limit: number;
  met: boolean;
}

export interface BenchResult {
  benchmark: 'families';
  /** full: the committed figures; quick: a short look; smoke: `npm test`'s check that it all still runs. */
  mode: 'full' | 'quick' | 'smoke';
  date: string;
  startedAt: string;
  db: BenchDbKind;
  machine: MachineFacts;
  code: { commit: string; uncommittedSrcFiles: number; uncommittedBenchFiles?: number };
  /** Which cell of each endpoint and concurrency went first (run.ts, `--rotate`). */
  rotation?: number;
  /** The load generator's HTTP client (see client.ts). */
  client: ClientKind;
  /** os.loadavg() (1, 5, 15 min) before and after: other work on the machine skews the numbers. */
  loadAverage: { before: number[]; after: number[] };
  database: { version: string; pglite?: string; poolSize: number };
  installation: InstallationInfo;
  team: { families: number; listRequests: number };
  measurements: Measurement[];
  ratios: Ratio[];
  targets: Target[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** app ÷ floor (and ÷ floor over HTTP, where measured) per endpoint and concurrency, at p50 and p95. */
export function ratiosOf(measurements: Measurement[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const app of measurements.filter((m) => m.layer === 'app')) {
    const find = (layer: Layer) =>
      measurements.find(
        (m) => m.layer === layer && m.endpoint === app.endpoint && m.concurrency === app.concurrency,
      );
    const floor = find('floor');
    const overHttp = find('floor-over-http');
    if (floor)
      ratios.push({
        endpoint: app.endpoint,
        concurrency: app.concurrency,
        p50: round2(app.p50 / floor.p50),
        p95: round2(app.p95 / floor.p95),
        ...(overHttp
          ? { overHttp: { p50: round2(app.p50 / overHttp.p50), p95: round2(app.p95 / overHttp.p95) } }
          : {}),
      });
  }
  return ratios;
}

/**
 * The brief's target for the family list on PostgreSQL at 16 concurrent clients: "p95 under
 * 25 ms, ratio to bare SQL under 1.5". The brief does not say at which percentile the ratio is
 * taken, so both are reported as targets.
 */
export function targetsOf(db: BenchDbKind, measurements: Measurement[], ratios: Ratio[]): Target[] {
  if (db !== 'postgres') return [];
  const app = measurements.find((m) => m.layer === 'app' && m.endpoint === 'list' && m.concurrency === 16);
  const ratio = ratios.find((r) => r.endpoint === 'list' && r.concurrency === 16);
  const targets: Target[] = [];
  if (app)
    targets.push({
      name: 'family list p95 at 16 clients (ms)',
      value: app.p95,
      limit: 25,
      met: app.p95 < 25,
    });
  if (ratio) {
    targets.push({
      name: 'family list app÷floor at 16 clients, p50',
      value: ratio.p50,
      limit: 1.5,
      met: ratio.p50 < 1.5,
    });
    targets.push({
      name: 'family list app÷floor at 16 clients, p95',
      value: ratio.p95,
      limit: 1.5,
      met: ratio.p95 < 1.5,
    });
  }
  // The floor over HTTP is a diagnostic (what the HTTP hop costs), not the brief's floor: its
  // ratios are in the table, not here (decision 0023).
  return targets;
}

const fileBase = (date: string, mode: BenchResult['mode']) =>
  mode === 'full' ? `${date}-families` : `${date}-families-${mode}`;

export async function writeResult(dir: string, result: BenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${fileBase(result.date, result.mode)}-${result.db}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

const ENDPOINT_NAMES: Record<Endpoint, string> = {
  list: 'Family list (POST /api/families/search)',
  family: 'Family page (GET /api/families/:id)',
  constant: 'Bare Fastify route (constant)',
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
/** CPU ms per operation, summed over client, app and database processes, with the parts. */
const cpu = (m: Measurement | undefined) => {
  if (!m?.cpuMsPerOp) return '–';
  const { bench, server, database } = m.cpuMsPerOp;
  const parts = [server, bench, database].filter((x): x is number => x !== undefined);
  const total = parts.reduce((s, x) => s + x, 0);
  return `${total.toFixed(2)} (${parts.map((x) => x.toFixed(2)).join(' + ')})`;
};

function tableFor(result: BenchResult): string[] {
  const lines = [
    '| Endpoint | Clients | App p50 / p95 / p99 (ms) | App req/s | Floor p50 / p95 / p99 (ms) | Floor ops/s | App÷floor p50 | App÷floor p95 | CPU ms/op: app (server + client [+ db]) · floor (driver [+ db]) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const find = (endpoint: Endpoint, layer: Layer, c: number) =>
    result.measurements.find((m) => m.endpoint === endpoint && m.layer === layer && m.concurrency === c);
  const concurrencies = [...new Set(result.measurements.map((m) => m.concurrency))].sort((a, b) => a - b);
  for (const endpoint of ['list', 'family'] as const) {
    for (const c of concurrencies) {
      const app = find(endpoint, 'app', c);
      const floor = find(endpoint, 'floor', c);
      const ratio = result.ratios.find((r) => r.endpoint === endpoint && r.concurrency === c);
      if (!app && !floor) continue;
      lines.push(
        `| ${ENDPOINT_NAMES[endpoint]} | ${c} | ${app ? `${ms(app.p50)} / ${ms(app.p95)} / ${ms(app.p99)}` : '–'} | ${app ? Math.round(app.throughput) : '–'} | ${floor ? `${ms(floor.p50)} / ${ms(floor.p95)} / ${ms(floor.p99)}` : '–'} | ${floor ? Math.round(floor.throughput) : '–'} | ${ratio?.p50.toFixed(2) ?? '–'} | ${ratio?.p95.toFixed(2) ?? '–'} | ${cpu(app)} · ${cpu(floor)} |`,
      );
    }
  }
  for (const c of concurrencies) {
    const bare = find('constant', 'http-floor', c);
    if (bare)
      lines.push(
        `| ${ENDPOINT_NAMES.constant} | ${c} | ${ms(bare.p50)} / ${ms(bare.p95)} / ${ms(bare.p99)} | ${Math.round(bare.throughput)} | | | | | ${cpu(bare)} |`,
      );
  }
  if (result.measurements.some((m) => m.layer === 'floor-over-http')) {
    lines.push(
      '',
      'The same SQL floor behind a bare Fastify route, over the same HTTP hop as the app (bench/server.ts):',
      '',
      "It÷floor is what the HTTP hop alone costs against the brief's floor: no Staircase code runs in it.",
      '',
      '| Endpoint | Clients | Floor over HTTP p50 / p95 / p99 (ms) | ops/s | App÷it p50 | App÷it p95 | It÷floor p50 | It÷floor p95 | CPU ms/op: server + client + db |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const endpoint of ['list', 'family'] as const)
      for (const c of concurrencies) {
        const over = find(endpoint, 'floor-over-http', c);
        const ratio = result.ratios.find((r) => r.endpoint === endpoint && r.concurrency === c)?.overHttp;
        const floor = find(endpoint, 'floor', c);
        const hop = (q: 'p50' | 'p95') => (floor ? (over?.[q] ?? Number.NaN) / floor[q] : Number.NaN);
        if (over)
          lines.push(
            `| ${ENDPOINT_NAMES[endpoint]} | ${c} | ${ms(over.p50)} / ${ms(over.p95)} / ${ms(over.p99)} | ${Math.round(over.throughput)} | ${ratio?.p50.toFixed(2) ?? '–'} | ${ratio?.p95.toFixed(2) ?? '–'} | ${ms(hop('p50'))} | ${ms(hop('p95'))} | ${cpu(over)} |`,
          );
      }
  }
  const errors = result.measurements.filter((m) => m.errors > 0);
  for (const m of errors)
    lines.push('', `Errors: ${m.layer} ${m.endpoint} at ${m.concurrency}: ${m.errors} (${m.firstError})`);
  return lines;
}

/** " plus uncommitted changes in N files under src/ and M under bench/", or nothing. */
function uncommitted(code: BenchResult['code'] | undefined): string {
  const parts = [
    code?.uncommittedSrcFiles ? `${code.uncommittedSrcFiles} files under src/` : '',
    code?.uncommittedBenchFiles ? `${code.uncommittedBenchFiles} files under bench/` : '',
  ].filter(Boolean);
  return parts.length ? ` plus uncommitted changes in ${parts.join(' and ')}` : '';
}

export function renderMarkdown(results: BenchResult[]): string {
  const first = results[0]!;
  const m = first.machine;
  const out = [
    `# Families benchmark — ${first.date}${first.mode === 'full' ? '' : ` (${first.mode})`}`,
    '',
    'Written by `npm run bench` (bench/run.ts); see bench/README.md for what is measured and how to read it.',
    '',
    `- Machine: ${m.cpuModel}, ${m.cpuCount} CPUs, ${m.ramGiB} GiB RAM, ${m.platform}`,
    `- Node ${m.node}; client, server and database share this machine (load over loopback)`,
    `- Code: commit ${first.code?.commit ?? 'unknown'}${uncommitted(first.code)}`,
  ];
  for (const r of results) {
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
    out.push(
      `- ${r.db}: load average (1/5/15 min) ${load(r.loadAverage.before)} before, ${load(r.loadAverage.after)} after; HTTP client ${r.client}${r.rotation !== undefined ? `; cell order rotated by ${r.rotation}` : ''}`,
      `- ${r.db}: ${r.database.version}${r.database.pglite ? ` (@electric-sql/pglite ${r.database.pglite})` : ''}; run started ${r.startedAt}`,
    );
  }
  out.push(
    `- Data: ${first.installation.municipalities} municipalities, ${first.installation.families} families, ${first.installation.persons} persons; the measured team has ${first.team.families} families; ${first.team.listRequests} distinct list requests (search terms × sorts × pages)`,
    '',
  );
  for (const r of results) {
    out.push(`## ${r.db === 'postgres' ? 'PostgreSQL' : 'PGlite'}`, '', ...tableFor(r), '');
    if (r.mode === 'smoke') {
      out.push(
        'A smoke run: a few dozen requests per cell on a toy installation. No target is read from it.',
        '',
      );
    } else if (r.targets.length) {
      out.push('Targets (DESIGN.md §7 / the brief):', '');
      for (const t of r.targets)
        out.push(`- ${t.name}: ${t.value} (limit < ${t.limit}) — ${t.met ? 'met' : 'NOT met'}`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

/** Re-renders the day's markdown from every JSON result of that day and mode (both databases). */
export async function writeMarkdown(dir: string, date: string, mode: BenchResult['mode']): Promise<string> {
  const base = fileBase(date, mode);
  const files = (await readdir(dir)).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.json')).sort();
  const results = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as BenchResult),
  );
  const path = join(dir, `${base}.md`);
  await writeFile(path, renderMarkdown(results.sort((a, b) => a.db.localeCompare(b.db)).reverse()));
  return path;
}
