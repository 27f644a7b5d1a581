import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import { serverUrl, testDatabaseName, testDatabaseUrl } from './databases';

async function onServer(statement: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database on the PostgreSQL server for this run (PGlite needs none); dropped after. */
export default async function setup() {
  if (!serverUrl) return;
  await onServer(`drop database if exists ${testDatabaseName} with (force)`);
  await onServer(`create database ${testDatabaseName}`);
  const db = openDatabase({ url: testDatabaseUrl() });
  await migrateToLatest(db);
  await db.close();
  return async () => {
    await onServer(`drop database if exists ${testDatabaseName} with (force)`);
  };
}
