import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { OutreachStatusValue } from '../../../src/db/schema';
import {
  addDoorProspect,
  addStaircase,
  addTeam,
  auditRows,
  problemOf,
  staffOf,
} from '../../support/factories';
import { describeEachDatabase, type Harness } from '../../support/harness';

/**
 * Issue 15 §3, visits at the door: idempotent by the device's clientId, a visit recorded without
 * knowing of someone else's is stored with the conflict named, the household's status follows
 * its latest visit but never undoes enrolment or the comparison group, bad input names the field
 * and writes nothing, and only the team working the area reads or records visits.
 */

async function world(h: Harness) {
  const m = await h.municipality({ families: 1, adults: 1, children: 1 });
  const muni = m.municipality.id;
  const k = h.db.kysely;
  const { leader, members } = staffOf(m);
  const areaId = m.areas[0]!.id;
  const staircaseId = await addStaircase(h.db, {
    municipalityId: muni,
    areaId,
    buildingName: `Blok ${randomUUID()}`,
  });
  // Inserted out of stair order on purpose: the walk sorts them.
  const apartments = await k
    .insertInto('apartment')
    .values(
      [
        { floor: 1, door: 'th' },
        { floor: 0, door: 'th' },
        { floor: 1, door: 'tv' },
        { floor: 0, door: 'tv' },
      ].map((a) => ({ municipality_id: muni, staircase_id: staircaseId, ...a })),
    )
    .returning(['id', 'floor', 'door'])
    .execute();
  const at = (floor: number, door: string) =>
    apartments.find((a) => a.floor === floor && a.door === door)!.id;
  const prospect = (apartmentId: string, outreachStatus: OutreachStatusValue, name: string) =>
    addDoorProspect(h.db, {
      municipalityId: muni,
      teamId: leader.team_id!,
      areaId,
      apartmentId,
      name,
      outreachStatus,
    });
  const eligible = await prospect(at(1, 'th'), 'eligible', 'Amal');
  const comparison = await prospect(at(0, 'th'), 'comparison', 'Hodan');
  const enrolled = m.households[0]!.id;
  const workerA = members[0]!;
  const workerB = members[1]!;
  return {
    m,
    muni,
    staircaseId,
    eligible,
    comparison,
    enrolled,
    workerA,
    workerB,
    a: await h.signIn(workerA.username),
    b: await h.signIn(workerB.username),
  };
}

type World = Awaited<ReturnType<typeof world>>;

const visit = (householdId: string, o: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  householdId,
  lastKnownVisitId: null,
  visitedAt: '2026-11-02T10:00:00+01:00',
  outcome: 'not_home',
  ...o,
});

const statusOf = async (h: Harness, w: World, householdId: string) =>
  (
    await h.db.kysely
      .selectFrom('household')
      .select('outreach_status')
      .where('municipality_id', '=', w.muni)
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow()
  ).outreach_status;

const visitCount = async (h: Harness, w: World, householdId: string) =>
  (
    await h.db.kysely
      .selectFrom('outreach_visit')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('municipality_id', '=', w.muni)
      .where('household_id', '=', householdId)
      .executeTakeFirstOrThrow()
  ).n;

