import pg from 'pg';
import { type Db, openDatabase } from '../../src/db/client';

/**
 * The databases integration tests run on: PGlite always, and a PostgreSQL server when
 * TEST_DATABASE_URL (or DATABASE_URL) names one. CI sets it, so both run there.
 */
export const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? undefined;

/** One database per test run on the server (named in vitest.config.ts), made and dropped by global-setup.ts. */
export const testDatabaseName = process.env.STAIRCASE_TEST_DB ?? 'staircase_test';

export function testDatabaseUrl(): string | undefined {
  if (!serverUrl) return undefined;
  const url = new URL(serverUrl);
  url.pathname = `/${testDatabaseName}`;
  return url.toString();
}

export const databaseKinds = [
  { kind: 'pglite' as const, url: undefined },
  ...(serverUrl ? [{ kind: 'postgres' as const, url: testDatabaseUrl() }] : []),
];

/**
 * A database of a test's own, for one that migrates step by step from an older schema: a new
 * database on the server (dropped by `close`), or an in-memory PGlite.
 */
export async function openScratchDatabase(
  kind: 'pglite' | 'postgres',
  suffix: string,
): Promise<{ db: Db; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = openDatabase({});
    return { db, close: () => db.close() };
  }
  const name = `${testDatabaseName}_${suffix}`;
  await onServer(`drop database if exists ${name} with (force)`);
  await onServer(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const db = openDatabase({ url: url.toString(), poolSize: 2 });
  return {
    db,
    async close() {
      await db.close();
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}

/** One statement on the server's maintenance connection (create and drop databases). */
export async function onServer(statement: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
