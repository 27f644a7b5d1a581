/**
 * `npx tsx bench/list-audit.ts [--rounds N] [--seconds S] [--clients C] [--out DIR]`: what the
 * family list's audit costs the database, before and after decision 0022 (one audit row per
 * list instead of one per family shown), on PostgreSQL, measured side by side.
 *
 * The floor's own list statement (bench/floor.ts `listSql`: page, names, pair, total, and the
 * audit CTE) for four requests of the workload (a browse, a sort by date, two searches), in
 * three variants: **one row** naming the page's families (the code now), **a row per family**
 * (the code before 0022: the same CTE writing one row per family shown), and **no audit** (the
 * statement alone — what the audit adds is the difference). Each variant is run by pgbench
 * (PostgreSQL's own load generator: `-M prepared`, C clients, S seconds), the variants taking
 * turns round by round, so a host that slows down meanwhile slows all three alike; on a shared
 * 2-CPU machine, absolute figures move from hour to hour, the ratios far less.
 *
 * Reported per variant and round: statements a second, p50 / p95 latency (from pgbench's
 * per-transaction log). Also, for the variants that audit, what the backends waited on,
 * sampled from pg_stat_activity every 100 ms during a round. Writes
 * <out>/<date>-list-audit.md and .json. Needs `pgbench` (Debian's postgresql package).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { argOf } from './args';
import { listSql } from './floor';
import { ensureInstallation } from './generate';
import { codeVersion, machineFacts } from './machine';
import { POSTGRES_URL } from './settings';
import { buildWorkload, type ListRequest } from './workload';

const run = promisify(execFile);
const ROUNDS = Number(argOf('--rounds', '3'));
const SECONDS = Number(argOf('--seconds', '10'));
const CLIENTS = Number(argOf('--clients', '16'));
const OUT = argOf('--out', 'bench/results');

const PGBENCH = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench'].find((p) => existsSync(p));
if (!PGBENCH) throw new Error('pgbench not found: install Debian’s postgresql package');

const requests: ListRequest[] = [
  { sort: 'reference', dir: 'asc', page: 3, pageSize: 25 },
  { sort: 'updatedAt', dir: 'desc', page: 1, pageSize: 25 },
  { q: 'khan', sort: 'name', dir: 'asc', page: 1, pageSize: 25 },
  { q: 'e', sort: 'memberCount', dir: 'desc', page: 1, pageSize: 25 },
];

/** A statement with its parameters written in as literals: pgbench sends scripts as text. */
function inline(text: string, params: unknown[]): string {
  const literal = (v: unknown) =>
    Array.isArray(v)
      ? `'{${v.join(',')}}'`
      : typeof v === 'number'
        ? String(v)
        : `'${String(v).replaceAll("'", "''")}'`;
  let sql = text;
  // From the highest number down, so $1 does not match the start of $10.
  for (let i = params.length; i >= 1; i--) sql = sql.replaceAll(`$${i}`, literal(params[i - 1]));
  return `${sql.replace(/\s+/g, ' ').trim()};\n`;
}

/** The audit CTE as it was before decision 0022: a row per family shown. */
const ROW_PER_FAMILY = `shown as (
      insert into audit_event
        (municipality_id, actor_id, actor_role, action, entity, entity_id, household_id, fields, purpose)
      select municipality_id, $3::uuid, $4::text, 'list', 'household', id, id, $5::text[], 'case_work'
      from page
    )`;
const SHOWN = /shown as \(\s*insert into audit_event[\s\S]*?from page\s*\)/;

type Variant = 'one row' | 'row per family' | 'no audit';
const VARIANTS: Variant[] = ['one row', 'row per family', 'no audit'];

function script(
  variant: Variant,
  request: ListRequest,
  actor: ReturnType<typeof buildWorkload>['actors'][0],
) {
  const { text, params } = listSql(request, actor);
  if (!SHOWN.test(text)) throw new Error('listSql has no audit CTE to vary');
  const varied =
    variant === 'one row'
      ? text
      : variant === 'row per family'
        ? text.replace(SHOWN, ROW_PER_FAMILY)
        : text.replace(new RegExp(`,\\s*${SHOWN.source}`), '');
  return inline(varied, params);
}

interface Round {
  variant: Variant;
  round: number;
  tps: number;
  p50: number;
  p95: number;
  waits: Record<string, number>;
}

