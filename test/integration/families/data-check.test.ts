import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { checkStoredFamilies } from '../../../src/server/families/families.check';
import type { AuditActor } from '../../../src/server/plugins/audit';
import { describeEachDatabase } from '../../support/harness';

/**
 * `staircase check-data` underneath: stored families against today's rules. Records a rule now
 * refuses are written straight into the database (as data saved before the rule, or around the
 * API, would be); the check names each one by reference and field, and changes nothing.
 */
describeEachDatabase('the data check of stored families', (h) => {
  let m: GeneratedMunicipality;
  let operator: AuditActor;

  beforeAll(async () => {
    m = await h().municipality({ families: 6, adults: 8, children: 6 });
    operator = { userId: null, municipalityId: m.municipality.id, role: 'command_line' };
  });

  const k = () => h().db.kysely;
  /** This municipality's families, members and consents as stored (other test files write theirs meanwhile). */
  const stored = async () => {
    const rows = (table: 'household' | 'person' | 'consent') =>
      k()
        .selectFrom(table)
        .selectAll()
        .where('municipality_id', '=', m.municipality.id)
        .orderBy('id')
        .execute();
    return {
      households: await rows('household'),
      persons: await rows('person'),
      consents: await rows('consent'),
    };
  };
  const membersOf = (householdId: string) =>
    m.persons
      .filter((p) => p.household_id === householdId)
      .sort((a, b) => (a.birth_date < b.birth_date ? -1 : 1));

  it('finds nothing in generated families, and audits each family it read', async () => {
    const result = await checkStoredFamilies(k(), operator);
    expect(result).toEqual({ checked: 6, findings: [] });
    const audited = await k()
      .selectFrom('audit_event')
      .select(['household_ids', 'action', 'purpose', 'actor_role'])
      .where('municipality_id', '=', m.municipality.id)
      .where('purpose', '=', 'data_check')
      .execute();
    // One record per page of families read, naming each of them (decision 0022).
    expect(audited).toHaveLength(1);
    expect(new Set(audited.flatMap((a) => a.household_ids ?? []))).toEqual(
      new Set(m.households.map((x) => x.id)),
    );
    expect(audited.every((a) => a.action === 'read' && a.actor_role === 'command_line')).toBe(true);
  });

  it('names each stored record the rules now refuse, by family reference and field, and changes nothing', async () => {
    const [first, second, third] = m.households;
    const oldest = membersOf(first!.id)[0]!;
    await k()
      .updateTable('person')
      .set({ birth_date: '1850-03-04', cpr: null })
      .where('id', '=', oldest.id)
      .execute();
    await k()
      .updateTable('household')
      .set({ status: 'exited', exited_on: null })
      .where('id', '=', second!.id)
      .execute();
    await k().updateTable('household').set({ street: 'Gade\u0007vej' }).where('id', '=', third!.id).execute();
    // A consent dated before the programme (a typing error for 2019), withdrawn so it blocks no purpose.
    await k()
      .insertInto('consent')
      .values({
        municipality_id: m.municipality.id,
        household_id: third!.id,
        purpose: 'evaluation',
        given_on: '1919-05-01',
        withdrawn_on: '2020-01-01',
        recorded_by: m.users[0]!.id,
      })
      .execute();
    const before = await stored();

    const { findings } = await checkStoredFamilies(k(), operator);

    const position = membersOf(first!.id).findIndex((p) => p.id === oldest.id) + 1;
    expect(findings).toEqual(
      expect.arrayContaining([
        {
          reference: first!.reference,
          field: `members.${position}.birthDate`,
          key: 'errors.birthDateTooEarly',
        },
        { reference: second!.reference, field: 'exitedOn', key: 'errors.exitDateRequired' },
        { reference: third!.reference, field: 'street', key: 'errors.controlCharacter' },
        {
          reference: third!.reference,
          field: expect.stringMatching(/^consents\.\d+\.givenOn$/),
          key: 'errors.dateBeforeProgramme',
        },
      ]),
    );
    expect(findings).toHaveLength(4);
    expect(JSON.stringify(findings)).not.toContain(oldest.last_name);
    expect(await stored()).toEqual(before);
  });

  it('pages through the families: each checked once, one record per page in reference order, the same findings whatever the page size', async () => {
    const all = await checkStoredFamilies(k(), operator);
    expect(all.checked).toBe(6);
    const records = () =>
      k()
        .selectFrom('audit_event')
        .select('household_ids')
        .where('municipality_id', '=', m.municipality.id)
        .where('purpose', '=', 'data_check')
        .orderBy('at')
        .orderBy('id')
        .execute();
    const byReference = new Map(m.households.map((x) => [x.id, x.reference]));
    // 4 then 2 (a short last page), and 3 then 3 (an exact last page, then an empty read that records nothing).
    for (const [pageSize, pages] of [
      [4, [4, 2]],
      [3, [3, 3]],
    ] as const) {
      const seen = (await records()).length;
      const paged = await checkStoredFamilies(k(), operator, pageSize);
      expect(paged).toEqual({ checked: 6, findings: all.findings });
      const written = (await records()).slice(seen).map((r) => r.household_ids ?? []);
      expect(
        written.map((ids) => ids.length),
        `page size ${pageSize}`,
      ).toEqual(pages);
      expect(new Set(written.flat())).toEqual(new Set(m.households.map((x) => x.id)));
      for (const ids of written) {
        const references = ids.map((id) => byReference.get(id)!);
        expect(references).toEqual([...references].sort());
      }
    }
  });
});
