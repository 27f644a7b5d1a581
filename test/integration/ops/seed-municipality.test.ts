import { describe, expect, it } from 'vitest';
import { generateMunicipality } from '../../../src/demo/generate';
import { SeedRefusedError, seedMunicipality } from '../../../src/demo/seed';
import { refreshHouseholdSummary } from '../../../src/server/families/families.queries';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('loading a generated municipality (seed-demo) over existing data', (h) => {
  const households = async (municipalityId: string) =>
    (
      await h()
        .db.kysely.selectFrom('household')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .execute()
    ).length;
  const options = { demo: true, passwordHash: 'not used: nobody signs in' };

  describe('refuses with a sentence and writes nothing', () => {
    it('when the municipality is already there', async () => {
      const m = await h().municipality({ families: 2, adults: 2, children: 1 });
      const again = seedMunicipality(h().db, m, options);
      await expect(again).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(again).rejects.toThrow(
        `The municipality "${m.municipality.name}" is already in the database; nothing was changed.`,
      );
      expect(await households(m.municipality.id)).toBe(2);
    });

    it('when a municipality of its name (in another case) was made another way', async () => {
      const m = await h().municipality({ families: 1, adults: 1, children: 0 });
      const namesake = generateMunicipality({
        seed: 8,
        name: m.municipality.name.toUpperCase(),
        usernamePrefix: `n${m.users[0]!.username}`,
        families: 1,
        adults: 1,
        children: 0,
        today: '2026-01-01',
      });
      await expect(seedMunicipality(h().db, namesake, options)).rejects.toThrow(
        new SeedRefusedError(
          `The municipality "${namesake.municipality.name}" is already in the database; nothing was changed.`,
        ),
      );
    });

    it('when another municipality’s accounts have its usernames, naming them', async () => {
      const m = await h().municipality({ families: 1, adults: 1, children: 0 });
      const prefix = m.users[0]!.username.split('_')[0]!;
      const clash = generateMunicipality({
        seed: 7,
        name: `Clash ${prefix}`,
        usernamePrefix: `${prefix.toUpperCase()}_`,
        families: 1,
        adults: 1,
        children: 0,
        today: '2026-01-01',
      });
      await expect(seedMunicipality(h().db, clash, options)).rejects.toThrow(
        new SeedRefusedError(
          `The usernames ${m.users
            .map((u) => u.username)
            .sort()
            .join(', ')} are taken by existing accounts; nothing was changed.`,
        ),
      );
      const written = await h()
        .db.kysely.selectFrom('municipality')
        .select('id')
        .where('id', '=', clash.municipality.id)
        .execute();
      expect(written).toEqual([]);
    });
  });

  describe('the list columns (counts, sort keys, search text)', () => {
    const listColumns = (municipalityId: string) =>
      h()
        .db.kysely.selectFrom('household')
        .select(['id', 'adult_count', 'child_count', 'sort_name', 'street_sort', 'search_text'])
        .where('municipality_id', '=', municipalityId)
        .orderBy('id')
        .execute();

    it('are written for the whole municipality by the rules the app applies to one family', async () => {
      const m = await h().municipality({ families: 3, adults: 2, children: 2 });
      const seeded = await listColumns(m.municipality.id);
      const count = (id: string, child: boolean) =>
        m.persons.filter((p) => p.household_id === id && (p.household_role === 'child') === child).length;
      expect(seeded.map((r) => [r.adult_count, r.child_count])).toEqual(
        seeded.map((r) => [count(r.id, false), count(r.id, true)]),
      );
      expect(seeded.some((r) => r.adult_count > 0 && r.child_count > 0)).toBe(true);
      for (const r of seeded) expect(r.sort_name && r.street_sort && r.search_text).toBeTruthy();
      await h()
        .db.kysely.transaction()
        .execute(async (trx) => {
          for (const r of seeded) await refreshHouseholdSummary(trx, m.municipality.id, r.id);
        });
      expect(await listColumns(m.municipality.id)).toEqual(seeded);
    });

    it('of a family without members are zero counts, no sort name and its reference and address', async () => {
      const m = await h().municipality({ families: 1, adults: 1, children: 1 });
      const family = m.households[0]!;
      await h()
        .db.kysely.transaction()
        .execute(async (trx) => {
          await trx.deleteFrom('change_record').where('household_id', '=', family.id).execute();
          await trx.deleteFrom('consent').where('household_id', '=', family.id).execute();
          // The demo journal names the family's members as present (src/demo/journal.ts).
          await trx
            .deleteFrom('journal_note_participant')
            .where('municipality_id', '=', m.municipality.id)
            .where('person_id', 'is not', null)
            .execute();
          await trx.deleteFrom('measurement').where('household_id', '=', family.id).execute();
          await trx.deleteFrom('person').where('household_id', '=', family.id).execute();
          await refreshHouseholdSummary(trx, m.municipality.id, null);
        });
      const [row] = await listColumns(m.municipality.id);
      expect(row).toMatchObject({ adult_count: 0, child_count: 0, sort_name: '' });
      expect(row!.search_text).not.toMatch(/[A-Z]/);
      expect(row!.search_text.startsWith(family.reference.toLowerCase())).toBe(true);
    });
  });
});
