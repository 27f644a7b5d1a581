import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../src/db/client';
import { migrateToLatest } from '../src/db/migrate';
import { generateMunicipality } from '../src/demo/generate';
import { seedMunicipality } from '../src/demo/seed';
import { hashPassword } from '../src/server/auth/credentials';
import { dropInstallation, ensurePostgresDatabase, openBenchDb } from './databases';
import {
  BENCH_DATA_VERSION,
  BENCH_PASSWORD,
  BENCH_SCALE,
  type BenchDbKind,
  municipalityOptions,
} from './settings';

export interface InstallationInfo {
  kind: BenchDbKind;
  /** True when this call generated the data; false when a stored installation was reused. */
  generated: boolean;
  seconds: number;
  municipalities: number;
  families: number;
  persons: number;
}

/** The data key is the database's comment: it survives restarts and travels with the data. */
async function storedDataVersion(db: Db): Promise<string | null> {
  const { rows } = await sql<{ version: string | null }>`
    select shobj_description(oid, 'pg_database') as version
    from pg_database where datname = current_database()
  `.execute(db.kysely);
  return rows[0]?.version ?? null;
}

async function setDataVersion(db: Db, version: string): Promise<void> {
  await sql`
    do $$ begin
      execute format('comment on database %I is %L', current_database(), ${sql.lit(version)});
    end $$
  `.execute(db.kysely);
}

async function countRows(db: Db) {
  const { rows } = await sql<{ municipalities: string; families: string; persons: string }>`
    select (select count(*) from municipality) as municipalities,
           (select count(*) from household) as families,
           (select count(*) from person) as persons
  `.execute(db.kysely);
  const r = rows[0]!;
  return {
    municipalities: Number(r.municipalities),
    families: Number(r.families),
    persons: Number(r.persons),
  };
}

/** Runs `work` for 1..count with at most `parallel` in flight. */
async function forEachLimited(count: number, parallel: number, work: (i: number) => Promise<void>) {
  let next = 1;
  const lane = async () => {
    while (next <= count) await work(next++);
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

async function loadInstallation(db: Db, kind: BenchDbKind, log: (line: string) => void) {
  // One argon2 hash for every account: hashing 1,300 passwords would take longer than the load.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  let done = 0;
  // The server takes a few municipalities at once; PGlite has one connection anyway.
  await forEachLimited(BENCH_SCALE.municipalities, kind === 'postgres' ? 4 : 1, async (i) => {
    const data = generateMunicipality(municipalityOptions(i));
    // demo = second factor off, so the benchmark signs in with a password alone.
    await seedMunicipality(db, data, { demo: true, passwordHash });
    done++;
    if (done % 10 === 0) log(`  ${kind}: ${done}/${BENCH_SCALE.municipalities} municipalities`);
  });
  // Fresh statistics, as autovacuum would have them on a live server (PGlite runs no autovacuum).
  await sql`vacuum analyze`.execute(db.kysely);
}

/**
 * Makes sure the installation exists at the current data key: reuses it if so (a few seconds),
 * otherwise throws it away and generates it. Migrations always run, so an index added to
 * src/db/migrations reaches the stored data too.
 */
export async function ensureInstallation(
  kind: BenchDbKind,
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<InstallationInfo> {
  const log = options.log ?? console.log;
  const started = performance.now();
  if (kind === 'postgres') await ensurePostgresDatabase();
  let db = openBenchDb(kind);
  try {
    await migrateToLatest(db);
    const version = await storedDataVersion(db);
    const counts = await countRows(db);
    let generated = false;
    if (options.force || version !== BENCH_DATA_VERSION) {
      if (counts.municipalities > 0) {
        log(`  ${kind}: stored data is "${version ?? 'unkeyed'}", rebuilding`);
        await db.close();
        await dropInstallation(kind);
        db = openBenchDb(kind);
        await migrateToLatest(db);
      }
      log(`  ${kind}: generating ${BENCH_SCALE.municipalities} municipalities…`);
      await loadInstallation(db, kind, log);
      await setDataVersion(db, BENCH_DATA_VERSION);
      generated = true;
    }
    const info: InstallationInfo = {
      kind,
      generated,
      seconds: (performance.now() - started) / 1000,
      ...(generated ? await countRows(db) : counts),
    };
    log(
      `  ${kind}: ${generated ? 'generated' : 'reused'} ${info.municipalities} municipalities, ` +
        `${info.families} families, ${info.persons} persons in ${info.seconds.toFixed(1)} s`,
    );
    return info;
  } finally {
    await db.close();
  }
}

function parseKinds(argv: string[]): BenchDbKind[] {
  const i = argv.indexOf('--db');
  const value = i >= 0 ? argv[i + 1] : 'both';
  if (value === 'both') return ['pglite', 'postgres'];
  if (value === 'pglite' || value === 'postgres') return [value];
  throw new Error(`--db must be pglite, postgres or both (got ${value})`);
}

// `tsx bench/generate.ts [--db pglite|postgres|both] [--force]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  for (const kind of parseKinds(argv)) await ensureInstallation(kind, { force: argv.includes('--force') });
}
