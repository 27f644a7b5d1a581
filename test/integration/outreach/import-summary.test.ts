import { expect, it } from 'vitest';
import { refreshHouseholdSummary } from '../../../src/server/families/families.queries';
import { staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Decision 0051: the import refreshes the list columns (counts, sort name, street key, search
 * text) of its own households only, not of the whole municipality. They must be right: after an
 * import, refreshing a household again changes nothing.
 */

const csv = [
  'Husstand;Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Rolle;Ledighed måneder;Hjemmeboende',
  'H1;Århusvej;18;2;tv;8220;050384-1234;Søren;Ærø;;forælder;14,5;',
  'H1;Århusvej;18;2;tv;8220;;Åse;Aagaard;1986-07-01;forælder;3;',
  'H1;Århusvej;18;2;tv;8220;;Ølse;Ærø;02-02-2016;barn;;ja',
  'H2;Gudrunsvej;7;st;th;8220;120688-2345;Jens;Hansen;;;24;',
].join('\r\n');

const summaryColumns = [
  'id',
  'adult_count',
  'child_count',
  'sort_name',
  'street_sort',
  'search_text',
] as const;

describeEachDatabase('outreach: the import writes the same household summary as the families area', (h) => {
  it("an imported household's counts, sort name, street key and search text are refreshHouseholdSummary's", async () => {
    const m = await h().municipality({ families: 1 });
    const leader = staffOf(m).leader;
    const { area_id: areaId } = await h()
      .db.kysely.selectFrom('team')
      .select('area_id')
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', leader.team_id!)
      .executeTakeFirstOrThrow();
    const client = await h().signIn(leader.username);
    const res = await client.post(
      `/api/outreach/imports?areaId=${areaId}&fileName=udtraek.csv`,
      Buffer.from(csv, 'utf-8'),
      { 'content-type': 'text/csv' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const jobId = res.json().id as string;
    expect((await client.post(`/api/outreach/imports/${jobId}/commit`)).statusCode).toBe(202);
    let state = '';
    for (let i = 0; i < 200 && state !== 'committed' && state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await client.get(`/api/outreach/imports/${jobId}`)).json().state;
    }
    expect(state).toBe('committed');

    const read = () =>
      h()
        .db.kysely.selectFrom('household')
        .select(summaryColumns)
        .where('municipality_id', '=', m.municipality.id)
        .where('status', '=', 'prospect')
        .orderBy('id')
        .execute();
    const imported = await read();
    expect(imported).toHaveLength(2);
    expect(imported.map((x) => [x.adult_count, x.child_count]).sort()).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(imported.every((x) => x.search_text !== '' && x.street_sort !== '')).toBe(true);
    await h()
      .db.kysely.transaction()
      .execute(async (trx) => {
        for (const x of imported) await refreshHouseholdSummary(trx, m.municipality.id, x.id);
      });
    expect(await read()).toEqual(imported);
  });
});