describeEachDatabase('outreach visits', (h) => {
  let w: World;
  const fresh = async () => {
    w = await world(h());
    return w;
  };

  it('records a visit, the household’s status follows it, and the write is on the record', async () => {
    await fresh();
    const body = visit(w.eligible, {
      outcome: 'call_back',
      callBackOn: '2026-11-09',
      language: 'SO',
      interpreterNeeded: true,
      note: 'Kom igen mandag',
    });
    const res = await w.a.post('/api/outreach/visits', body);
    expect(res.statusCode, res.body).toBe(201);
    const json = res.json();
    expect(json).toMatchObject({
      replayed: false,
      conflict: null,
      status: 'call_back',
      visit: {
        clientId: body.clientId,
        householdId: w.eligible,
        outcome: 'call_back',
        callBackOn: '2026-11-09',
        language: 'so',
        interpreterNeeded: true,
        note: 'Kom igen mandag',
        visitedBy: { id: w.workerA.id },
        conflictWith: null,
      },
    });
    expect(await statusOf(h(), w, w.eligible)).toBe('call_back');
    const rows = await auditRows(h().db, w.muni, { action: 'create', entityId: json.visit.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entity: 'outreach_visit',
      household_id: w.eligible,
      actor_id: w.workerA.id,
    });
  });

  it('the same clientId again returns the stored visit with 200 and writes no second row', async () => {
    await fresh();
    const body = visit(w.eligible, { outcome: 'talked' });
    const first = await w.a.post('/api/outreach/visits', body);
    expect(first.statusCode).toBe(201);
    const again = await w.a.post('/api/outreach/visits', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().replayed).toBe(true);
    expect(again.json().visit.id).toBe(first.json().visit.id);
    expect(await visitCount(h(), w, w.eligible)).toBe('1');
    // The same clientId for another household is not the same visit: refused, nothing written.
    const other = await w.a.post('/api/outreach/visits', { ...body, householdId: w.enrolled });
    expect(other.statusCode).toBe(409);
    expect(problemOf(other).fields).toEqual(['clientId']);
    expect(await visitCount(h(), w, w.enrolled)).toBe('0');
  });

  it('a visit recorded without knowing of a colleague’s is stored with the conflict named and shown', async () => {
    await fresh();
    const theirs = await w.a.post('/api/outreach/visits', visit(w.eligible, { outcome: 'interested' }));
    expect(theirs.statusCode).toBe(201);
    // B's device last saw the household with no visit: A's came meanwhile.
    const mine = await w.b.post(
      '/api/outreach/visits',
      visit(w.eligible, { outcome: 'not_home', visitedAt: '2026-11-02T11:00:00+01:00' }),
    );
    expect(mine.statusCode, mine.body).toBe(201);
    const json = mine.json();
    expect(json.visit.conflictWith).toBe(theirs.json().visit.id);
    expect(json.conflict).toMatchObject({
      id: theirs.json().visit.id,
      outcome: 'interested',
      visitedBy: { id: w.workerA.id, name: w.workerA.display_name },
      visitedAt: theirs.json().visit.visitedAt,
    });
    // Both kept.
    expect(await visitCount(h(), w, w.eligible)).toBe('2');
    // Knowing A's visit, B's next one is no conflict; nor is B's own earlier visit.
    const next = await w.b.post(
      '/api/outreach/visits',
      visit(w.eligible, { outcome: 'talked', lastKnownVisitId: theirs.json().visit.id }),
    );
    expect(next.json().conflict).toBeNull();
    expect(next.json().visit.conflictWith).toBeNull();
  });

  it('the status follows the latest visit by when it happened, also when an older one arrives late', async () => {
    await fresh();
    await w.a.post(
      '/api/outreach/visits',
      visit(w.eligible, { outcome: 'talked', visitedAt: '2026-11-03T10:00:00Z' }),
    );
    // Queued on a phone since the day before, sent now.
    const late = await w.a.post(
      '/api/outreach/visits',
      visit(w.eligible, { outcome: 'not_home', visitedAt: '2026-11-02T10:00:00Z' }),
    );
    expect(late.statusCode).toBe(201);
    expect(late.json().status).toBe('talked');
    expect(await statusOf(h(), w, w.eligible)).toBe('talked');
  });

  it('never overwrites enrolled, and does not know a comparison household (never contacted, decision 0049)', async () => {
    await fresh();
    const res = await w.a.post(
      '/api/outreach/visits',
      visit(w.enrolled, { outcome: 'not_interested', reason: 'no_time' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('enrolled');
    expect(await statusOf(h(), w, w.enrolled)).toBe('enrolled');
    // A comparison household is invisible to the team: a visit to it is not found, nothing
    // written, its visits not listed.
    const toComparison = await w.a.post(
      '/api/outreach/visits',
      visit(w.comparison, { outcome: 'not_interested', reason: 'no_time' }),
    );
    expect(toComparison.statusCode).toBe(404);
    expect(await visitCount(h(), w, w.comparison)).toBe('0');
    expect(await statusOf(h(), w, w.comparison)).toBe('comparison');
    expect((await w.a.get(`/api/outreach/households/${w.comparison}/visits`)).statusCode).toBe(404);
  });

  it.each([
    ['call back without a date', { outcome: 'call_back' }, 'callBackOn'],
    ['not interested without a reason', { outcome: 'not_interested' }, 'reason'],
    ['a reason with another outcome', { outcome: 'talked', reason: 'health' }, 'reason'],
    ['a note over 500 characters', { note: 'x'.repeat(501) }, 'note'],
    ['an unknown language', { language: 'xx' }, 'language'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['a time that is not one', { visitedAt: 'tomorrow' }, 'visitedAt'],
    ['a time in the future', { visitedAt: '2999-01-01T10:00:00Z' }, 'visitedAt'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, change, field) => {
    if (!w) await fresh();
    const before = await visitCount(h(), w, w.eligible);
    const status = await statusOf(h(), w, w.eligible);
    const res = await w.a.post('/api/outreach/visits', visit(w.eligible, change));
    expect(res.statusCode, res.body).toBe(400);
    expect(problemOf(res).fields).toEqual([field]);
    expect(await visitCount(h(), w, w.eligible)).toBe(before);
    expect(await statusOf(h(), w, w.eligible)).toBe(status);
  });

  it('a companion must be a colleague of the team', async () => {
    await fresh();
    const team2 = await addTeam(h().db, w.m, 1);
    const res = await w.a.post(
      '/api/outreach/visits',
      visit(w.eligible, { companionId: team2.members[0]!.id }),
    );
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).fields).toEqual(['companionId']);
    const ok = await w.a.post('/api/outreach/visits', visit(w.eligible, { companionId: w.workerB.id }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().visit.companion).toMatchObject({ id: w.workerB.id });
  });

  it('the walk lists the staircase’s doors in stair order with names and visits, on the record', async () => {
    await fresh();
    const v = await w.a.post('/api/outreach/visits', visit(w.eligible, { outcome: 'talked' }));
    const res = await w.b.get(`/api/outreach/staircases/${w.staircaseId}/walk`);
    expect(res.statusCode, res.body).toBe(200);
    const walk = res.json();
    expect(walk.doors.map((d: { floor: number; door: string }) => `${d.floor} ${d.door}`)).toEqual([
      '0 tv',
      '0 th',
      '1 tv',
      '1 th',
    ]);
    const door = walk.doors[3];
    expect(door.household).toMatchObject({ id: w.eligible, names: ['Amal Yusuf'], status: 'talked' });
    expect(door.household.visits.map((x: { id: string }) => x.id)).toEqual([v.json().visit.id]);
    expect(walk.doors[0].household).toBeNull();
    // 0 th is the comparison household's: its door shows none (the team never sees it).
    expect(walk.doors[1].household).toBeNull();
    expect(walk.colleagues.map((c: { id: string }) => c.id)).toContain(w.workerA.id);
    const rows = await auditRows(h().db, w.muni, {
      actorId: w.workerB.id,
      action: 'list',
      entityId: w.staircaseId,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entity).toBe('staircase');
  });

  it('a household’s visits, newest first, read on the record', async () => {
    await fresh();
    await w.a.post('/api/outreach/visits', visit(w.eligible, { visitedAt: '2026-11-01T10:00:00Z' }));
    await w.a.post(
      '/api/outreach/visits',
      visit(w.eligible, { outcome: 'talked', visitedAt: '2026-11-05T10:00:00Z' }),
    );
    const res = await w.b.get(`/api/outreach/households/${w.eligible}/visits`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { outcome: string }) => x.outcome)).toEqual(['talked', 'not_home']);
    expect(res.json().status).toBe('talked');
    const rows = await auditRows(h().db, w.muni, {
      actorId: w.workerB.id,
      action: 'read',
      householdId: w.eligible,
    });
    expect(rows.map((r) => r.entity)).toEqual(['household']);
  });

  it('another team’s staff and the analyst are refused, on the record, and nothing is written', async () => {
    await fresh();
    const team2 = await addTeam(h().db, w.m, 1);
    const other = await h().signIn(team2.members[0]!.username);
    const analyst = await h().signIn(staffOf(w.m).analyst.username);
    for (const client of [other, analyst]) {
      expect((await client.post('/api/outreach/visits', visit(w.eligible))).statusCode).toBe(403);
      expect((await client.get(`/api/outreach/households/${w.eligible}/visits`)).statusCode).toBe(403);
      expect((await client.get(`/api/outreach/staircases/${w.staircaseId}/walk`)).statusCode).toBe(403);
    }
    expect(await visitCount(h(), w, w.eligible)).toBe('0');
    const denied = await auditRows(h().db, w.muni, { actorId: team2.members[0]!.id, action: 'denied' });
    expect(denied.map((r) => r.entity)).toEqual(['household', 'household', 'staircase']);
    expect(denied[0]!.household_id).toBe(w.eligible);
  });
});
