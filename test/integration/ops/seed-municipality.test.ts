import { describe, expect, it } from 'vitest';
import { generateMunicipality } from '../../../src/db/demo/generate';
import { SeedRefusedError, seedMunicipality } from '../../../src/db/demo/seed';
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
});
