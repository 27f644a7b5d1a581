import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createMunicipality } from '../../../src/cli/organisation';
import { createUser } from '../../../src/cli/users';
import { isUniqueViolation } from '../../../src/db/errors';
import { notUnknownAccount } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('staircase create-municipality', (h) => {
  const unique = () => `Kommune ${randomBytes(4).toString('hex')}`;
  /**
   * How many municipalities bear one of these names, in any case: only the names a test tried,
   * since other test files create municipalities in the same database at the same time.
   */
  const municipalitiesNamed = async (...names: string[]) =>
    Number(
      (
        await h()
          .db.kysely.selectFrom('municipality')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(
            sql<string>`lower(name)`,
            'in',
            names.map((n) => n.trim().toLowerCase()),
          )
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates the municipality, its five departments, its first area and team, audited as the command line', async () => {
    const name = unique();
    const result = await createMunicipality(h().db, {
      name: ` ${name} `,
      area: 'Gellerup',
      team: 'Gellerup-teamet',
    });
    expect(result.ok).toBe(true);
    const k = h().db.kysely;
    const m = await k
      .selectFrom('municipality')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ mfa_required: true, demo: false, demo_password_hash: null });
    const departments = await k
      .selectFrom('department')
      .select('code')
      .where('municipality_id', '=', m.id)
      .execute();
    expect(departments.map((d) => d.code).sort()).toEqual(
      ['children_youth', 'culture_leisure', 'employment', 'health', 'social_family'].sort(),
    );
    const team = await k
      .selectFrom('team')
      .innerJoin('area', (j) =>
        j.onRef('area.municipality_id', '=', 'team.municipality_id').onRef('area.id', '=', 'team.area_id'),
      )
      .select(['team.name as team', 'area.name as area'])
      .where('team.municipality_id', '=', m.id)
      .execute();
    expect(team).toEqual([{ team: 'Gellerup-teamet', area: 'Gellerup' }]);
    const audited = await k
      .selectFrom('audit_event')
      .select(['actor_id', 'actor_role', 'action', 'entity', 'fields', 'purpose'])
      .where('municipality_id', '=', m.id)
      .where(notUnknownAccount)
      .orderBy('id')
      .execute();
    const byCommandLine = {
      actor_id: null,
      actor_role: 'command_line',
      action: 'create',
      purpose: 'administration',
    };
    // Each created thing under its own id, as the web app audits areas and teams.
    expect(audited).toEqual([
      { ...byCommandLine, entity: 'municipality', fields: ['name', 'departments'] },
      { ...byCommandLine, entity: 'area', fields: ['name'] },
      { ...byCommandLine, entity: 'team', fields: ['name', 'areaId'] },
    ]);
    // Its first administrator can now be made, and a team member in its team.
    const admin = await createUser(h().db, {
      // As the operator may type it: another case, spaces around.
      municipality: ` ${name.toUpperCase()} `,
      username: `adm_${randomBytes(3).toString('hex')}`,
      name: 'Nadia Larsen',
      role: 'administrator',
      password: 'amber violin tundra seven',
    });
    expect(admin.ok).toBe(true);
  });

  it('refuses a name already taken (in any case), a team without an area, and empty names — changing nothing', async () => {
    const name = unique();
    expect((await createMunicipality(h().db, { name })).ok).toBe(true);
    const [alone, noArea] = [unique(), unique()];
    const tried = [name, alone, noArea, 'Line\nBreak Kommune', 'Line Break Kommune'];
    expect(await municipalitiesNamed(...tried)).toBe(1);
    const refusals = [
      await createMunicipality(h().db, { name: name.toUpperCase() }),
      await createMunicipality(h().db, { name: alone, team: 'Alone' }),
      await createMunicipality(h().db, { name: '   ' }),
      await createMunicipality(h().db, { name: noArea, area: '' }),
      await createMunicipality(h().db, { name: 'Line\nBreak Kommune' }),
    ];
    expect(refusals.map((r) => r.ok)).toEqual([false, false, false, false, false]);
    expect(refusals[4]!.message).toBe(
      "The municipality's name has a line break or another control character.",
    );
    expect(refusals[0]!.message).toBe(
      `A municipality named "${name.toUpperCase()}" already exists; nothing was changed.`,
    );
    expect(refusals[1]!.message).toBe('A team belongs to an area: give --area too.');
    // Only the first of that name, and none of the others (a blank name has no row to find).
    expect(await municipalitiesNamed(...tried)).toBe(1);
  });

  it('of two creates of one name at once, exactly one succeeds and the other says the name is taken', async () => {
    const name = unique();
    const results = await Promise.all([
      createMunicipality(h().db, { name, area: 'Vest', team: 'Team Vest' }),
      createMunicipality(h().db, { name: name.toLowerCase(), area: 'Øst', team: 'Team Øst' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.message).toMatch(
      /^A municipality named ".+" already exists; nothing was changed\.$/,
    );
    expect(await municipalitiesNamed(name)).toBe(1);
  });

  it('the database itself refuses a second municipality of a name in another case (migration 0007)', async () => {
    const name = unique();
    expect((await createMunicipality(h().db, { name })).ok).toBe(true);
    const failure = await h()
      .db.kysely.insertInto('municipality')
      .values({ name: name.toUpperCase() })
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(failure, 'municipality_name_key')).toBe(true);
  });
});
