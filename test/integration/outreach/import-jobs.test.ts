import { expect, it } from 'vitest';
import { auditRows } from '../../support/factories';
import { describeEachDatabase, type Harness } from '../../support/harness';
import { upload, world } from './import-world';

/**
 * Issue 15 §2, coming back to an import: the list of the team's recent jobs — newest first,
 * paginated, never another municipality's, and carrying the job's counts, never a row's data.
 */

const CSV = [
  'Husstand;Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Rolle;Ledighed måneder;Hjemmeboende',
  'H1;Gudrunsvej;18;2;tv;8220;050384-1234;Søren;Ærø;05-03-1984;forælder;14;',
  'H1;Gudrunsvej;18;2;tv;8220;;Ølse;Ærø;02-02-2016;barn;;ja',
].join('\r\n');

async function leaderOf(h: Harness) {
  const w = await world(h);
  const uploadNamed = async (fileName: string) => {
    const res = await upload(w, CSV, fileName);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  return { ...w, upload: uploadNamed };
}

describeEachDatabase('outreach: the list of recent imports', (h) => {
  it('lists the team’s jobs newest first, paginated, with who started them and their counts', async () => {
    const w = await leaderOf(h());
    const first = await w.upload('januar.csv');
    const second = await w.upload('februar.csv');
    // Ordered by when the job began; set apart explicitly so the order is not the clock's luck.
    await h()
      .db.kysely.updateTable('import_job')
      .set({ created_at: new Date('2026-01-01T10:00:00Z') } as never)
      .where('id', '=', first)
      .execute();

    const res = await w.client.get('/api/outreach/imports');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(list.items.map((j: { id: string }) => j.id)).toEqual([second, first]);
    expect(list.items[0]).toMatchObject({
      fileName: 'februar.csv',
      state: 'previewed',
      createdBy: w.leader.display_name,
      rowCount: 2,
      errorRowCount: 0,
      householdCount: 1,
      createCount: 1,
      updateCount: 0,
      committedCount: 0,
      finishedAt: null, // finished when committed or failed, not when previewed
    });

    const secondPage = (await w.client.get('/api/outreach/imports?page=2&pageSize=1')).json();
    expect(secondPage).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(secondPage.items.map((j: { id: string }) => j.id)).toEqual([first]);

    // Past the last page the list is empty, and the total is still every job's.
    const pastLast = (await w.client.get('/api/outreach/imports?page=5&pageSize=1')).json();
    expect(pastLast).toMatchObject({ items: [], total: 2, page: 5, pageSize: 1 });

    // The list read is on the record, naming what it showed and no household.
    const audited = await auditRows(h().db, w.m.municipality.id, { actorId: w.leader.id, action: 'list' });
    const listed = audited.filter((a) => a.entity === 'import_job');
    expect(listed).toHaveLength(3);
    expect(listed[0]!.household_id).toBeNull();
  });

  it('carries no personal data from the rows: only the job’s own columns', async () => {
    const w = await leaderOf(h());
    await w.upload('udtraek.csv');
    const res = await w.client.get('/api/outreach/imports');
    const [job] = res.json().items;
    expect(Object.keys(job).sort()).toEqual(
      [
        'areaId',
        'committedCount',
        'createCount',
        'createdAt',
        'createdBy',
        'errorRowCount',
        'fileName',
        'finishedAt',
        'householdCount',
        'id',
        'rowCount',
        'state',
        'unsureCount',
        'updateCount',
      ].sort(),
    );
    for (const personal of ['050384', 'Søren', 'Ølse', 'Ærø', 'Gudrunsvej', '1984'])
      expect(res.body).not.toContain(personal);
  });

  it('never lists another municipality’s jobs', async () => {
    const ours = await leaderOf(h());
    const theirs = await leaderOf(h());
    const their = await theirs.upload('deres.csv');
    const mine = await ours.upload('vores.csv');
    const list = (await ours.client.get('/api/outreach/imports')).json();
    expect(list.items.map((j: { id: string }) => j.id)).toEqual([mine]);
    expect(list.total).toBe(1);
    expect(JSON.stringify(list)).not.toContain(their);
    // And the other municipality's job cannot be opened by its id either.
    expect((await ours.client.get(`/api/outreach/imports/${their}`)).statusCode).toBe(404);
  });

  it('shows an empty list to a leader whose team has imported nothing, and refuses a bad page', async () => {
    const w = await leaderOf(h());
    const list = (await w.client.get('/api/outreach/imports')).json();
    expect(list).toMatchObject({ items: [], total: 0 });
    const bad = await w.client.get('/api/outreach/imports?pageSize=500');
    expect(bad.statusCode).toBe(400);
  });
});
