import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client';
import { MigrationRefusedError } from '../../../src/db/errors';
import { migrateToLatest } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';
import { databaseKinds, openScratchDatabase } from '../../support/databases';

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
    let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
    let db: Db;

    beforeAll(async () => {
      scratch = await openScratchDatabase(kind, 'm0010');
      db = scratch.db;
      const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo(previous);
      if (error) throw error;
    }, 120_000);
    afterAll(() => scratch?.close());

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
      // Written as the code before 0010 wrote them (today's seeding needs later migrations):
      // three families, each with case work in force; two get a second, later one.
      const stored = await sql<{ municipality_id: string; household_id: string; user_id: string }>`
        with m as (insert into municipality (name) values ('Migration 0010') returning id),
        a as (insert into area (municipality_id, name) select id, 'Gellerup' from m returning municipality_id, id),
        t as (insert into team (municipality_id, area_id, name) select municipality_id, id, 'Team' from a
          returning municipality_id, id, area_id),
        u as (insert into app_user (municipality_id, username, display_name, role, team_id)
          select municipality_id, 'm0010_leader', 'Leder', 'team_leader', id from t returning municipality_id, id),
        h as (
          insert into household (municipality_id, team_id, area_id, reference, street, building_number, search_text, sort_name)
          select t.municipality_id, t.id, t.area_id, 'F-000' || n, 'Dalgas Avenue', n::text, '', ''
          from t, generate_series(1, 3) as n returning municipality_id, id, reference
        )
        select h.municipality_id, h.id as household_id, u.id as user_id from h, u order by h.reference
      `.execute(db.kysely);
      const families = stored.rows;
      const consent = (f: (typeof families)[number], givenOn: string) => ({
        municipality_id: f.municipality_id,
        household_id: f.household_id,
        purpose: 'case_work',
        given_on: givenOn,
        recorded_by: f.user_id,
      });
      await db.kysely
        .insertInto('consent')
        .values(families.map((f) => consent(f, '2026-01-10')))
        .execute();
      const extra = await db.kysely
        .insertInto('consent')
        .values(families.slice(0, 2).map((f) => consent(f, '2026-05-20')))
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
          families.slice(0, 2).map((f) => f.household_id),
        )
        .execute();
      expect(await migrateToLatest(db)).toContain(MIGRATION);
      expect(await indexExists()).toBe(true);
      expect(await consents()).toHaveLength(before.length);
      const settings = await db.kysely
        .selectFrom('municipality')
        .select('version')
        .where('id', '=', families[0]!.municipality_id)
        .executeTakeFirstOrThrow();
      expect(settings.version).toBe(1);
    });
  });
}
