import { rm } from 'node:fs/promises';
import pg from 'pg';
import { type Db, openDatabase } from '../src/db/client';
import { type BenchDbKind, PGLITE_DATA_DIR, POOL_SIZE, POSTGRES_URL } from './settings';

/** Opens the benchmark's installation through the app's own client (Kysely). */
export function openBenchDb(kind: BenchDbKind): Db {
  return kind === 'postgres'
    ? openDatabase({ url: POSTGRES_URL, poolSize: POOL_SIZE })
    : openDatabase({ dataDir: PGLITE_DATA_DIR });
}

function adminUrl(): { url: string; database: string } {
  const url = new URL(POSTGRES_URL);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database || ['test', 'staircase_test', 'postgres'].includes(database)) {
    throw new Error(`refusing to use database "${database}" for benchmarks`);
  }
  url.pathname = '/postgres';
  return { url: url.toString(), database };
}

async function withAdmin<T>(work: (client: pg.Client, database: string) => Promise<T>): Promise<T> {
  const { url, database } = adminUrl();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the benchmark's server database when it does not exist yet. */
export function ensurePostgresDatabase(): Promise<void> {
  return withAdmin(async (client, database) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  });
}

/** Throws the installation away, so the next open starts empty. */
export async function dropInstallation(kind: BenchDbKind): Promise<void> {
  if (kind === 'pglite') {
    await rm(PGLITE_DATA_DIR, { recursive: true, force: true });
    return;
  }
  await withAdmin(async (client, database) => {
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"`);
  });
}