const nearestRank = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function pgbench(
  dir: string,
  files: string[],
  url: URL,
): Promise<{ tps: number; p50: number; p95: number }> {
  const logDir = await mkdtemp(join(dir, 'log-'));
  const { stdout } = await run(
    PGBENCH!,
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username || 'postgres'),
      '-n',
      '-M',
      'prepared',
      '-c',
      String(CLIENTS),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-l',
      '--log-prefix',
      join(logDir, 'tx'),
      ...files.flatMap((f) => ['-f', f]),
      url.pathname.slice(1),
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  // Each log line: client, transaction, latency (µs), script, epoch, µs.
  const latencies: number[] = [];
  for (const name of await readdir(logDir)) {
    for (const line of (await readFile(join(logDir, name), 'utf8')).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  await rm(logDir, { recursive: true });
  const r = (v: number) => Math.round(v * 100) / 100;
  return { tps: Math.round(tps), p50: r(nearestRank(latencies, 0.5)), p95: r(nearestRank(latencies, 0.95)) };
}

/** What the benchmark's backends waited on while `work` ran, sampled every 100 ms. */
async function sampleWaits<T>(work: Promise<T>): Promise<[T, Record<string, number>]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  const waits: Record<string, number> = {};
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const { rows } = await client.query<{ wait: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait
           from pg_stat_activity where application_name = 'pgbench' and state = 'active'`,
      );
      for (const { wait } of rows) waits[wait] = (waits[wait] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    const result = await work;
    return [result, waits];
  } finally {
    done = true;
    await sampling;
    await client.end();
  }
}

await ensureInstallation('postgres');
const workload = buildWorkload();
const dir = await mkdtemp(join(tmpdir(), 'staircase-list-audit-'));
const url = new URL(POSTGRES_URL);
const files = new Map<Variant, string[]>();
for (const variant of VARIANTS) {
  const names: string[] = [];
  for (const [i, request] of requests.entries()) {
    const name = join(dir, `${variant.replaceAll(' ', '-')}-${i}.sql`);
    await writeFile(name, script(variant, request, workload.actors[i % 2]!));
    names.push(name);
  }
  files.set(variant, names);
}

const rounds: Round[] = [];
const started = new Date();
// One untimed round each first: prepared statements, caches, the audit table's last pages.
for (const variant of VARIANTS) await pgbench(dir, files.get(variant)!, url);
for (let round = 1; round <= ROUNDS; round++) {
  for (const variant of VARIANTS) {
    const [result, waits] = await sampleWaits(pgbench(dir, files.get(variant)!, url));
    rounds.push({ variant, round, ...result, waits });
    console.log(
      `  round ${round}  ${variant.padEnd(15)} ${String(result.tps).padStart(6)}/s  p50 ${result.p50} ms  p95 ${result.p95} ms`,
    );
  }
}
await rm(dir, { recursive: true });

const day = started.toISOString().slice(0, 10);
const machine = machineFacts();
const code = codeVersion();
const { rows: version } = await (async () => {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    return await c.query<{ version: string }>('select version()');
  } finally {
    await c.end();
  }
})();
await mkdir(OUT, { recursive: true });
await writeFile(
  join(OUT, `${day}-list-audit.json`),
  `${JSON.stringify({ started, machine, code, postgres: version[0]?.version, clients: CLIENTS, seconds: SECONDS, requests, rounds }, null, 2)}\n`,
);
const byVariant = (v: Variant, key: 'tps' | 'p50' | 'p95') =>
  rounds.filter((r) => r.variant === v).map((r) => r[key]);
const span = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
const waitsOf = (v: Variant) => {
  const total: Record<string, number> = {};
  for (const r of rounds.filter((x) => x.variant === v))
    for (const [k, n] of Object.entries(r.waits)) total[k] = (total[k] ?? 0) + n;
  const all = Object.values(total).reduce((a, b) => a + b, 0);
  return Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, n]) => `${k} ${Math.round((100 * n) / all)} %`)
    .join(', ');
};
const ratio = (a: number[], b: number[]) =>
  (a.reduce((x, y) => x + y, 0) / b.reduce((x, y) => x + y, 0)).toFixed(2);
const md = `# The family list's audit: one row per list or one per family — ${day}

Written by \`npx tsx bench/list-audit.ts\` (see its header; decision 0022).

- Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.ramGiB} GiB RAM, ${machine.platform}; pgbench and the server share it
- ${version[0]?.version}
- Code: commit ${code.commit}${code.uncommittedSrcFiles ? ` (+${code.uncommittedSrcFiles} uncommitted files under src/)` : ''}
- The floor's list statement for 4 requests (browse page 3, newest first, search "khan" by name, search "e" by member count), as pgbench scripts at ${CLIENTS} clients, ${SECONDS} s a round, ${ROUNDS} rounds, the variants taking turns

| Variant | Statements/s (rounds) | p50 ms | p95 ms | Waits while running (pg_stat_activity samples) |
|---|---:|---:|---:|---|
${VARIANTS.map((v) => `| ${v} | ${span(byVariant(v, 'tps'))} | ${span(byVariant(v, 'p50'))} | ${span(byVariant(v, 'p95'))} | ${waitsOf(v)} |`).join('\n')}

One row per list ÷ a row per family, statements a second: **${ratio(byVariant('one row', 'tps'), byVariant('row per family', 'tps'))}×**; no audit ÷ one row: ${ratio(byVariant('no audit', 'tps'), byVariant('one row', 'tps'))}×.
`;
await writeFile(join(OUT, `${day}-list-audit.md`), md);
console.log(`wrote ${join(OUT, `${day}-list-audit.md`)} and .json`);
