/**
 * The register import at scale (issue 15 §2): N households (default 100,000) as a semicolon CSV
 * in Windows-1252, imported through the app's own code — the streamed read and row check into
 * import_row, the matching, the all-or-nothing commit — on PostgreSQL and PGlite, beside a raw
 * COPY of the same file into a table of the same columns (the floor). Peak memory is sampled
 * every 50 ms. `--big` also streams a ≥100 MB file through the reader and row check alone to
 * show memory stays flat: at 25 and at 100 MB, so a peak that grows with the file would show.
 *
 *   npx tsx bench/import.ts [--db pglite|postgres|both|none] [--households 100000] [--big] [--name x] [--explain ms]
 *
 * PostgreSQL: BENCH_IMPORT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/staircase_bench_import,
 * created and emptied here; the COPY floor reads the file server-side, so the server must see
 * /tmp). PGlite: a fresh data folder under /tmp. Results: bench/results/<date>-import[-name].{json,md},
 * with each step's time (the row inserts run beside the read; their waits are what count).
 */
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, openDatabase } from '../src/db/client';
import { migrateToLatest } from '../src/db/migrate';
import { generateMunicipality } from '../src/demo/generate';
import { seedMunicipality } from '../src/demo/seed';
import type { Actor } from '../src/server/http/access';
import { findJob, insertJob } from '../src/server/outreach/import.queries';
import { readRegisterFile } from '../src/server/outreach/import.read';
import { checkRow } from '../src/server/outreach/import.row';
import { commitJob, receiveFile } from '../src/server/outreach/import.service';
import { argOf } from './args';
import { codeVersion, databaseVersion, machineFacts } from './machine';

const HOUSEHOLDS = Number(argOf('--households', '100000'));
const WHICH = argOf('--db', 'both');
const BIG = process.argv.includes('--big');
/** `--name postgres-100k` → bench/results/<date>-import-postgres-100k.{json,md}. */
const NAME = process.argv.includes('--name') ? `-${argOf('--name', '')}` : '';
/** `--explain 200`: PostgreSQL logs the plan of each statement slower than 200 ms (auto_explain). */
const EXPLAIN_MS = process.argv.includes('--explain') ? Number(argOf('--explain', '200')) : null;
const PG_URL =
  process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/staircase_bench_import';
/** Its files and PGlite's data; BENCH_IMPORT_DIR sets another, so two runs may go side by side. */
const DIR = process.env.BENCH_IMPORT_DIR ?? '/tmp/staircase-bench-import';
const STREETS = [
  'Gudrunsvej',
  'Dortesvej',
  'Janesvej',
  'Bentesvej',
  'Annasvej',
  'Karensvej',
  'Lottesvej',
  'Åbyvej',
];
const HEADER =
  'Husstand;Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Rolle;Ledighed måneder;Hjemmeboende';

