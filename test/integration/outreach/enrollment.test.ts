import { expect, it } from 'vitest';
import { addProspect, problemOf, relationsOf, staffOf } from '../../support/factories';
import { describeEachDatabase, type Harness } from '../../support/harness';

/**
 * Issue 15 §4 (decision 0049): an interested household becomes an enrolled family in one
 * transaction — consents, the pair (the leader's), the baseline — and a bad field anywhere
 * changes nothing; a household placed in the comparison group is gone for the team, in every
 * list, and only counted for analysts.
 */

async function world(h: Harness) {
  const m = await h.municipality({ families: 2 });
  const staff = staffOf(m);
  const { notInPair } = relationsOf(m, 0);
  const member = notInPair[0]!;
  const instruments = await h.db.kysely
    .selectFrom('instrument')
    .select(['id', 'code'])
    .where('municipality_id', '=', m.municipality.id)
    .execute();
  const code = (c: string) => instruments.find((i) => i.code === c)!.id;
  return {
    m,
    staff,
    member,
    code,
    memberClient: await h.signIn(member.username),
    leaderClient: await h.signIn(staff.leader.username),
    analystClient: await h.signIn(staff.analyst.username),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const consent = {
  purpose: 'cross_department_sharing',
  scope: 'Alle fem forvaltninger',
  givenOn: '2026-11-02',
  givenHow: 'signed',
  language: 'ar',
  interpreter: true,
};

const baselineOf = (w: World, p: { adultId: string; childId: string }) => ({
  takenOn: '2026-11-02',
  language: 'da',
  adults: [
    {
      personId: p.adultId,
      unemploymentYears: 2.5,
      currentStatus: 'CASH_BENEFIT',
      answers: [{ instrumentId: w.code('NETWORK'), values: [2] }],
    },
  ],
  children: [
    {
      personId: p.childId,
      school: 'Ellekærskolen',
      schoolClass: '5.b',
      absencePercent: 12,
      leisureActivities: ['Fodbold'],
    },
  ],
});

/** What enrolling may change, read straight from the database. */
async function stateOf(h: Harness, w: World, id: string) {
  const k = h.db.kysely;
  const m = w.m.municipality.id;
  const household = await k
    .selectFrom('household')
    .select(['status', 'outreach_status', 'enrolled_on', 'enrolled_by', 'version'])
    .where('municipality_id', '=', m)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const count = async (table: 'consent' | 'measurement' | 'pair_assignment' | 'change_record') =>
    Number(
      (
        await k
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('municipality_id', '=', m)
          .where('household_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    household,
    consents: await count('consent'),
    measurements: await count('measurement'),
    pairs: await count('pair_assignment'),
    history: await count('change_record'),
  };
}

describeEachDatabase('enrollment from outreach', (h) => {
  it('enrolls an interested household: in the register with its consent and baseline, the enroller with full access', async () => {
    const w = await world(h());
    const p = await addProspect(h().db, w.m);
    const start = await w.memberClient.get(`/api/outreach/households/${p.id}/enrollment`);
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json()).toMatchObject({
      id: p.id,
      outreachStatus: 'interested',
      abilities: { enroll: true, placeInComparison: true, assignPair: false },
    });
    expect(start.json().members.map((x: { role: string }) => x.role)).toEqual(['parent', 'child']);

    const res = await w.memberClient.post(`/api/outreach/households/${p.id}/enroll`, {
      version: p.version,
      enrolledOn: '2026-11-02',
      consents: [consent, { purpose: 'case_work', givenOn: '2026-11-02', givenHow: 'oral' }],
      baseline: baselineOf(w, p),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ familyId: p.id, reference: p.reference });

    const state = await stateOf(h(), w, p.id);
    expect(state.household).toMatchObject({
      status: 'enrolled',
      outreach_status: 'enrolled',
      enrolled_on: '2026-11-02',
      enrolled_by: w.member.id,
    });
    expect(state).toMatchObject({ consents: 2, measurements: 1, pairs: 0 });

    const list = await w.memberClient.post('/api/families/search', { q: p.reference });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const page = await w.memberClient.get(`/api/families/${p.id}`);
    expect(page.statusCode).toBe(200);
    // The enroller works with the family until the leader assigns the pair (migration 0017).
    expect(page.json().abilities).toMatchObject({ readFull: true, update: true, manageConsent: true });
    expect(page.json().consents).toContainEqual(
      expect.objectContaining({
        purpose: 'cross_department_sharing',
        scope: 'Alle fem forvaltninger',
        givenHow: 'signed',
        language: 'ar',
        interpreter: true,
        recordedBy: expect.objectContaining({ id: w.member.id }),
      }),
    );
    const measures = await w.memberClient.get(`/api/families/${p.id}/measures`);
    expect(measures.json().items).toHaveLength(1);
    expect(measures.json().items[0]).toMatchObject({
      occasion: 'baseline',
      adults: [{ unemploymentYears: 2.5, currentStatus: 'CASH_BENEFIT', answers: [{ score: 2 }] }],
      children: [{ school: 'Ellekærskolen', schoolClass: '5.b', absencePercent: 12 }],
    });
    const history = await w.memberClient.get(`/api/families/${p.id}/history`);
    expect(history.json().items.map((i: { action: string }) => i.action)).toEqual(
      expect.arrayContaining(['enrol', 'give_consent']),
    );
  });

  it('the leader assigns the pair in the flow; a team member’s pair is refused and changes nothing', async () => {
    const w = await world(h());
    const [a, b] = w.staff.members;
    const p = await addProspect(h().db, w.m);
    const body = {
      version: p.version,
      enrolledOn: '2026-11-02',
      consents: [consent],
      pair: [a!.id, b!.id],
    };
    const before = await stateOf(h(), w, p.id);
    const refused = await w.memberClient.post(`/api/outreach/households/${p.id}/enroll`, body);
    expect(refused.statusCode).toBe(403);
    expect(await stateOf(h(), w, p.id)).toEqual(before);

    const res = await w.leaderClient.post(`/api/outreach/households/${p.id}/enroll`, body);
    expect(res.statusCode, res.body).toBe(201);
    const page = await w.leaderClient.get(`/api/families/${p.id}`);
    expect(
      page
        .json()
        .pair.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());
  });

  it('a bad consent field or a bad baseline answer is refused naming the field, and nothing is saved', async () => {
    const w = await world(h());
    const p = await addProspect(h().db, w.m);
    const before = await stateOf(h(), w, p.id);
    const url = `/api/outreach/households/${p.id}/enroll`;
    const good = { version: p.version, enrolledOn: '2026-11-02', consents: [consent] };

    const noLanguage = await w.memberClient.post(url, {
      ...good,
      consents: [{ ...consent, language: null }],
    });
    expect(noLanguage.statusCode).toBe(400);
    expect(problemOf(noLanguage).fields).toContain('consents.0.language');

    const badAbsence = await w.memberClient.post(url, {
      ...good,
      baseline: { ...baselineOf(w, p), children: [{ ...baselineOf(w, p).children[0], absencePercent: 150 }] },
    });
    expect(badAbsence.statusCode).toBe(400);
    expect(problemOf(badAbsence).fields).toContain('baseline.children.0.absencePercent');

    // Checked by the server after the household, consents and pair were written: rolled back.
    const offScale = baselineOf(w, p);
    offScale.adults[0]!.answers = [{ instrumentId: w.code('NETWORK'), values: [9] }];
    const late = await w.memberClient.post(url, { ...good, baseline: offScale });
    expect(late.statusCode, late.body).toBe(400);
    expect(problemOf(late).fields).toContain('baseline.adults.0.answers.0.values.0');

    const twice = await w.memberClient.post(url, { ...good, consents: [consent, consent] });
    expect(twice.statusCode).toBe(400);
    expect(problemOf(twice).fields).toContain('consents.1.purpose');

    const none = await w.memberClient.post(url, { ...good, consents: [] });
    expect(none.statusCode).toBe(400);

    expect(await stateOf(h(), w, p.id)).toEqual(before);
    const list = await w.memberClient.post('/api/families/search', { q: p.reference });
    expect(list.json().items).toEqual([]);
  });

  it('enrolls only an interested household, at the version the flow opened', async () => {
    const w = await world(h());
    const notInterested = await addProspect(h().db, w.m, { outreachStatus: 'not_interested' });
    const refused = await w.memberClient.post(`/api/outreach/households/${notInterested.id}/enroll`, {
      version: notInterested.version,
      enrolledOn: '2026-11-02',
      consents: [consent],
    });
    expect(refused.statusCode).toBe(409);
    const p = await addProspect(h().db, w.m);
    const stale = await w.memberClient.post(`/api/outreach/households/${p.id}/enroll`, {
      version: p.version + 1,
      enrolledOn: '2026-11-02',
      consents: [consent],
    });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).fields).toContain('version');
    const first = await w.memberClient.post(`/api/outreach/households/${p.id}/enroll`, {
      version: p.version,
      enrolledOn: '2026-11-02',
      consents: [consent],
    });
    expect(first.statusCode).toBe(201);
    // Enrolled, it is a family: outreach's flow no longer finds it.
    const again = await w.memberClient.get(`/api/outreach/households/${p.id}/enrollment`);
    expect(again.statusCode).toBe(404);
  });

  it('a household placed in the comparison group is invisible to the team in every list, and counted for analysts', async () => {
    const w = await world(h());
    // A building of the team's area with one staircase, so the household has a place in the picture.
    const building = await w.leaderClient.post('/api/outreach/buildings', {
      areaId: w.m.team.area_id,
      name: 'Blok C',
    });
    expect(building.statusCode, building.body).toBe(201);
    const buildingId = building.json().id;
    const stair = await w.leaderClient.post(`/api/outreach/buildings/${buildingId}/staircases`, {
      street: 'Gudrunsvej',
      number: '40',
      highestFloor: 1,
      doors: ['tv', 'th'],
    });
    expect(stair.statusCode, stair.body).toBe(201);
    const apartments = await h()
      .db.kysely.selectFrom('apartment')
      .select('id')
      .where('municipality_id', '=', w.m.municipality.id)
      .where('staircase_id', '=', stair.json().id)
      .orderBy('floor')
      .orderBy('door')
      .execute();
    const p = await addProspect(h().db, w.m, { outreachStatus: 'not_home', apartmentId: apartments[0]!.id });
    const seen = await w.memberClient.get(`/api/outreach/buildings/${buildingId}`);
    expect(
      seen.json().apartments.map((a: { household: { id: string } | null }) => a.household?.id),
    ).toContain(p.id);

    const placed = await w.memberClient.post(`/api/outreach/households/${p.id}/comparison`, {
      version: p.version,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    const row = await h()
      .db.kysely.selectFrom('household')
      .select(['status', 'outreach_status', 'comparison_by'])
      .where('municipality_id', '=', w.m.municipality.id)
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'prospect', outreach_status: 'comparison', comparison_by: w.member.id });

    for (const client of [w.memberClient, w.leaderClient]) {
      const picture = await client.get(`/api/outreach/buildings/${buildingId}`);
      expect(picture.statusCode).toBe(200);
      const cells = picture.json().apartments;
      expect(cells).toHaveLength(4);
      expect(cells.every((a: { household: unknown }) => a.household === null)).toBe(true);
      const buildings = await client.get(`/api/outreach/areas/${w.m.team.area_id}/buildings`);
      const counts = buildings.json().items.find((b: { id: string }) => b.id === buildingId).counts;
      expect(counts).toEqual({});
      expect(JSON.stringify(buildings.json())).not.toContain('comparison');
      expect((await client.get(`/api/outreach/households/${p.id}/enrollment`)).statusCode).toBe(404);
      expect((await client.get(`/api/families/${p.id}`)).statusCode).toBe(404);
      const search = await client.post('/api/families/search', { q: p.reference, pageSize: 200 });
      expect(search.json().items).toEqual([]);
      const everyone = await client.post('/api/families/search', { pageSize: 200 });
      expect(everyone.json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
      const exported = await client.post('/api/families/export', { format: 'csv' });
      expect(exported.statusCode).toBe(200);
      expect(exported.body).not.toContain(p.reference);
      // Final: it cannot be enrolled or placed again by the team.
      const enroll = await client.post(`/api/outreach/households/${p.id}/enroll`, {
        version: p.version + 1,
        enrolledOn: '2026-11-02',
        consents: [consent],
      });
      expect(enroll.statusCode).toBe(404);
    }

    // Analysts: counts only, a count below five suppressed.
    const few = await w.analystClient.get('/api/outreach/comparison-group');
    expect(few.statusCode).toBe(200);
    const area = (r: typeof few) =>
      r.json().areas.find((a: { areaId: string }) => a.areaId === w.m.team.area_id);
    expect(area(few)).toMatchObject({ households: null, adults: null, children: null });
    expect(few.json().minimumCell).toBe(5);
    for (let i = 0; i < 4; i++) {
      const more = await addProspect(h().db, w.m, { outreachStatus: 'eligible' });
      const r = await w.leaderClient.post(`/api/outreach/households/${more.id}/comparison`, {
        version: more.version,
      });
      expect(r.statusCode).toBe(200);
    }
    const five = await w.analystClient.get('/api/outreach/comparison-group');
    expect(area(five)).toMatchObject({ households: 5, adults: 5, children: 5 });
    expect(JSON.stringify(five.json())).not.toContain(p.reference);
  });

  it('places only an eligible household not enrolled in the comparison group', async () => {
    const w = await world(h());
    const notEligible = await addProspect(h().db, w.m, { outreachStatus: 'not_eligible', eligible: false });
    const res = await w.memberClient.post(`/api/outreach/households/${notEligible.id}/comparison`, {
      version: notEligible.version,
    });
    expect(res.statusCode).toBe(409);
    const start = await w.memberClient.get(`/api/outreach/households/${notEligible.id}/enrollment`);
    expect(start.json().abilities).toMatchObject({ enroll: false, placeInComparison: false });
  });
});
