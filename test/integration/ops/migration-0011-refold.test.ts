import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';
import { databaseKinds, openScratchDatabase } from '../../support/databases';

/**
 * Families stored before migration 0011 had lower-cased list columns; the migration recomputes
 * them by its rules (decision 0021), so they are found and sorted like families written after it.
 */
for (const { kind } of databaseKinds) {
  describe(`migration 0011 on families stored before it [${kind}]`, () => {
    let scratch: Awaited<ReturnType<typeof openScratchDatabase>> | undefined;
    afterAll(() => scratch?.close());

    it('refolds the search text and recomputes the name and street sort keys', async () => {
      scratch = await openScratchDatabase(kind, 'm0011');
      const { db } = scratch;
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0011'));
      const { error } = await new Migrator({
        db: db.kysely,
        provider: { getMigrations: async () => before },
      }).migrateToLatest();
      if (error) throw error;

      // As the code before 0011 wrote them: lower-cased, sort by the first adult's lower-cased name.
      await sql`
        with m as (insert into municipality (name) values ('Før 0011') returning id),
        a as (insert into area (municipality_id, name) select id, 'Øst' from m returning municipality_id, id),
        t as (insert into team (municipality_id, area_id, name) select municipality_id, id, 'Team Ø' from a
          returning municipality_id, id, area_id),
        h as (
          insert into household (municipality_id, team_id, area_id, reference, street, building_number, search_text, sort_name)
          select municipality_id, id, area_id, 'F-0001', 'Æblegade', '3', 'f-0001 æblegade 3 karen sørensen ole aagaard', 'aagaard ole'
          from t returning municipality_id, id
        )
        insert into person (municipality_id, household_id, first_name, last_name, birth_date, household_role)
        select municipality_id, id, p.first_name, p.last_name, p.birth_date::date, p.household_role from h,
          (values ('Karen', 'Sørensen', '1980-01-01', 'parent'), ('Ole', 'Aagaard', '1981-01-01', 'parent'),
                  ('Bo', 'Abel', '2015-01-01', 'child')) as p(first_name, last_name, birth_date, household_role)
      `.execute(db.kysely);

      await migrateToLatest(db);

      const row = await db.kysely
        .selectFrom('household')
        .select(['search_text', 'sort_name', 'street_sort'])
        .executeTakeFirstOrThrow();
      // The names' order in the search text is the aggregate's; the words are what count.
      expect(row.search_text.split(' ').sort()).toEqual(
        ['f-0001', 'aeblegade', '3', 'karen', 'sorensen', 'ole', 'agard', 'bo', 'abel'].sort(),
      );
      // The first adult in Danish order is Sørensen (ø) before Aagaard (aa = å); the child is not counted.
      expect(row).toMatchObject({ sort_name: 's|rensen karen', street_sort: '{blegade' });
    });
  });
}
