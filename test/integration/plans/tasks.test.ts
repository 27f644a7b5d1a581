import { expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addTeam, auditRows, relationsOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 14 point 4 (decision 0036): the pair writes a task in the family's words, the rule
 * proposes specialists from competences and load, the pair routes it to one of them, who reads
 * the family's tasks (not the rest of the family) while it is routed and open, accepts it or
 * hands it back.
 */
describeEachDatabase('tasks the family defines, routed by level', (h) => {
  /** A health specialist on another team: the only person in the municipality with health level 3. */
  async function world() {
    const m = await h().municipality({ families: 2 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const team2 = await addTeam(h().db, m, 2);
    const specialist = team2.members[0]!;
    const health = healthOf(m);
    const k = h().db.kysely;
    await k
      .deleteFrom('staff_competence')
      .where('municipality_id', '=', m.municipality.id)
      .where('domain_id', '=', health)
      .execute();
    await k
      .insertInto('staff_competence')
      .values({ municipality_id: m.municipality.id, user_id: specialist.id, domain_id: health, level: 3 })
      .execute();
    const pairClient = await h().signIn(pair[0]!.username);
    return { m, household, pair, notInPair, team2, specialist, health, pairClient };
  }

  const healthOf = (m: GeneratedMunicipality) => m.domains.find((d) => d.code === 'health_mental_health')!.id;

  async function newTask(w: Awaited<ReturnType<typeof world>>) {
    const created = await w.pairClient.post(`/api/families/${w.household.id}/tasks`, {
      words: 'Min søn skal til tandlæge, og jeg tør ikke ringe',
      domainId: w.health,
      level: 3,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json();
  }

  it('creates a task in the family’s words, owned by the pair member who wrote it', async () => {
    const w = await world();
    const task = await newTask(w);
    expect(task).toMatchObject({
      words: 'Min søn skal til tandlæge, og jeg tør ikke ringe',
      level: 3,
      state: 'open',
      routingState: 'none',
      owner: { id: w.pair[0]!.id },
      raisedByStaffId: w.pair[0]!.id,
      abilities: { update: true, route: true },
    });
    const list = await w.pairClient.get(`/api/families/${w.household.id}/tasks`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const mine = await w.pairClient.get('/api/tasks/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((t: { id: string }) => t.id)).toContain(task.id);
  });

  it('refuses a task without words, naming the field, in Danish', async () => {
    const w = await world();
    const res = await w.pairClient.post(`/api/families/${w.household.id}/tasks`, {
      words: '',
      domainId: w.health,
      level: 3,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('words');
  });

  it('proposes the health specialist with the reasons, routes to them and refuses someone not proposed', async () => {
    const w = await world();
    const task = await newTask(w);
    const proposals = await w.pairClient.get(`/api/families/${w.household.id}/tasks/${task.id}/proposals`);
    expect(proposals.statusCode, proposals.body).toBe(200);
    const body = proposals.json();
    expect(body.routing.proposals.map((p: { staffId: string }) => p.staffId)).toEqual([w.specialist.id]);
    expect(body.routing.proposals[0].reasons).toContainEqual({
      code: 'competence',
      domainId: w.health,
      level: 3,
    });
    expect(body.staff).toContainEqual({ id: w.specialist.id, displayName: expect.any(String) });

    const notProposed = await w.pairClient.post(`/api/families/${w.household.id}/tasks/${task.id}/route`, {
      staffId: w.notInPair[0]!.id,
      version: task.version,
    });
    expect(notProposed.statusCode).toBe(400);
    expect(notProposed.json().errors[0].field).toBe('staffId');

    const routed = await w.pairClient.post(`/api/families/${w.household.id}/tasks/${task.id}/route`, {
      staffId: w.specialist.id,
      version: task.version,
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json()).toMatchObject({ routingState: 'asked', routedTo: { id: w.specialist.id } });
  });

  it('lets the asked specialist read the family’s tasks but not the family, accept, and hand back; then nothing', async () => {
    const w = await world();
    const task = await newTask(w);
    const routed = await w.pairClient.post(`/api/families/${w.household.id}/tasks/${task.id}/route`, {
      staffId: w.specialist.id,
      version: task.version,
    });
    expect(routed.statusCode, routed.body).toBe(200);

    const s = await h().signIn(w.specialist.username);
    const asked = await s.get('/api/tasks/asked');
    expect(asked.statusCode).toBe(200);
    const item = asked.json().items.find((t: { id: string }) => t.id === task.id);
    expect(item).toMatchObject({
      routingState: 'asked',
      ageDays: 0,
      abilities: { accept: true, handBack: true },
    });

    const tasks = await s.get(`/api/families/${w.household.id}/tasks`);
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json().items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    // The family itself (its members, their CPR) stays closed to the specialist.
    const family = await s.get(`/api/families/${w.household.id}`);
    expect(family.statusCode).toBe(403);
    expect(family.body).not.toMatch(/cpr/i);
    const member = w.m.persons.find((p) => p.household_id === w.household.id)!;
    const cpr = await s.post(`/api/families/${w.household.id}/members/${member.id}/cpr`);
    expect(cpr.statusCode).toBe(403);

    const reads = await auditRows(h().db, w.m.municipality.id, {
      actorId: w.specialist.id,
      householdId: w.household.id,
      action: 'read',
    });
    expect(reads.map((r) => r.entity)).toContain('task');

    const accepted = await s.post(`/api/tasks/${task.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().routingState).toBe('accepted');
    const seen = await w.pairClient.get(`/api/families/${w.household.id}/tasks`);
    expect(seen.json().items[0]).toMatchObject({
      routingState: 'accepted',
      routedTo: { id: w.specialist.id },
    });

    const noReason = await s.post(`/api/tasks/${task.id}/hand-back`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const handed = await s.post(`/api/tasks/${task.id}/hand-back`, { reason: 'Ikke min kommune' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ routingState: 'handed_back', handBackReason: 'Ikke min kommune' });
    const after = await s.get(`/api/families/${w.household.id}/tasks`);
    expect(after.statusCode).toBe(403);
  });

  it('refuses a stale version with 409, and another team’s staff and a colleague not asked', async () => {
    const w = await world();
    const task = await newTask(w);
    const moved = await w.pairClient.patch(`/api/families/${w.household.id}/tasks/${task.id}`, {
      version: task.version,
      state: 'in_progress',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'in_progress', version: task.version + 1 });
    const stale = await w.pairClient.patch(`/api/families/${w.household.id}/tasks/${task.id}`, {
      version: task.version,
      state: 'done',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('version');

    const other = await h().signIn(w.team2.members[1]!.username);
    expect((await other.get(`/api/families/${w.household.id}/tasks`)).statusCode).toBe(403);
    const write = await other.post(`/api/families/${w.household.id}/tasks`, {
      words: 'x',
      domainId: w.health,
      level: 1,
    });
    expect(write.statusCode).toBe(403);
    // Not asked: the specialist may not accept a task never routed to them.
    const s = await h().signIn(w.specialist.username);
    expect((await s.post(`/api/tasks/${task.id}/accept`)).statusCode).toBe(403);
  });

  it('lets the specialist who accepted take the task over: a sensitive note about it, moved on, closed; then nothing', async () => {
    const w = await world();
    const task = await newTask(w);
    const f = `/api/families/${w.household.id}`;
    await w.pairClient.post(`${f}/tasks/${task.id}/route`, {
      staffId: w.specialist.id,
      version: task.version,
    });
    const s = await h().signIn(w.specialist.username);
    // Asked: the tasks are readable, nothing writable.
    const asked = (await s.get(`${f}/tasks`)).json();
    expect(asked.items[0].abilities).toMatchObject({ update: false, moveOn: false, linkNote: false });
    expect((await s.get(`${f}/notes`)).json().abilities.create).toBe(false);

    expect((await s.post(`/api/tasks/${task.id}/accept`)).statusCode).toBe(200);
    const taken = (await s.get(`${f}/tasks`)).json();
    // The server says what the page may offer: the task's state and notes about it, no more.
    expect(taken.abilities.create).toBe(false);
    expect(taken.items[0].abilities).toMatchObject({
      update: false,
      moveOn: true,
      linkNote: true,
      route: false,
    });
    expect((await s.get(`${f}/notes`)).json().abilities.create).toBe(true);

    const written = await s.post(`${f}/notes`, {
      occurredOn: '2026-11-02',
      kind: 'phone',
      text: 'Faren fortalte om sin depression',
      participants: [],
      interpreterUsed: false,
      taskIds: [task.id],
      sensitive: true,
      sensitiveCategory: 'health',
    });
    expect(written.statusCode, written.body).toBe(201);
    expect(written.json()).toMatchObject({ readable: true, author: { id: w.specialist.id } });
    const mine = (await s.get(`${f}/notes`)).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ text: 'Faren fortalte om sin depression', abilities: { correct: true } });

    const moved = await s.patch(`${f}/tasks/${task.id}`, { version: task.version + 2, state: 'in_progress' });
    expect(moved.statusCode, moved.body).toBe(200);
    const stale = await s.patch(`${f}/tasks/${task.id}`, { version: task.version + 2, state: 'done' });
    expect(stale.statusCode).toBe(409);
    const done = await s.patch(`${f}/tasks/${task.id}`, { version: moved.json().version, state: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', abilities: { moveOn: false, linkNote: false } });

    // The pair sees it done, reads the note; the specialist's access ended with the task.
    const pairView = (await w.pairClient.get(`${f}/tasks`)).json().items[0];
    expect(pairView).toMatchObject({ state: 'done', routingState: 'accepted' });
    const pairNotes = (await w.pairClient.get(`${f}/notes`)).json().items;
    expect(pairNotes[0]).toMatchObject({ readable: true, text: 'Faren fortalte om sin depression' });
    expect((await s.get(`${f}/tasks`)).statusCode).toBe(403);
    expect((await s.get(`${f}/notes`)).statusCode).toBe(403);
    // A colleague on the family's team sees that a sensitive note exists, not its text.
    const colleague = await h().signIn(w.notInPair[0]!.username);
    const seen = await colleague.get(`${f}/notes`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items[0]).toMatchObject({ sensitive: true, readable: false, text: null });
    expect(seen.body).not.toContain('depression');
  });
});
