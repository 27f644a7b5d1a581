import pg from 'pg';
import { expect, it } from 'vitest';
import { testDatabaseUrl } from '../../support/databases';
import { uniqueCpr } from '../../support/factories';
import { describeEachDatabase, type Harness } from '../../support/harness';
import { upload, type World, world } from './import-world';

/**
 * Decision 0060: two import commits of different municipalities never wait for each other (an
 * ANALYZE inside the commit held a lock on import_row that made every other commit wait); two of
 * one municipality go one after the other, so the second matches against the people the first
 * saved. Each case pauses a commit half way, after its matching, by holding the row of a
 * household it updates from another connection, and watches whether the other commit waits for
 * it (PostgreSQL's pg_blocking_pids), never the clock. Only PostgreSQL: PGlite is one connection
 * and runs one transaction at a time by design, so no two commits there are ever at once.
 */

const HEAD =
  'Husstand;Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Rolle;Ledighed måneder;Hjemmeboende';
const line = (key: string, cpr: string, name: string) =>
  `${key};Gudrunsvej;18;2;tv;8220;${cpr};${name};Ærø;;forælder;14;`;
const csv = (...lines: string[]) => [HEAD, ...lines].join('\r\n');

const sleep = () => new Promise((r) => setTimeout(r, 50));

async function previewed(w: World, body: string) {
  const res = await upload(w, body);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ state: 'previewed', errorRowCount: 0 });
  return res.json().id as string;
}

const startCommit = async (w: World, jobId: string) =>
  expect((await w.client.post(`/api/outreach/imports/${jobId}/commit`)).statusCode).toBe(202);

async function finished(w: World, jobId: string) {
  for (;;) {
    const job = (await w.client.get(`/api/outreach/imports/${jobId}`)).json();
    if (job.state === 'committed' || job.state === 'failed') return job;
    await sleep();
  }
}

/** A municipality whose household of the CPR is saved already (a first import), to be updated. */
async function withHousehold(h: Harness) {
  const w = await world(h);
  const cpr = uniqueCpr('1984-03-05');
  const first = await previewed(w, csv(line('H1', cpr, 'Søren')));
  await startCommit(w, first);
  expect(await finished(w, first)).toMatchObject({ state: 'committed' });
  const { household_id: householdId } = await h.db.kysely
    .selectFrom('person')
    .select('household_id')
    .where('municipality_id', '=', w.m.municipality.id)
    .where('cpr', '=', cpr)
    .executeTakeFirstOrThrow();
  return { w, cpr, householdId };
}

/** Another connection holding the household's row: a commit updating it stops there. */
async function holdHousehold(municipalityId: string, householdId: string) {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query('begin');
  await client.query('select id from household where municipality_id = $1 and id = $2 for update', [
    municipalityId,
    householdId,
  ]);
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return {
    client,
    holder: rows[0]!.pid,
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

/** The backend of the commit that waits for the holder, once it does (its matching is done then). */
async function pausedBy(client: pg.Client, holder: number): Promise<number> {
  for (;;) {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
      [holder],
    );
    if (rows[0]) return rows[0].pid;
    await sleep();
  }
}

/** Backends waiting for the paused commit. */
const waitingFor = async (client: pg.Client, paused: number) =>
  (
    await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
      [paused],
    )
  ).rows.length;

describeEachDatabase('outreach: import commits at once', (h) => {
  it('a commit of another municipality does not wait for one under way', async () => {
    if (h().kind === 'pglite') return; // one transaction at a time by design (see above)
    const a = await withHousehold(h());
    const b = await world(h());
    const jobA = await previewed(a.w, csv(line('H1', a.cpr, 'Søren')));
    const jobB = await previewed(b, csv(line('H1', uniqueCpr('1990-01-01'), 'Ida')));
    const held = await holdHousehold(a.w.m.municipality.id, a.householdId);
    try {
      await startCommit(a.w, jobA);
      const paused = await pausedBy(held.client, held.holder);
      await startCommit(b, jobB);
      let job = (await b.client.get(`/api/outreach/imports/${jobB}`)).json();
      while (job.state === 'committing') {
        expect(await waitingFor(held.client, paused), 'the other municipality’s commit waits').toBe(0);
        await sleep();
        job = (await b.client.get(`/api/outreach/imports/${jobB}`)).json();
      }
      expect(job).toMatchObject({ state: 'committed', committedCount: 1 });
      expect((await a.w.client.get(`/api/outreach/imports/${jobA}`)).json().state).toBe('committing');
    } finally {
      await held.release();
    }
    expect(await finished(a.w, jobA)).toMatchObject({ state: 'committed', committedCount: 1 });
  });

  it('two commits of one municipality go one after the other, the second matching the first’s people', async () => {
    if (h().kind === 'pglite') return; // one transaction at a time by design (see above)
    const a = await withHousehold(h());
    const newcomer = uniqueCpr('1992-04-04');
    // Both files bring the same new person; the first also updates the saved household.
    const first = await previewed(a.w, csv(line('H1', a.cpr, 'Søren'), line('H2', newcomer, 'Nora')));
    const second = await previewed(a.w, csv(line('H2', newcomer, 'Nora')));
    const held = await holdHousehold(a.w.m.municipality.id, a.householdId);
    try {
      await startCommit(a.w, first);
      const paused = await pausedBy(held.client, held.holder);
      await startCommit(a.w, second);
      // The second waits for the first (rather than saving Nora a second time beside it).
      let waited = false;
      for (;;) {
        waited = (await waitingFor(held.client, paused)) > 0;
        if (waited) break;
        if ((await a.w.client.get(`/api/outreach/imports/${second}`)).json().state !== 'committing') break;
        await sleep();
      }
      expect(waited, 'the second commit waits for the first').toBe(true);
    } finally {
      await held.release();
    }
    expect(await finished(a.w, first)).toMatchObject({ state: 'committed' });
    expect(await finished(a.w, second)).toMatchObject({ state: 'committed', committedCount: 1 });
    const nora = await h()
      .db.kysely.selectFrom('person')
      .select('household_id')
      .where('municipality_id', '=', a.w.m.municipality.id)
      .where('cpr', '=', newcomer)
      .execute();
    expect(nora).toHaveLength(1);
  });
});
