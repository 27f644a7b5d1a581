/**
 * The register import at scale (issue 15 §2): N households (default 100,000) as a semicolon CSV
 * in Windows-1252, imported through the app's own code — the streamed read and row check into
 * import_row, the matching, the all-or-nothing commit — on PostgreSQL and PGlite, beside a raw
 * COPY of the same file into a table of the same columns (the floor). Peak memory is sampled
 * every 50 ms. `--big` also streams a ≥100 MB file through the reader and row check alone to
 * show memory stays flat.
 *
 *   npx tsx bench/import.ts [--db pglite|postgres|both] [--households 100000] [--big]
 *
 * PostgreSQL: BENCH_IMPORT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/staircase_bench_import,
 * created and emptied here; the COPY floor reads the file server-side, so the server must see
 * /tmp). PGlite: a fresh data folder under /tmp. Results: bench/results/<date>-import.{json,md}.
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
const PG_URL =
  process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/staircase_bench_import';
const DIR = '/tmp/staircase-bench-import';
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

/** Peak RSS and heap while `work` runs, sampled every 50 ms. */
async function measured<T>(work: () => Promise<T>) {
  const start = process.memoryUsage();
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
      startRssMb: mb(start.rss),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
    };
  } finally {
    clearInterval(timer);
  }
}
const mb = (n: number) => Math.round(n / 1024 / 1024);

/** The floor's table: the extract's columns as text, loaded by COPY. */
const FLOOR_TABLE = `create table import_floor (household text, street text, number text, floor text, door text,
  postal text, cpr text, first_name text, last_name text, birth text, role text, months text, home text)`;

async function copyFloor(kind: 'postgres' | 'pglite', path: string): Promise<number> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query('drop table if exists import_floor');
      await client.query(FLOOR_TABLE);
      const t0 = performance.now();
      await client.query(
        `copy import_floor from '${path}' with (format csv, delimiter ';', header true, encoding 'WIN1252')`,
      );
      return performance.now() - t0;
    } finally {
      await client.end();
    }
  }
  const floor = new PGlite(`${DIR}/pglite-floor`);
  try {
    await floor.exec(FLOOR_TABLE);
    const blob = new Blob([await readFile(path)]);
    const t0 = performance.now();
    await floor.query(
      `copy import_floor from '/dev/blob' with (format csv, delimiter ';', header true, encoding 'WIN1252')`,
      [],
      { blob },
    );
    return performance.now() - t0;
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
    await admin.end();
    return openDatabase({ url: PG_URL, poolSize: 5 });
  }
  rmSync(`${DIR}/pglite`, { recursive: true, force: true });
  rmSync(`${DIR}/pglite-floor`, { recursive: true, force: true });
  return openDatabase({ dataDir: `${DIR}/pglite` });
}

