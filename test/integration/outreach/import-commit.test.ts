import { expect, it } from 'vitest';
import { refreshHouseholdSummary } from '../../../src/server/families/families.queries';
import { judgeEligibility } from '../../../src/shared/outreach/eligibility';
import { staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Decision 0051: the commit writes the job's households in a handful of set-based statements —
 * the list columns by refreshHouseholdSummary for the job's households only, the eligibility by
 * one statement beside the shared rule (judgeEligibility). Both must give what the one-household
 * code gives: refreshing a household again changes nothing, and judging it again in TypeScript
 * gives the stored reasons. The area's rule names streets and postal codes, so the area part
 * (judged per address) is tested too; the households of other municipalities' tests are untouched.
 */

const csv = [
  'Husstand;Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Rolle;Ledighed måneder;Hjemmeboende',
  'H1;Århusvej;18;2;tv;8220;050384-1234;Søren;Ærø;;forælder;14,5;',
  'H1;Århusvej;18;2;tv;8220;;Åse;Aagaard;1986-07-01;forælder;3;',
  'H1;Århusvej;18;2;tv;8220;;Ølse;Ærø;02-02-2016;barn;;ja',
  'H2;Gudrunsvej;7;st;th;8220;120688-2345;Jens;Hansen;;;24;',
  'H2;Gudrunsvej;7;st;th;8220;;Ida;Hansen;01-01-2012;barn;;nej',
  'H3;Gudrunsvej;9;1;tv;8000;;Amal;Yusuf;01-01-1980;forælder;30;',
  'H3;Gudrunsvej;9;1;tv;8000;;Nuur;Yusuf;01-01-2015;barn;;',
  'H4;Århusvej;20;3;th;8220;;Bo;Berg;01-01-1979;forælder;12;',
  'H4;Århusvej;20;3;th;8220;;Liv;Berg;01-01-2016;barn;;',
].join('\r\n');

const summaryColumns = [
  'id',
  'adult_count',
  'child_count',
  'sort_name',
  'street_sort',
  'search_text',
] as const;

describeEachDatabase('outreach: the import commit, set-based', (h) => {
  it("writes refreshHouseholdSummary's list columns and judgeEligibility's reasons for every household", async () => {
    const m = await h().municipality({ families: 2 });
    const leader = staffOf(m).leader;
    const k = h().db.kysely;
    const { area_id: areaId } = await k
      .selectFrom('team')
      .select('area_id')
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', leader.team_id!)
      .executeTakeFirstOrThrow();
    const rule = {
      minChildrenAtHome: 1,
      minUnemployedMonths: 12,
      postalCodes: ['8220'],
      streets: ['århusvej '],
    };
    await k
      .insertInto('area_eligibility_rule')
      .values({
        municipality_id: m.municipality.id,
        area_id: areaId!,
        min_children_at_home: rule.minChildrenAtHome,
        min_unemployed_months: rule.minUnemployedMonths,
        postal_codes: rule.postalCodes,
        streets: rule.streets,
      })
      .execute();
    const others = await k
      .selectFrom('household')
      .select(['id', 'eligibility', 'search_text'])
      .where('municipality_id', '=', m.municipality.id)
      .orderBy('id')
      .execute();

    const client = await h().signIn(leader.username);
    const res = await client.post(
      `/api/outreach/imports?areaId=${areaId}&fileName=udtraek.csv`,
      Buffer.from(csv, 'utf-8'),
      { 'content-type': 'text/csv' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const jobId = res.json().id as string;
    expect(res.json()).toMatchObject({ state: 'previewed', errorRowCount: 0, householdCount: 4 });
    const started = Date.now();
    expect((await client.post(`/api/outreach/imports/${jobId}/commit`)).statusCode).toBe(202);
    let job = { state: '', committedCount: 0 };
    while (job.state !== 'committed' && job.state !== 'failed' && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await client.get(`/api/outreach/imports/${jobId}`)).json();
    }
    expect(job).toMatchObject({ state: 'committed', committedCount: 4 });

    const read = () =>
      k
        .selectFrom('household')
        .select([...summaryColumns, 'street', 'postal_code', 'eligible', 'eligibility', 'outreach_status'])
        .where('municipality_id', '=', m.municipality.id)
        .where('status', '=', 'prospect')
        .orderBy('id')
        .execute();
    const imported = await read();
    expect(imported).toHaveLength(4);
    expect(imported.map((x) => [x.adult_count, x.child_count]).sort()).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(imported.every((x) => x.search_text !== '' && x.street_sort !== '' && x.sort_name !== '')).toBe(
      true,
    );
    await k.transaction().execute(async (trx) => {
      for (const x of imported) await refreshHouseholdSummary(trx, m.municipality.id, x.id);
    });
    expect(await read()).toEqual(imported);

    for (const x of imported) {
      const members = await k
        .selectFrom('person')
        .select(['household_role', 'unemployed_months', 'lives_at_home'])
        .where('municipality_id', '=', m.municipality.id)
        .where('household_id', '=', x.id)
        .execute();
      const judged = judgeEligibility(
        {
          street: x.street,
          postalCode: x.postal_code,
          members: members.map((p) => ({
            role: p.household_role as 'parent' | 'other_adult' | 'child',
            unemployedMonths: p.unemployed_months === null ? null : Number(p.unemployed_months),
            livesAtHome: p.lives_at_home,
          })),
        },
        rule,
      );
      expect({ eligible: x.eligible, reasons: x.eligibility }).toEqual(judged);
      expect(x.outreach_status).toBe(judged.eligible ? 'eligible' : 'not_eligible');
    }
    // Århusvej 18 (8220): in the area, a child at home, 14.5 months. Gudrunsvej 9 (8000): not in the area.
    expect(imported.filter((x) => x.eligible).map((x) => x.street)).toEqual(['Århusvej', 'Århusvej']);
    // The municipality's other households were neither judged nor summarised again.
    expect(
      await k
        .selectFrom('household')
        .select(['id', 'eligibility', 'search_text'])
        .where('municipality_id', '=', m.municipality.id)
        .where('status', '<>', 'prospect')
        .orderBy('id')
        .execute(),
    ).toEqual(others);
  });
});