/** Writes the extract: per household one or two parents (with CPR) and 0–4 children; returns rows. */
async function writeExtract(path: string, households: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    new Promise<void>((resolve) =>
      out.write(Buffer.from(s, 'latin1')) ? resolve() : out.once('drain', resolve),
    );
  await write(`${HEADER}\r\n`);
  let rows = 0;
  let n = 0;
  /** A unique CPR number and its birth date: sequences 0000–3999 (the 1900s, cpr.ts) per date. */
  const person = () => {
    const dateIndex = Math.floor(n / 4000);
    const seq = n % 4000;
    n++;
    const day = String(1 + (dateIndex % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(dateIndex / 28) % 12)).padStart(2, '0');
    const year = 1960 + (Math.floor(dateIndex / 336) % 39);
    return {
      cpr: `${day}${month}${String(year % 100).padStart(2, '0')}-${String(seq).padStart(4, '0')}`,
      birth: `${day}-${month}-${year}`,
    };
  };
  for (let h = 0; h < households; h++) {
    const street = STREETS[h % STREETS.length]!;
    const number = 1 + (Math.floor(h / 48) % 400);
    const floor = Math.floor(h / 3) % 8;
    const door = ['tv', 'mf', 'th'][h % 3]!;
    const staircaseBlock = Math.floor(h / (STREETS.length * 400 * 24));
    const address = `${street};${number + staircaseBlock * 400};${floor === 0 ? 'st' : floor};${door};8220`;
    const key = `H${h}`;
    const first = person();
    let lines = `${key};${address};${first.cpr};Søren;Ærø${h};${first.birth};forælder;${(h % 40) + 0.5};\r\n`;
    rows++;
    if (h % 2 === 0) {
      lines += `${key};${address};${person().cpr};Åse;Ærø${h};;forælder;3,5;\r\n`;
      rows++;
    }
    for (let c = 0; c < h % 5; c++) {
      lines += `${key};${address};;Barn${c};Ærø${h};0${1 + c}-06-20${10 + c};barn;;${c % 4 === 3 ? 'nej' : 'ja'}\r\n`;
      rows++;
    }
    await write(lines);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

/**
 * CPU time in ms of the PostgreSQL server processes serving the bench database (read from /proc:
 * the server runs on this machine), or 0 for PGlite (its time is this process's). With other work
 * on the machine a wall-clock time says more about the load than about the import; CPU time does not.
 */
function serverCpuMs(kind: 'postgres' | 'pglite'): number {
  if (kind !== 'postgres') return 0;
  const database = new URL(PG_URL).pathname.slice(1);
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(database)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Peak RSS and heap while `work` runs, sampled every 50 ms. */
async function measured<T>(work: () => Promise<T>, kind: 'postgres' | 'pglite' | null = null) {
  const start = process.memoryUsage();
  const cpu0 = ownCpuMs();
  const server0 = kind ? serverCpuMs(kind) : 0;
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const t0 = performance.now();
  try {
    const result = await work();
    return {
      result,
      ms: performance.now() - t0,
      nodeCpuMs: Math.round(ownCpuMs() - cpu0),
      serverCpuMs: kind ? serverCpuMs(kind) - server0 : 0,
      startRssMb: mb(start.rss),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
    };
  } finally {
    clearInterval(timer);
  }
}
const mb = (n: number) => Math.round(n / 1024 / 1024);

/**
 * Milliseconds per step of the import, summed over its repeats (the batches, the pages). The row
 * inserts run beside the read: their time is shown but the total counts only the waits for them.
 */
function stepTotals() {
  const totals = new Map<string, number>();
  const beside = new Set<string>();
  return {
    add: (step: string, ms: number, besideTheRead = false) => {
      totals.set(step, (totals.get(step) ?? 0) + ms);
      if (besideTheRead) beside.add(step);
    },
    /** The steps that took time of their own (not those that ran beside the read). */
    sum: () => [...totals].reduce((a, [step, ms]) => (beside.has(step) ? a : a + ms), 0),
    rounded: () => Object.fromEntries([...totals].map(([k, v]) => [k, Math.round(v)])),
  };
}

/** The file's COPY: the extract's columns as text, loaded by COPY (shown beside the fair floor). */
const FLOOR_TABLE = `create table import_floor (household text, street text, number text, floor text, door text,
  postal text, cpr text, first_name text, last_name text, birth text, role text, months text, home text)`;

async function copyFile(kind: 'postgres' | 'pglite', path: string): Promise<{ ms: number; cpuMs: number }> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query('drop table if exists import_floor');
      await client.query(FLOOR_TABLE);
      const t0 = performance.now();
      const cpu0 = serverCpuMs('postgres');
      await client.query(
        `copy import_floor from '${path}' with (format csv, delimiter ';', header true, encoding 'WIN1252')`,
      );
      return { ms: performance.now() - t0, cpuMs: serverCpuMs('postgres') - cpu0 };
    } finally {
      await client.end();
    }
  }
  const floor = new PGlite(`${DIR}/pglite-floor`);
  try {
    await floor.exec(FLOOR_TABLE);
    const blob = new Blob([await readFile(path)]);
    const t0 = performance.now();
    const cpu0 = ownCpuMs();
    await floor.query(
      `copy import_floor from '/dev/blob' with (format csv, delimiter ';', header true, encoding 'WIN1252')`,
      [],
      { blob },
    );
    return { ms: performance.now() - t0, cpuMs: ownCpuMs() - cpu0 };
  } finally {
    await floor.close();
  }
}

