import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import { onServer, serverUrl, testDatabaseName, testDatabaseUrl } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Starting PGlite and migrating takes seconds on two cores; every test file would pay it.
 * Instead one migrated data folder is dumped here and each test file starts from a copy.
 */
async function pgliteTemplate(): Promise<string> {
  const db = openDatabase({});
  await migrateToLatest(db);
  const tarball = await db.dump!();
  await db.close();
  const path = join(tmpdir(), `staircase-pglite-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await tarball.arrayBuffer()));
  return path;
}

/**
 * A migrated PGlite template, and a fresh migrated database on the PostgreSQL server for this
 * run (dropped after).
 */
export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await pgliteTemplate());
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