async function runOn(kind: 'postgres' | 'pglite', path: string, rows: number) {
  const db = await freshDb(kind);
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
    const receive = await measured(() =>
      receiveFile(db, actor, job.id, createReadStream(path, { highWaterMark: 256 * 1024 })),
    );
    const previewed = (await findJob(db.kysely, m.municipality.id, job.id))!;
    if (previewed.state !== 'previewed' || previewed.error_row_count > 0)
      throw new Error(`preview: ${previewed.state} ${previewed.failure} errors ${previewed.error_row_count}`);
    await db.kysely.updateTable('import_job').set({ state: 'committing' }).where('id', '=', job.id).execute();
    const commit = await measured(() => commitJob(db, actor, job.id));
    const done = (await findJob(db.kysely, m.municipality.id, job.id))!;
    const { rows: counted } = await sql<{ households: string; persons: string }>`
      select (select count(*) from household where municipality_id = ${m.municipality.id} and status = 'prospect') as households,
             (select count(*) from person p join household h on h.municipality_id = p.municipality_id and h.id = p.household_id
               where h.municipality_id = ${m.municipality.id} and h.status = 'prospect') as persons`.execute(
      db.kysely,
    );
    const version = await databaseVersion(db);
    await db.close();
    const copyMs = await copyFloor(kind, path);
    const totalMs = receive.ms + commit.ms;
    return {
      database: kind,
      version,
      households: Number(counted[0]!.households),
      persons: Number(counted[0]!.persons),
      state: done.state,
      rows,
      receiveMs: Math.round(receive.ms),
      commitMs: Math.round(commit.ms),
      totalMs: Math.round(totalMs),
      rowsPerSecond: Math.round(rows / (totalMs / 1000)),
      householdsPerSecond: Math.round(HOUSEHOLDS / (totalMs / 1000)),
      copyMs: Math.round(copyMs),
      copyRowsPerSecond: Math.round(rows / (copyMs / 1000)),
      ratioToCopy: Math.round((copyMs / totalMs) * 1000) / 1000,
      peakRssMb: Math.max(receive.peakRssMb, commit.peakRssMb),
      peakHeapMb: Math.max(receive.peakHeapMb, commit.peakHeapMb),
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** The reader and row check alone over a ≥100 MB file: memory before, at peak, after. */
async function bigFile() {
  const path = `${DIR}/big.csv`;
  let households = 400_000;
  let rows = await writeExtract(path, households);
  while (statSync(path).size < 100 * 1024 * 1024) {
    households = Math.ceil(households * 1.3);
    rows = await writeExtract(path, households);
  }
  global.gc?.();
  const run = await measured(async () => {
    let n = 0;
    let errors = 0;
    for await (const row of readRegisterFile(createReadStream(path), () => {})) {
      n++;
      if (checkRow(row, '2026-12-07').errors.length > 0) errors++;
    }
    return { n, errors };
  });
  return {
    bytes: statSync(path).size,
    rows,
    read: run.result.n,
    rowsInError: run.result.errors,
    ms: Math.round(run.ms),
    startRssMb: run.startRssMb,
    peakRssMb: run.peakRssMb,
    peakHeapMb: run.peakHeapMb,
  };
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  const path = `${DIR}/extract.csv`;
  const rows = await writeExtract(path, HOUSEHOLDS);
  console.log(`extract: ${HOUSEHOLDS} households, ${rows} rows, ${mb(statSync(path).size)} MB`);
  const results = [];
  for (const kind of WHICH === 'both'
    ? (['postgres', 'pglite'] as const)
    : [WHICH as 'postgres' | 'pglite']) {
    const r = await runOn(kind, path, rows);
    console.log(r);
    results.push(r);
  }
  const big = BIG ? await bigFile() : null;
  if (big) console.log('big file', big);
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync('bench/results', { recursive: true });
  const report = {
    date,
    machine: machineFacts(),
    code: codeVersion(),
    households: HOUSEHOLDS,
    fileBytes: statSync(path).size,
    results,
    bigFile: big,
  };
  writeFileSync(`bench/results/${date}-import.json`, `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    `# Register import: ${HOUSEHOLDS.toLocaleString('en')} households (${rows.toLocaleString('en')} rows, ${mb(report.fileBytes)} MB), ${date}`,
    '',
    `Machine: ${report.machine.cpuModel}, ${report.machine.cpuCount} CPUs, ${report.machine.ramGiB} GiB; Node ${report.machine.node}; code ${report.code.commit}.`,
    '',
    '| database | read + check + match | commit | total | rows/s | COPY (floor) | COPY rows/s | import ÷ COPY rate | peak RSS | peak heap |',
    '| -------- | -------------------- | ------ | ----- | ------ | ------------ | ----------- | ------------------ | -------- | --------- |',
    ...results.map(
      (r) =>
        `| ${r.database} | ${(r.receiveMs / 1000).toFixed(1)} s | ${(r.commitMs / 1000).toFixed(1)} s | ${(r.totalMs / 1000).toFixed(1)} s | ${r.rowsPerSecond.toLocaleString('en')} | ${(r.copyMs / 1000).toFixed(1)} s | ${r.copyRowsPerSecond.toLocaleString('en')} | ${r.ratioToCopy} | ${r.peakRssMb} MB | ${r.peakHeapMb} MB |`,
    ),
    '',
    ...(big
      ? [
          `A ${mb(big.bytes)} MB file (${big.rows.toLocaleString('en')} rows) through the streamed reader and row check: ${(big.ms / 1000).toFixed(1)} s, RSS ${big.startRssMb} MB at the start, ${big.peakRssMb} MB at peak; heap at peak ${big.peakHeapMb} MB.`,
        ]
      : []),
  ];
  writeFileSync(`bench/results/${date}-import.md`, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
process.exit(0);
