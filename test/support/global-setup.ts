import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import { serverUrl, testDatabaseName, testDatabaseUrl } from './databases';

/** A fresh, migrated database on the PostgreSQL server for this run (PGlite needs none). */
export default async function setup() {
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${testDatabaseName} with (force)`);
  await admin.query(`create database ${testDatabaseName}`);
  await admin.end();
  const db = openDatabase({ url: testDatabaseUrl() });
  await migrateToLatest(db);
  await db.close();
}
