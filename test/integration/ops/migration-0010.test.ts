import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/db/client';
import { generateMunicipality } from '../../../src/db/demo/generate';
import { seedMunicipality } from '../../../src/db/demo/seed';
import { MigrationRefusedError } from '../../../src/db/errors';
import { migrateToLatest } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';
import { databaseKinds, serverUrl, testDatabaseName } from '../../support/databases';

const MIGRATION = '0010_consent_in_force_settings_version';
const names = Object.keys(migrations).sort();
const previous = names[names.indexOf(MIGRATION) - 1]!;

/**
 * Migration 0010 on a database from before it that already holds two consents in force for one
 * family and purpose: it stops, says how many families and what to do, and changes nothing;
 * once the pairs have withdrawn the extra consents, it runs.
 */
for (const { kind } of databaseKinds) {
  describe(`migration 0010 with two consents in force for one purpose [${kind}]`, () => {
    const database = `${testDatabaseName}_m0010`;
    let db: Db;
    const onServer = async (statement: string) => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(statement);
      } finally {
        await admin.end();
      }
    };

    beforeAll(async () => {
      if (kind === 'postgres') {
        await onServer(`drop database if exists ${database} with (force)`);
        await onServer(`create database ${database}`);
        const url = new URL(serverUrl!);
        url.pathname = `/${database}`;
        db = openDatabase({ url: url.toString(), poolSize: 2 });
      } else {
        db = openDatabase({});
      }
      const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo(previous);
      if (error) throw error;
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (kind === 'postgres') await onServer(`drop database if exists ${database} with (force)`);
    });

    const consents = () =>
      db.kysely
        .selectFrom('consent')
        .select(['id', 'household_id', 'purpose', 'given_on', 'withdrawn_on'])
        .orderBy('id')
        .execute();
    const indexExists = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from pg_indexes where indexname = 'consent_in_force'`.execute(db.kysely)
      ).rows[0]!.n === 1;

    it('stops naming how many families, changes nothing, and runs once the extra consents are withdrawn', async () => {
      const data = generateMunicipality({
        seed: 10,
        name: 'Migration 0010',
        usernamePrefix: 'm0010_',
        families: 3,
        adults: 4,
        children: 3,
        today: '2026-06-01',
      });
      await seedMunicipality(db, data, { demo: true, passwordHash: 'not used' });
      // Two families with case work in force twice (a second, later consent each); the third is fine.
      const extra = await db.kysely
        .insertInto('consent')
        .values(
          data.households.slice(0, 2).map((h) => ({
            municipality_id: data.municipality.id,
            household_id: h.id,
            purpose: 'case_work',
            given_on: '2026-05-20',
            recorded_by: data.users[0]!.id,
          })),
        )
        .returning('id')
        .execute();
      const before = await consents();

      const refused = await migrateToLatest(db).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(MigrationRefusedError);
      expect((refused as Error).message).toMatch(
        /^Migration 0010 stopped and changed nothing: 2 families have \(in 1 municipality\) more than one consent in force for the same purpose/,
      );
      expect((refused as Error).message).toContain('docs/operations.md');
      expect(await consents()).toEqual(before);
      expect(await indexExists()).toBe(false);
      const applied = await db.kysely
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied.map((r) => (r as { name: string }).name)).not.toContain(MIGRATION);

      // The pairs withdraw the older consent of each family, the day the newer one was given.
      await db.kysely
        .updateTable('consent')
        .set({ withdrawn_on: '2026-05-20' })
        .where('purpose', '=', 'case_work')
        .where(
          'id',
          'not in',
          extra.map((e) => e.id),
        )
        .where(
          'household_id',
          'in',
          data.households.slice(0, 2).map((h) => h.id),
        )
        .execute();
      expect(await migrateToLatest(db)).toContain(MIGRATION);
      expect(await indexExists()).toBe(true);
      expect(await consents()).toHaveLength(before.length);
      const settings = await db.kysely
        .selectFrom('municipality')
        .select('version')
        .where('id', '=', data.municipality.id)
        .executeTakeFirstOrThrow();
      expect(settings.version).toBe(1);
    });
  });
}