/**
 * The fair floor (decision 0051): the rows the import made — buildings, staircases, apartments,
 * households and people — loaded by COPY into the same tables, with their indexes, constraints and
 * triggers, of a database as it was just before the import (a copy taken then). COPY of the file
 * into a table of text columns (copyFile above) is shown too, but it is no floor for an import
 * that checks, matches and writes five indexed tables: it leaves out all of the work.
 */
const RESULT_TABLES = ['building', 'staircase', 'apartment', 'household', 'person'] as const;

/** Notes the municipality's rows before the import, so the import's own rows can be told apart. */
async function markBefore(db: Db, municipalityId: string) {
  await sql`create table bench_before (id uuid primary key)`.execute(db.kysely);
  for (const table of RESULT_TABLES)
    await sql`insert into bench_before select id from ${sql.table(table)} where municipality_id = ${municipalityId}`.execute(
      db.kysely,
    );
}

const madeByImport = (table: string, municipalityId: string) =>
  `select t.* from ${table} t where t.municipality_id = '${municipalityId}'
     and not exists (select 1 from bench_before b where b.id = t.id)`;

/** The floor's database, copied from the bench database as it is now (before the import). */
async function snapshotForFloor(kind: 'postgres' | 'pglite', db: Db): Promise<Blob | File | null> {
  if (kind === 'pglite') return (await db.dump?.()) ?? null;
  const url = new URL(PG_URL);
  const database = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database}_floor"`);
    // A template may have no other connections: the caller has closed its pool.
    await admin.query(`create database "${database}_floor" template "${database}"`);
  } finally {
    await admin.end();
  }
  return null;
}

async function fairFloor(
  kind: 'postgres' | 'pglite',
  municipalityId: string,
  before: Blob | File | null,
): Promise<{ ms: number; cpuMs: number; rows: number }> {
  if (kind === 'postgres') {
    const dir = `${DIR}/floor`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    chmodSync(dir, 0o777); // the server writes and reads the files
    const source = new pg.Client({ connectionString: PG_URL });
    await source.connect();
    let rows = 0;
    try {
      for (const table of RESULT_TABLES) {
        const out = await source.query(
          `copy (${madeByImport(table, municipalityId)}) to '${dir}/${table}.csv' with (format csv)`,
        );
        rows += out.rowCount ?? 0;
      }
    } finally {
      await source.end();
    }
    const url = new URL(PG_URL);
    url.pathname = `${url.pathname}_floor`;
    const floor = new pg.Client({ connectionString: url.toString() });
    await floor.connect();
    try {
      const t0 = performance.now();
      const cpu0 = serverCpuMs('postgres');
      await floor.query('begin');
      for (const table of RESULT_TABLES)
        await floor.query(`copy ${table} from '${dir}/${table}.csv' with (format csv)`);
      await floor.query('commit');
      return { ms: performance.now() - t0, cpuMs: serverCpuMs('postgres') - cpu0, rows };
    } finally {
      await floor.end();
    }
  }
  const source = new PGlite(`${DIR}/pglite`);
  const blobs = new Map<string, Blob>();
  let rows = 0;
  try {
    for (const table of RESULT_TABLES) {
      const out = await source.query(
        `copy (${madeByImport(table, municipalityId)}) to '/dev/blob' with (format csv)`,
      );
      blobs.set(table, out.blob!);
      rows += out.affectedRows ?? 0;
    }
  } finally {
    await source.close();
  }
  const floor = new PGlite({ loadDataDir: before! });
  try {
    await floor.waitReady;
    const t0 = performance.now();
    const cpu0 = ownCpuMs();
    await floor.exec('begin');
    for (const table of RESULT_TABLES)
      await floor.query(`copy ${table} from '/dev/blob' with (format csv)`, [], { blob: blobs.get(table)! });
    await floor.exec('commit');
    return { ms: performance.now() - t0, cpuMs: ownCpuMs() - cpu0, rows };
  } finally {
    await floor.close();
  }
}

