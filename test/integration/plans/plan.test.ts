import { expect, it } from 'vitest';
import { auditRows, relationsOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 14 point 3 (decision 0039): the family's plan in its own words — dreams per member as
 * said, with a Danish rendering; goals per domain with the family's priority; every change a
 * numbered version that reads as it was and says what changed; a write on an old version is 409.
 */
describeEachDatabase('the family’s plan: dreams, goals and versions', (h) => {
  async function world() {
    const m = await h().municipality({ families: 2 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const members = m.persons.filter((p) => p.household_id === household.id);
    // The first member speaks Arabic (and Danish) in this test, whatever the generator drew.
    await h()
      .db.kysely.updateTable('person')
      .set({ languages: ['ar', 'da'] })
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', members[0]!.id)
      .execute();
    await h()
      .db.kysely.updateTable('app_user')
      .set({ work_phone: '+45 87 65 43 21' })
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', pair[0]!.id)
      .execute();
    const client = await h().signIn(pair[0]!.username);
    const url = `/api/families/${household.id}/plan`;
    return { m, household, pair, notInPair, members, client, url };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const dream = (w: World, version: number) =>
    w.client.post(`${w.url}/dreams`, {
      version,
      personId: w.members[0]!.id,
      words: 'أريد أن أعمل ممرضة',
      language: 'ar',
      danish: 'Jeg vil gerne arbejde som sygeplejerske',
    });

  it('starts empty at version 0, with the pair’s names and work phones', async () => {
    const w = await world();
    const res = await w.client.get(w.url);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ version: 0, dreams: [], goals: [], abilities: { edit: true } });
    expect(plan.familyReference).toBe(w.household.reference);
    expect(plan.pair).toContainEqual({
      id: w.pair[0]!.id,
      displayName: w.pair[0]!.display_name,
      workPhone: '+45 87 65 43 21',
    });
    expect(plan.people.map((p: { id: string }) => p.id).sort()).toEqual(w.members.map((p) => p.id).sort());
    const audited = await auditRows(h().db, w.m.municipality.id, {
      actorId: w.pair[0]!.id,
      householdId: w.household.id,
      action: 'read',
    });
    expect(audited.map((r) => r.entity)).toContain('plan');
  });

  it('adds a dream as said, in Arabic with a Danish rendering, as version 1 saying what changed', async () => {
    const w = await world();
    const res = await dream(w, 0);
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan.version).toBe(1);
    expect(plan.dreams).toEqual([
      {
        id: expect.any(String),
        personId: w.members[0]!.id,
        words: 'أريد أن أعمل ممرضة',
        language: 'ar',
        danish: 'Jeg vil gerne arbejde som sygeplejerske',
      },
    ]);
    const versions = (await w.client.get(`${w.url}/versions`)).json();
    expect(versions.items).toHaveLength(1);
    expect(versions.items[0]).toMatchObject({
      version: 1,
      changedBy: { id: w.pair[0]!.id },
      changes: [{ kind: 'dream', action: 'add', words: 'أريد أن أعمل ممرضة' }],
    });
  });

  it('refuses a dream in a language the person does not speak, naming the field', async () => {
    const w = await world();
    const res = await w.client.post(`${w.url}/dreams`, {
      version: 0,
      personId: w.members[0]!.id,
      words: 'Je veux travailler',
      language: 'fr',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('language');
    const other = await w.client.post(`${w.url}/dreams`, {
      version: 0,
      personId: w.notInPair[0]!.id,
      words: 'Noget',
      language: 'da',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('personId');
  });

  it('keeps an earlier version readable after a change, and shows the change from → to', async () => {
    const w = await world();
    const v1 = (await dream(w, 0)).json();
    const dreamId = v1.dreams[0].id;
    const goalRes = await w.client.post(`${w.url}/goals`, {
      version: 1,
      domainId: w.m.domains[0]!.id,
      words: 'Amal har et job inden sommer',
      priority: 1,
      agreedOn: '2026-11-20',
      agreedByPersonIds: [w.members[0]!.id],
    });
    expect(goalRes.statusCode, goalRes.body).toBe(201);
    const v2 = goalRes.json();
    expect(v2.version).toBe(2);
    expect(v2.goals[0]).toMatchObject({ priority: 1, agreedOn: '2026-11-20' });

    const edited = await w.client.patch(`${w.url}/dreams/${dreamId}`, {
      version: 2,
      danish: 'Jeg vil være sygeplejerske',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(3);

    const old = await w.client.get(`${w.url}/versions/1`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({
      version: 1,
      goals: [],
      dreams: [{ id: dreamId, danish: 'Jeg vil gerne arbejde som sygeplejerske' }],
    });
    const v3 = (await w.client.get(`${w.url}/versions/3`)).json();
    expect(v3.changes).toEqual([
      {
        kind: 'dream',
        action: 'edit',
        id: dreamId,
        words: 'أريد أن أعمل ممرضة',
        fields: [
          {
            field: 'danish',
            from: 'Jeg vil gerne arbejde som sygeplejerske',
            to: 'Jeg vil være sygeplejerske',
          },
        ],
      },
    ]);
    expect((await w.client.get(`${w.url}/versions/9`)).statusCode).toBe(404);

    const removed = await w.client.delete(`${w.url}/goals/${v2.goals[0].id}?version=3`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ version: 4, goals: [] });
    expect((await w.client.get(`${w.url}/versions/2`)).json().goals).toHaveLength(1);
  });

  it('refuses a change made on an older version with 409, and writes nothing', async () => {
    const w = await world();
    await dream(w, 0);
    const stale = await dream(w, 0);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('version');
    const plan = (await w.client.get(w.url)).json();
    expect(plan).toMatchObject({ version: 1 });
    expect(plan.dreams).toHaveLength(1);
  });

  it('an edit that changes nothing makes no version', async () => {
    const w = await world();
    const v1 = (await dream(w, 0)).json();
    const same = await w.client.patch(`${w.url}/dreams/${v1.dreams[0].id}`, {
      version: 1,
      words: 'أريد أن أعمل ممرضة',
    });
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(1);
  });

  it('refuses a colleague outside the pair (403, audited) and an unknown goal (404)', async () => {
    const w = await world();
    const colleague = await h().signIn(w.notInPair[0]!.username);
    expect((await colleague.get(w.url)).statusCode).toBe(403);
    const refused = await auditRows(h().db, w.m.municipality.id, {
      actorId: w.notInPair[0]!.id,
      householdId: w.household.id,
    });
    expect(refused.map((r) => r.purpose)).toContain('access_check');
    const unknown = await w.client.patch(`${w.url}/goals/${w.members[0]!.id}`, { version: 0, priority: 2 });
    expect(unknown.statusCode).toBe(404);
  });

  it('links a task to a goal of the plan with helpers; refuses another family’s goal and a non-staff helper; a removed goal unlinks', async () => {
    const w = await world();
    const withGoal = await w.client.post(`${w.url}/goals`, {
      version: 0,
      domainId: w.m.domains[0]!.id,
      words: 'Et job inden sommer',
      priority: 1,
    });
    const goalId = withGoal.json().goals[0].id as string;
    const tasks = `/api/families/${w.household.id}/tasks`;
    const created = await w.client.post(tasks, {
      words: 'Skrive et CV',
      domainId: w.m.domains[0]!.id,
      level: 1,
      goalId,
      helperIds: [w.notInPair[0]!.id],
      dueOn: '2027-01-15',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      goalId,
      dueOn: '2027-01-15',
      helpers: [{ id: w.notInPair[0]!.id }],
    });

    const other = relationsOf(w.m, 1);
    const otherGoal = await (await h().signIn(other.pair[0]!.username)).post(
      `/api/families/${other.household.id}/plan/goals`,
      { version: 0, domainId: w.m.domains[0]!.id, words: 'Andet mål', priority: 1 },
    );
    const foreign = await w.client.post(tasks, {
      words: 'X',
      domainId: w.m.domains[0]!.id,
      level: 1,
      goalId: otherGoal.json().goals[0].id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('goalId');
    const notStaff = await w.client.post(tasks, {
      words: 'X',
      domainId: w.m.domains[0]!.id,
      level: 1,
      helperIds: [w.members[0]!.id],
    });
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().errors[0].field).toBe('helperIds');

    const task = created.json();
    const moved = await w.client.patch(`${tasks}/${task.id}`, { version: task.version, helperIds: [] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ helpers: [], version: task.version + 1 });

    expect((await w.client.delete(`${w.url}/goals/${goalId}?version=1`)).statusCode).toBe(200);
    const list = (await w.client.get(tasks)).json();
    expect(list.items.find((t: { id: string }) => t.id === task.id).goalId).toBeNull();
  });

  it('an administrator sets a pair member’s work phone (refusing a malformed one), and the plan prints it', async () => {
    const w = await world();
    const administrator = w.m.users.find((u) => u.role === 'administrator')!;
    const admin = await h().signIn(administrator.username);
    const account = `/api/admin/users/${w.pair[1]!.id}`;
    const before = (await admin.get(account)).json();
    expect(before.workPhone).toBeNull();
    const bad = await admin.patch(account, { version: before.version, workPhone: 'ring mig' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('workPhone');
    const set = await admin.patch(account, { version: before.version, workPhone: '+45 20 30 40 50' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().workPhone).toBe('+45 20 30 40 50');
    const plan = (await w.client.get(w.url)).json();
    expect(plan.pair).toContainEqual({
      id: w.pair[1]!.id,
      displayName: w.pair[1]!.display_name,
      workPhone: '+45 20 30 40 50',
    });
    const cleared = await admin.patch(account, { version: set.json().version, workPhone: '' });
    expect(cleared.json().workPhone).toBeNull();
  });

  it('lists the next appointments, soonest first: kind, Danish date and times, place, with whom; not cancelled, not past', async () => {
    const w = await world();
    // Without the demo's appointments of the family: these are the only ones.
    const k = h().db.kysely;
    const demo = k
      .selectFrom('appointment')
      .select('id')
      .where('municipality_id', '=', w.m.municipality.id)
      .where('household_id', '=', w.household.id);
    await k
      .deleteFrom('appointment_participant')
      .where('municipality_id', '=', w.m.municipality.id)
      .where('appointment_id', 'in', demo)
      .execute();
    await k
      .deleteFrom('appointment')
      .where('municipality_id', '=', w.m.municipality.id)
      .where('household_id', '=', w.household.id)
      .execute();
    const add = async (date: string, body: Record<string, unknown> = {}) => {
      const res = await w.client.post(`/api/families/${w.household.id}/appointments`, {
        kind: 'network_meeting',
        date,
        startTime: '09:30',
        endTime: '10:30',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    // Far ahead, so "next" holds whatever day the test runs; the past one is years back.
    const later = await add('2099-03-02', { place: 'Jobcentret', otherAuthority: 'Jobcenter Aarhus' });
    const sooner = await add('2099-03-01', { kind: 'home_visit', title: 'Besøg', place: 'Hjemme' });
    await add('2020-01-06');
    const cancelled = await add('2099-02-01');
    const gone = await w.client.post(`/api/families/${w.household.id}/appointments/${cancelled.id}/cancel`, {
      version: cancelled.version,
    });
    expect(gone.statusCode, gone.body).toBe(200);

    const plan = (await w.client.get(w.url)).json();
    expect(plan.appointments).toEqual([
      {
        startsAt: sooner.startsAt,
        endsAt: sooner.endsAt,
        date: '2099-03-01',
        startTime: '09:30',
        endTime: '10:30',
        kind: 'home_visit',
        title: 'Besøg',
        place: 'Hjemme',
        otherAuthority: null,
        participants: [w.pair[0]!.display_name],
      },
      expect.objectContaining({
        startsAt: later.startsAt,
        date: '2099-03-02',
        kind: 'network_meeting',
        place: 'Jobcentret',
        otherAuthority: 'Jobcenter Aarhus',
      }),
    ]);
    const audited = await auditRows(h().db, w.m.municipality.id, {
      actorId: w.pair[0]!.id,
      householdId: w.household.id,
      action: 'read',
    });
    expect(audited.some((r) => r.entity === 'plan' && (r.fields ?? []).includes('appointments'))).toBe(true);
  });
});
