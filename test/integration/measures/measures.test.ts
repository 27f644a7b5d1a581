import { expect, it } from 'vitest';
import { today } from '../../../src/shared/common/today';
import type { Instrument } from '../../../src/shared/measures/measures.contract';
import { addDays } from '../../../src/shared/measures/schedule';
import { auditRows, buildMember, relationsOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 15 §5 (decision 0044): the municipality's instruments are data, seeded with the defaults
 * of EVALUATION.md; the pair records a baseline (per adult the instruments and baseline facts, per
 * child the school facts, the staff's assessment of the household), scored on save; an edit is
 * versioned; a follow-up is due six months on, listed for the pair.
 */
describeEachDatabase('measures: instruments and the baseline', (h) => {
  async function world() {
    const m = await h().municipality({ families: 2, adults: 3, children: 3 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    // The demo's measurements of the family (src/demo/measures.ts) go: each test starts from none.
    await h()
      .db.kysely.deleteFrom('measurement')
      .where('municipality_id', '=', m.municipality.id)
      .where('household_id', '=', household.id)
      .execute();
    const pairClient = await h().signIn(pair[0]!.username);
    const res = await pairClient.get('/api/measures/instruments');
    expect(res.statusCode, res.body).toBe(200);
    const instruments: Instrument[] = res.json().items;
    const code = (c: string) => instruments.find((i) => i.code === c)!;
    const members = m.persons.filter((p) => p.household_id === household.id);
    const adult = members.find((p) => p.household_role !== 'child')!;
    const child = members.find((p) => p.household_role === 'child');
    return { m, household, pair, notInPair, pairClient, instruments, code, adult, child };
  }

  type World = Awaited<ReturnType<typeof world>>;

  function baseline(w: World, who5 = [3, 4, 2, 5, 1]) {
    return {
      occasion: 'baseline',
      takenOn: w.household.enrolled_on,
      language: 'da',
      adults: [
        {
          personId: w.adult.id,
          unemploymentYears: 4.5,
          currentStatus: 'CASH_BENEFIT',
          answers: [
            { instrumentId: w.code('NETWORK').id, values: [2] },
            { instrumentId: w.code('WHO5').id, values: who5 },
            { instrumentId: w.code('HEALTH_SELF_MANAGEMENT').id, values: [6] },
          ],
        },
      ],
      children: w.child
        ? [
            {
              personId: w.child.id,
              school: 'Nørrebro Park Skole',
              schoolClass: '4.a',
              absencePercent: 12.5,
              leisureActivities: ['Fodbold'],
            },
          ]
        : [],
      household: [{ instrumentId: w.code('STAFF_WELLBEING').id, values: [4] }],
    };
  }

  it('seeds the four default instruments, with the network question in its original Danish', async () => {
    const w = await world();
    expect(w.instruments.map((i) => i.code)).toEqual([
      'NETWORK',
      'WHO5',
      'HEALTH_SELF_MANAGEMENT',
      'STAFF_WELLBEING',
    ]);
    const network = w.code('NETWORK');
    expect(network.items[0]!.text.da).toBe('Har du et godt netværk af venner og familier, der gør dig glad?');
    expect(network.labels.map((l) => [l.value, l.text.da])).toEqual([
      [1, 'Nej slet ikke'],
      [2, 'Nej, ikke rigtigt'],
      [3, 'Ja, sådan da'],
      [4, 'Ja, helt sikkert'],
    ]);
    expect(w.code('WHO5')).toMatchObject({
      respondent: 'adult',
      scaleMin: 0,
      scaleMax: 5,
      scoring: 'sum_times_4',
    });
    expect(w.code('WHO5').items).toHaveLength(5);
    expect(w.code('STAFF_WELLBEING')).toMatchObject({ respondent: 'staff', scaleMin: 0, scaleMax: 10 });
    expect(w.code('HEALTH_SELF_MANAGEMENT').items[0]!.text.en).toMatch(/health, well-being and energy/);
  });

  it('records a baseline scored on save (WHO-5 3+4+2+5+1 = 15 → 60) and reads it back with its facts', async () => {
    const w = await world();
    const created = await w.pairClient.post(`/api/families/${w.household.id}/measures`, baseline(w));
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ occasion: 'baseline', version: 1, recordedBy: { id: w.pair[0]!.id } });
    const scores = Object.fromEntries(
      m.adults[0].answers.map((a: { instrumentCode: string; score: number }) => [a.instrumentCode, a.score]),
    );
    expect(scores).toEqual({ NETWORK: 2, WHO5: 60, HEALTH_SELF_MANAGEMENT: 6 });
    expect(m.adults[0]).toMatchObject({ unemploymentYears: 4.5, currentStatus: 'CASH_BENEFIT' });
    expect(m.household).toMatchObject([{ instrumentCode: 'STAFF_WELLBEING', values: [4], score: 4 }]);
    if (w.child)
      expect(m.children[0]).toMatchObject({
        school: 'Nørrebro Park Skole',
        schoolClass: '4.a',
        absencePercent: 12.5,
        leisureActivities: ['Fodbold'],
      });

    const read = await w.pairClient.get(`/api/families/${w.household.id}/measures`);
    expect(read.statusCode).toBe(200);
    expect(read.json().items).toHaveLength(1);
    expect(read.json().items[0].adults[0].answers[1]).toMatchObject({ values: [3, 4, 2, 5, 1], score: 60 });
    expect(read.json().next).toMatchObject({ occasion: 'follow_up' });
    const audit = await auditRows(h().db, w.m.municipality.id, { householdId: w.household.id });
    expect(audit.map((r) => [r.action, r.entity])).toEqual(
      expect.arrayContaining([
        ['create', 'measurement'],
        ['read', 'measurement'],
      ]),
    );
  });

  it('refuses an off-scale answer naming the item, and a WHO-5 with an answer missing', async () => {
    const w = await world();
    const off = await w.pairClient.post(
      `/api/families/${w.household.id}/measures`,
      baseline(w, [3, 4, 6, 5, 1]),
    );
    expect(off.statusCode).toBe(400);
    expect(off.json().errors[0]).toMatchObject({ field: 'adults.0.answers.1.values.2' });
    expect(off.json().errors[0].message).toBe('Svaret ligger uden for redskabets skala');
    const short = await w.pairClient.post(
      `/api/families/${w.household.id}/measures`,
      baseline(w, [3, 4, 5, 1]),
    );
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'adults.0.answers.1.values' });
    const none = await w.pairClient.get(`/api/families/${w.household.id}/measures`);
    expect(none.json().items).toEqual([]);
  });

  it('refuses a measurement dated in the future, naming the date', async () => {
    const w = await world();
    const res = await w.pairClient.post(`/api/families/${w.household.id}/measures`, {
      ...baseline(w),
      takenOn: addDays(today(), 1),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'takenOn' });
  });

  it('refuses a child’s facts for an adult and an instrument for the wrong respondent', async () => {
    const w = await world();
    const body = baseline(w);
    const asChild = { ...body, children: [{ personId: w.adult.id, leisureActivities: [] }] };
    const res = await w.pairClient.post(`/api/families/${w.household.id}/measures`, asChild);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'children.0.personId' });
    const staffAsAdult = {
      ...body,
      adults: [
        { personId: w.adult.id, answers: [{ instrumentId: w.code('STAFF_WELLBEING').id, values: [5] }] },
      ],
    };
    const wrong = await w.pairClient.post(`/api/families/${w.household.id}/measures`, staffAsAdult);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'adults.0.answers.0.instrumentId' });
  });

  it('keeps one baseline per family: a second is a conflict', async () => {
    const w = await world();
    const first = await w.pairClient.post(`/api/families/${w.household.id}/measures`, baseline(w));
    expect(first.statusCode).toBe(201);
    const second = await w.pairClient.post(`/api/families/${w.household.id}/measures`, baseline(w));
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0]).toMatchObject({ field: 'occasion' });
  });

  it('an edit rescores and bumps the version; an edit of a stale version is a 409', async () => {
    const w = await world();
    const created = (await w.pairClient.post(`/api/families/${w.household.id}/measures`, baseline(w))).json();
    const url = `/api/families/${w.household.id}/measures/${created.id}`;
    const edited = await w.pairClient.put(url, { ...baseline(w, [5, 5, 5, 5, 4]), version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect(edited.json().adults[0].answers[1]).toMatchObject({ values: [5, 5, 5, 5, 4], score: 96 });
    const stale = await w.pairClient.put(url, { ...baseline(w), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0]).toMatchObject({ field: 'version' });
  });

  it('lists a family as due: the baseline when none is taken, not once it is (the next follow-up is months away)', async () => {
    const w = await world();
    const due = async () =>
      (await w.pairClient.get('/api/measures/due')).json().items as { familyId: string }[];
    const before = await due();
    expect(before.map((i) => i.familyId)).toContain(w.household.id);
    expect(before.find((i) => i.familyId === w.household.id)).toMatchObject({ occasion: 'baseline' });
    await w.pairClient.post(`/api/families/${w.household.id}/measures`, {
      ...baseline(w),
      takenOn: today(),
    });
    const after = await due();
    expect(after.map((i) => i.familyId)).not.toContain(w.household.id);
  });

  it('a team member not working with the family may neither read nor record its measurements', async () => {
    const w = await world();
    const other = await h().signIn(w.notInPair[0]!.username);
    expect((await other.get(`/api/families/${w.household.id}/measures`)).statusCode).toBe(403);
    expect((await other.post(`/api/families/${w.household.id}/measures`, baseline(w))).statusCode).toBe(403);
    const theirs = await other.get('/api/measures/due');
    expect(theirs.json().items.map((i: { familyId: string }) => i.familyId)).not.toContain(w.household.id);
  });
  it('the demo gives families a baseline and follow-ups, scored as EVALUATION.md says, and leaves a baseline due', async () => {
    const m = await h().municipality({ families: 8, adults: 12, children: 10 });
    const k = h().db.kysely;
    const rows = await k
      .selectFrom('measurement')
      .select(['household_id', 'occasion', 'taken_on'])
      .where('municipality_id', '=', m.municipality.id)
      .execute();
    const baselines = new Set(rows.filter((r) => r.occasion === 'baseline').map((r) => r.household_id));
    expect(baselines.size).toBeGreaterThan(4);
    // Every seventh family (the fourth) is left without one: its baseline shows as due.
    expect(baselines.has(m.households[3]!.id)).toBe(false);
    expect(rows.some((r) => r.occasion === 'follow_up')).toBe(true);
    const who5 = await k
      .selectFrom('answer_session as s')
      .innerJoin('instrument as i', (j) =>
        j.onRef('i.municipality_id', '=', 's.municipality_id').onRef('i.id', '=', 's.instrument_id'),
      )
      .innerJoin('answer as a', (j) =>
        j.onRef('a.municipality_id', '=', 's.municipality_id').onRef('a.session_id', '=', 's.id'),
      )
      .select(['s.id', 's.score', 'a.value'])
      .where('s.municipality_id', '=', m.municipality.id)
      .where('i.code', '=', 'WHO5')
      .execute();
    expect(who5.length).toBeGreaterThan(0);
    const sums = new Map<string, { score: number | null; raw: number; n: number }>();
    for (const r of who5) {
      const s = sums.get(r.id) ?? { score: r.score, raw: 0, n: 0 };
      s.raw += r.value;
      s.n += 1;
      sums.set(r.id, s);
    }
    for (const s of sums.values()) expect([s.n, s.score]).toEqual([5, s.raw * 4]);
  });
  it('a follow-up is due six months after the baseline (overdue after seven), and the exit measurement once the family has left', async () => {
    const w = await world();
    const k = h().db.kysely;
    const day = (offsetDays: number) => addDays(today(), offsetDays);
    const created = await w.pairClient.post(`/api/families/${w.household.id}/measures`, {
      ...baseline(w),
      takenOn: day(-213),
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = (await w.pairClient.get(`/api/families/${w.household.id}/measures`)).json();
    expect(read.next.occasion).toBe('follow_up');
    expect(read.next.dueOn < day(0)).toBe(true);
    const due = (await w.pairClient.get('/api/measures/due')).json().items;
    expect(due.find((i: { familyId: string }) => i.familyId === w.household.id)).toMatchObject({
      occasion: 'follow_up',
      overdue: true,
    });

    await k
      .updateTable('household')
      .set({ status: 'exited', exited_on: day(-2) })
      .where('municipality_id', '=', w.m.municipality.id)
      .where('id', '=', w.household.id)
      .execute();
    const exited = (await w.pairClient.get(`/api/families/${w.household.id}/measures`)).json();
    expect(exited.next).toEqual({ occasion: 'exit', dueOn: day(-2) });
  });
  it('an instrument added as rows (a child’s, summed) is offered, answered by a child and scored, with no code changed', async () => {
    const w = await world();
    // A child of the family to answer it (the generator may have given it none).
    const added = await w.pairClient.post(
      `/api/families/${w.household.id}/members`,
      buildMember({ firstName: 'Noor', role: 'child', birthDate: '2016-05-05' }),
    );
    expect(added.statusCode, added.body).toBe(201);
    const childId: string = added
      .json()
      .members.find((p: { firstName: string }) => p.firstName === 'Noor').id;
    const k = h().db.kysely;
    const muni = w.m.municipality.id;
    const { id } = await k
      .insertInto('instrument')
      .values({
        municipality_id: muni,
        code: 'CHILD_MOOD',
        respondent: 'child',
        scale_min: 1,
        scale_max: 3,
        scoring: 'sum',
        position: 9,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('instrument_text')
      .values([
        {
          municipality_id: muni,
          instrument_id: id,
          language: 'da',
          name: 'Barnets humør',
          instructions: 'Vælg et svar.',
        },
        {
          municipality_id: muni,
          instrument_id: id,
          language: 'en',
          name: 'The child’s mood',
          instructions: 'Choose one.',
        },
      ])
      .execute();
    for (const position of [1, 2]) {
      const item = await k
        .insertInto('instrument_item')
        .values({ municipality_id: muni, instrument_id: id, position })
        .returning('id')
        .executeTakeFirstOrThrow();
      await k
        .insertInto('instrument_item_text')
        .values([
          { municipality_id: muni, item_id: item.id, language: 'da', text: `Spørgsmål ${position}` },
          { municipality_id: muni, item_id: item.id, language: 'en', text: `Question ${position}` },
        ])
        .execute();
    }
    const listed = (await w.pairClient.get('/api/measures/instruments')).json().items as Instrument[];
    expect(listed.map((i) => i.code)).toContain('CHILD_MOOD');
    expect(listed.find((i) => i.code === 'CHILD_MOOD')!.items.map((i) => i.text.en)).toEqual([
      'Question 1',
      'Question 2',
    ]);

    const body = baseline(w);
    const child = {
      personId: childId,
      leisureActivities: [],
      answers: [{ instrumentId: id, values: [2, 3] }],
    };
    const res = await w.pairClient.post(`/api/families/${w.household.id}/measures`, {
      ...body,
      children: [child],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().children[0].answers).toMatchObject([
      { instrumentCode: 'CHILD_MOOD', values: [2, 3], score: 5 },
    ]);
    // An adult may not answer a child's instrument.
    const adult = { personId: w.adult.id, answers: [{ instrumentId: id, values: [2, 3] }] };
    const wrong = await w.pairClient.post(`/api/families/${w.household.id}/measures`, {
      ...body,
      occasion: 'follow_up',
      adults: [adult],
      children: [],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'adults.0.answers.0.instrumentId' });
  });
});