async function freshDb(kind: 'postgres' | 'pglite'): Promise<Db> {
  if (kind === 'postgres') {
    const url = new URL(PG_URL);
    const database = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`drop database if exists "${database}"`);
    await admin.query(`create database "${database}"`);
    if (EXPLAIN_MS !== null)
      // Diagnosis only: every statement slower than this is logged with its plan (server log).
      for (const setting of [
        `session_preload_libraries = 'auto_explain'`,
        `auto_explain.log_min_duration = '${EXPLAIN_MS}ms'`,
        'auto_explain.log_analyze = on',
        'auto_explain.log_nested_statements = on',
      ])
        await admin.query(`alter database "${database}" set ${setting}`);
    await admin.end();
    return openDatabase({ url: PG_URL, poolSize: 5 });
  }
  rmSync(`${DIR}/pglite`, { recursive: true, force: true });
  rmSync(`${DIR}/pglite-floor`, { recursive: true, force: true });
  return openDatabase({ dataDir: `${DIR}/pglite` });
}

async function runOn(kind: 'postgres' | 'pglite', path: string, rows: number) {
  let db = await freshDb(kind);
  try {
    await migrateToLatest(db);
    const m = generateMunicipality({
      seed: 7,
      name: 'Bench import',
      usernamePrefix: 'bi_',
      families: 1,
      adults: 1,
      children: 1,
      today: '2026-12-07',
    });
    await seedMunicipality(db, m, { demo: true, passwordHash: 'x' });
    await markBefore(db, m.municipality.id);
    if (kind === 'postgres') {
      await db.close();
      await snapshotForFloor(kind, db);
      db = openDatabase({ url: PG_URL, poolSize: 5 });
    }
    const before = kind === 'pglite' ? await snapshotForFloor(kind, db) : null;
    const leader = m.users[0]!;
    const actor: Actor = {
      userId: leader.id,
      municipalityId: m.municipality.id,
      role: 'team_leader',
      teamId: leader.team_id,
      displayName: 'Bench',
    };
    const job = await insertJob(db.kysely, {
      municipalityId: m.municipality.id,
      areaId: m.areas[0]!.id,
      teamId: leader.team_id!,
      userId: leader.id,
      fileName: 'bench.csv',
      bytesTotal: statSync(path).size,
    });
    const receiveSteps = stepTotals();
    const receive = await measured(
      () =>
        receiveFile(
          db,
          actor,
          job.id,
          createReadStream(path, { highWaterMark: 256 * 1024 }),
          receiveSteps.add,
        ),
      kind,
    );
    receiveSteps.add('read + check (the rest)', receive.ms - receiveSteps.sum());
    const previewed = (await findJob(db.kysely, m.municipality.id, job.id))!;
    if (previewed.state !== 'previewed' || previewed.error_row_count > 0)
      throw new Error(`preview: ${previewed.state} ${previewed.failure} errors ${previewed.error_row_count}`);
    await db.kysely.updateTable('import_job').set({ state: 'committing' }).where('id', '=', job.id).execute();
    const commitSteps = stepTotals();
    const commit = await measured(() => commitJob(db, actor, job.id, commitSteps.add), kind);
    commitSteps.add('other', commit.ms - commitSteps.sum());
    const done = (await findJob(db.kysely, m.municipality.id, job.id))!;
    const { rows: counted } = await sql<{ households: string; persons: string }>`
      select (select count(*) from household where municipality_id = ${m.municipality.id} and status = 'prospect') as households,
             (select count(*) from person p join household h on h.municipality_id = p.municipality_id and h.id = p.household_id
               where h.municipality_id = ${m.municipality.id} and h.status = 'prospect') as persons`.execute(
      db.kysely,
    );
    const version = await databaseVersion(db);
    await db.close();
    const floor = await fairFloor(kind, m.municipality.id, before);
    const copy = await copyFile(kind, path);
    const importCpuMs = receive.nodeCpuMs + receive.serverCpuMs + commit.nodeCpuMs + commit.serverCpuMs;
    const totalMs = receive.ms + commit.ms;
    return {
      database: kind,
      version,
      households: Number(counted[0]!.households),
      persons: Number(counted[0]!.persons),
      state: done.state,
      rows,
      receiveMs: Math.round(receive.ms),
      receiveRowsPerSecond: Math.round(rows / (receive.ms / 1000)),
      receiveSteps: receiveSteps.rounded(),
      commitMs: Math.round(commit.ms),
      commitRowsPerSecond: Math.round(rows / (commit.ms / 1000)),
      commitSteps: commitSteps.rounded(),
      totalMs: Math.round(totalMs),
      rowsPerSecond: Math.round(rows / (totalMs / 1000)),
      householdsPerSecond: Math.round(HOUSEHOLDS / (totalMs / 1000)),
      /** The fair floor: the import's resulting rows COPYed into the same five tables. */
      floorRows: floor.rows,
      floorMs: Math.round(floor.ms),
      floorRowsPerSecond: Math.round(floor.rows / (floor.ms / 1000)),
      /** The import's rate over the floor's, for the same rows: the floor's time over the import's. */
      ratioToCopy: Math.round((floor.ms / totalMs) * 1000) / 1000,
      /** COPY of the file into one table of text columns: no floor, shown for comparison. */
      fileCopyMs: Math.round(copy.ms),
      fileCopyRowsPerSecond: Math.round(rows / (copy.ms / 1000)),
      fileCopyRatio: Math.round((copy.ms / totalMs) * 1000) / 1000,
      cpu: {
        receiveNodeMs: receive.nodeCpuMs,
        receiveServerMs: receive.serverCpuMs,
        commitNodeMs: commit.nodeCpuMs,
        commitServerMs: commit.serverCpuMs,
        floorMs: Math.round(floor.cpuMs),
        fileCopyMs: Math.round(copy.cpuMs),
        /** Rows per CPU-second of the import: less sensitive to the machine's other load. */
        importRowsPerCpuSecond: Math.round(rows / (importCpuMs / 1000)),
        ratioToCopy: Math.round((floor.cpuMs / importCpuMs) * 1000) / 1000,
      },
      peakRssMb: Math.max(receive.peakRssMb, commit.peakRssMb),
      peakHeapMb: Math.max(receive.peakHeapMb, commit.peakHeapMb),
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * The reader and row check alone over a file of about `targetMb` MB: memory at the start and at
 * peak. Run at two sizes: flat memory is a peak that does not grow with the file.
 */
async function bigFile(targetMb: number) {
  const path = `${DIR}/big.csv`;
  // About 250 bytes a household in this extract; grown until the file is big enough.
  let households = Math.ceil((targetMb * 1024 * 1024) / 250);
  let rows = await writeExtract(path, households);
  while (statSync(path).size < targetMb * 1024 * 1024) {
    households = Math.ceil(households * 1.1);
    rows = await writeExtract(path, households);
  }
  const bytes = statSync(path).size;
  global.gc?.();
  const run = await measured(async () => {
    let n = 0;
    let errors = 0;
    for await (const row of readRegisterFile(
      createReadStream(path, { highWaterMark: 256 * 1024 }),
      () => {},
    )) {
      n++;
      if (checkRow(row, '2026-12-07').errors.length > 0) errors++;
    }
    return { n, errors };
  });
  rmSync(path, { force: true });
  return {
    targetMb,
    bytes,
    rows,
    read: run.result.n,
    rowsInError: run.result.errors,
    ms: Math.round(run.ms),
    startRssMb: run.startRssMb,
    peakRssMb: run.peakRssMb,
    peakHeapMb: run.peakHeapMb,
  };
}

const stepsText = (steps: Record<string, number>) =>
  Object.entries(steps)
    .map(([step, ms]) => `${step} ${ms.toLocaleString('en')}`)
    .join(', ');

async function main() {
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1));
  mkdirSync(DIR, { recursive: true });
  const path = `${DIR}/extract.csv`;
  const rows = await writeExtract(path, HOUSEHOLDS);
  console.log(`extract: ${HOUSEHOLDS} households, ${rows} rows, ${mb(statSync(path).size)} MB`);
  const results = [];
  // `--db none --big`: the memory runs alone.
  for (const kind of WHICH === 'both'
    ? (['postgres', 'pglite'] as const)
    : WHICH === 'none'
      ? []
      : [WHICH as 'postgres' | 'pglite']) {
    const r = await runOn(kind, path, rows);
    console.log(r);
    results.push(r);
  }
  const big = [];
  for (const targetMb of BIG ? [25, 100] : []) {
    const run = await bigFile(targetMb);
    console.log('big file', run);
    big.push(run);
  }
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync('bench/results', { recursive: true });
  const report = {
    date,
    machine: machineFacts(),
    code: codeVersion(),
    households: HOUSEHOLDS,
    fileBytes: statSync(path).size,
    results,
    loadAverage: { start: loadAtStart, end: os.loadavg().map((l) => l.toFixed(1)) },
    bigFiles: big,
  };
  writeFileSync(`bench/results/${date}-import${NAME}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `# Register import: ${HOUSEHOLDS.toLocaleString('en')} households (${rows.toLocaleString('en')} rows, ${mb(report.fileBytes)} MB), ${date}`,
    '',
    `Machine: ${report.machine.cpuModel}, ${report.machine.cpuCount} CPUs, ${report.machine.ramGiB} GiB; Node ${report.machine.node}; code ${report.code.commit}.`,
    '',
    "Rows/s are the file's rows over the import's time; the floor is the same resulting rows (households, people, places) loaded by COPY into the same tables with their indexes (decision 0051): the ratio is its time over the import's. COPY of the file into one text table is shown beside it.",
    '',
    '| database | read + check + match | commit | total | rows/s | floor: rows, time | import ÷ floor rate | file COPY | import ÷ file COPY | peak RSS | peak heap |',
    '| -------- | -------------------- | ------ | ----- | ------ | ----------------- | ------------------- | --------- | ------------------ | -------- | --------- |',
    ...results.map(
      (r) =>
        `| ${r.database} | ${(r.receiveMs / 1000).toFixed(1)} s | ${(r.commitMs / 1000).toFixed(1)} s | ${(r.totalMs / 1000).toFixed(1)} s | ${r.rowsPerSecond.toLocaleString('en')} | ${r.floorRows.toLocaleString('en')} in ${(r.floorMs / 1000).toFixed(1)} s | ${r.ratioToCopy} | ${(r.fileCopyMs / 1000).toFixed(1)} s | ${r.fileCopyRatio} | ${r.peakRssMb} MB | ${r.peakHeapMb} MB |`,
    ),
    '',
    'CPU time (the import: this process and, on PostgreSQL, its server processes; COPY: the server process or PGlite):',
    '',
    '| database | read + check + match: node / server | commit: node / server | import rows per CPU-s | floor CPU | import ÷ floor (CPU) | file COPY CPU |',
    '| -------- | ----------------------------------- | --------------------- | --------------------- | --------- | ------------------- | ------------- |',
    ...results.map(
      (r) =>
        `| ${r.database} | ${(r.cpu.receiveNodeMs / 1000).toFixed(1)} s / ${(r.cpu.receiveServerMs / 1000).toFixed(1)} s | ${(r.cpu.commitNodeMs / 1000).toFixed(1)} s / ${(r.cpu.commitServerMs / 1000).toFixed(1)} s | ${r.cpu.importRowsPerCpuSecond.toLocaleString('en')} | ${(r.cpu.floorMs / 1000).toFixed(2)} s | ${r.cpu.ratioToCopy} | ${(r.cpu.fileCopyMs / 1000).toFixed(2)} s |`,
    ),
    '',
    ...results.flatMap((r) => [
      `${r.database}, read + check + match: ${r.receiveRowsPerSecond.toLocaleString('en')} rows/s; steps (ms): ${stepsText(r.receiveSteps)}.`,
      '',
      `${r.database}, commit: ${r.commitRowsPerSecond.toLocaleString('en')} rows/s; steps (ms): ${stepsText(r.commitSteps)}.`,
      '',
    ]),
    `Load average (1, 5, 15 min) at the start: ${loadAtStart.join(', ')}; at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}.`,
    '',
    ...big.map(
      (b) =>
        `A ${mb(b.bytes)} MB file (${b.rows.toLocaleString('en')} rows) through the streamed reader and row check: ${(b.ms / 1000).toFixed(1)} s, RSS ${b.startRssMb} MB at the start, ${b.peakRssMb} MB at peak; heap at peak ${b.peakHeapMb} MB.`,
    ),
  ];
  writeFileSync(`bench/results/${date}-import${NAME}.md`, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
process.exit(0);
