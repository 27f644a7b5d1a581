import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { today } from '../../../src/shared/common/today';
import { addTeam, auditRows, clearJournal, relationsOf, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 14 §5 (decision 0037): the journal's contact notes. The pair writes a note (kind,
 * participants, interpreter, linked tasks); a sensitive note is read by the pair, a cover, the
 * leader and the specialist routed a task it is linked to — everyone else on the team sees that
 * it exists and its date, nothing more; a correction keeps the earlier text; a stale version is 409.
 */
describeEachDatabase('journal: contact notes', (h) => {
  async function world() {
    const m = await h().municipality({ families: 2 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const team2 = await addTeam(h().db, m, 2);
    const k = h().db.kysely;
    const muni = m.municipality.id;
    const member = m.persons.find((p) => p.household_id === household.id)!;
    await clearJournal(h().db, muni, household.id);
    // A task of the family asked of a specialist on the other team, and one of nobody's.
    const task = (routedTo: string | null) =>
      k
        .insertInto('task')
        .values({
          municipality_id: muni,
          household_id: household.id,
          words: `Opgave ${randomUUID()}`,
          domain_id: m.domains[0]!.id,
          level: 3,
          owner_id: pair[0]!.id,
          routed_to: routedTo,
          routing_state: routedTo ? 'asked' : 'none',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const specialist = team2.members[0]!;
    const routedTask = await task(specialist.id);
    const otherTask = await task(null);
    // A cover in force today: notInPair[1] stands in for pair[1].
    const backup = notInPair[1]!;
    await k
      .insertInto('pair_cover')
      .values({
        municipality_id: muni,
        team_id: staffOf(m).leader.team_id!,
        absent_id: pair[1]!.id,
        backup_id: backup.id,
        starts_on: today(),
        ends_on: today(),
        created_by: staffOf(m).leader.id,
      })
      .execute();
    const sign = (u: { username: string }) => h().signIn(u.username);
    return {
      m,
      household,
      member,
      routedTask,
      otherTask,
      url: `/api/families/${household.id}/notes`,
      pair: await sign(pair[0]!),
      pairIds: pair.map((p) => p.id),
      sameTeam: await sign(notInPair[0]!),
      cover: await sign(backup),
      leader: await sign(staffOf(m).leader),
      specialist: await sign(specialist),
      specialistId: specialist.id,
      otherTeam: await sign(team2.members[1]!),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  async function addNote(w: World, body: Record<string, unknown>) {
    const res = await w.pair.post(w.url, {
      occurredOn: '2026-11-02',
      kind: 'home_visit',
      text: 'Hjemmebesøg: vi talte om skolestart.',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('writes a note with kind, participants, interpreter and linked tasks, audited', async () => {
    const w = await world();
    const note = await addNote(w, {
      participants: [
        { kind: 'member', personId: w.member.id },
        { kind: 'staff', staffId: w.pairIds[1] },
        { kind: 'other', role: 'Skolelærer' },
      ],
      interpreterUsed: true,
      interpreterLanguage: 'AR',
      taskIds: [w.otherTask.id],
    });
    expect(note).toMatchObject({
      kind: 'home_visit',
      readable: true,
      sensitive: false,
      interpreterUsed: true,
      interpreterLanguage: 'ar',
      version: 1,
      abilities: { correct: true },
    });
    expect(note.participants.map((p: { kind: string }) => p.kind)).toEqual(['member', 'staff', 'other']);
    expect(note.participants[0].name).toBe(`${w.member.first_name} ${w.member.last_name}`);
    expect(note.participants[2]).toMatchObject({ role: 'Skolelærer', id: null });
    expect(note.tasks).toEqual([{ id: w.otherTask.id, words: expect.stringMatching(/^Opgave /) }]);
    const rows = await auditRows(h().db, w.m.municipality.id, { entityId: note.id });
    expect(rows.map((r) => [r.action, r.entity])).toContainEqual(['create', 'journal_note']);
  });

  it('refuses bad input naming the field: no text, a sensitive note without category, a foreign member', async () => {
    const w = await world();
    const noText = await w.pair.post(w.url, { occurredOn: '2026-11-02', kind: 'phone', text: '' });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().errors.map((e: { field: string }) => e.field)).toContain('text');
    const noCategory = await w.pair.post(w.url, {
      occurredOn: '2026-11-02',
      kind: 'phone',
      text: 'x',
      sensitive: true,
    });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().errors[0].field).toBe('sensitiveCategory');
    const foreign = await w.pair.post(w.url, {
      occurredOn: '2026-11-02',
      kind: 'phone',
      text: 'x',
      participants: [{ kind: 'member', personId: randomUUID() }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'participants.0.personId' });
    const future = await w.pair.post(w.url, { occurredOn: '2999-01-01', kind: 'phone', text: 'x' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('occurredOn');
  });

  it('a sensitive note: pair, cover, leader read it; another team member sees only that it exists and its date', async () => {
    const w = await world();
    const marker = `SECRET-${randomUUID()}`;
    const note = await addNote(w, {
      occurredOn: '2026-11-03',
      text: marker,
      sensitive: true,
      sensitiveCategory: 'violence',
      participants: [{ kind: 'other', role: 'Politiet' }],
    });
    for (const reader of [w.pair, w.cover, w.leader]) {
      const one = await reader.get(`${w.url}/${note.id}`);
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ text: marker, readable: true, sensitiveCategory: 'violence' });
      const list = await reader.get(w.url);
      expect(list.body).toContain(marker);
    }
    const list = await w.sameTeam.get(w.url);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(marker);
    expect(list.body).not.toContain('Politiet');
    expect(list.json().items).toEqual([
      {
        id: note.id,
        familyId: w.household.id,
        occurredOn: '2026-11-03',
        sensitive: true,
        readable: false,
        kind: null,
        text: null,
        sensitiveCategory: null,
        interpreterUsed: null,
        interpreterLanguage: null,
        participants: null,
        tasks: null,
        author: null,
        createdAt: null,
        correctedAt: null,
        version: null,
        abilities: { correct: false },
      },
    ]);
    const one = await w.sameTeam.get(`${w.url}/${note.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(marker);
    expect(one.json()).toMatchObject({ readable: false, text: null, earlier: [] });
    // The team member may not write notes, nor correct one.
    const correct = await w.sameTeam.post(`${w.url}/${note.id}/corrections`, { version: 1, text: 'x' });
    expect(correct.statusCode).toBe(403);
    // Another team: no access to the family's journal at all.
    expect((await w.otherTeam.get(w.url)).statusCode).toBe(403);
  });

  it('the specialist routed a linked task reads that sensitive note, and no other note of the family', async () => {
    const w = await world();
    const linked = `LINKED-${randomUUID()}`;
    const unlinked = `UNLINKED-${randomUUID()}`;
    const open = `OPEN-${randomUUID()}`;
    const a = await addNote(w, {
      text: linked,
      sensitive: true,
      sensitiveCategory: 'health',
      taskIds: [w.routedTask.id],
    });
    await addNote(w, {
      text: unlinked,
      sensitive: true,
      sensitiveCategory: 'health',
      taskIds: [w.otherTask.id],
    });
    await addNote(w, { text: open });
    const list = await w.specialist.get(w.url);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((n: { id: string }) => n.id)).toEqual([a.id]);
    expect(list.json().items[0]).toMatchObject({
      text: linked,
      readable: true,
      abilities: { correct: false },
    });
    expect(list.body).not.toContain(unlinked);
    expect(list.body).not.toContain(open);
    // Reading is all: the specialist neither writes nor corrects the family's notes.
    const write = await w.specialist.post(w.url, { occurredOn: '2026-11-02', kind: 'phone', text: 'x' });
    expect(write.statusCode).toBe(403);
    const correct = await w.specialist.post(`${w.url}/${a.id}/corrections`, { version: 1, text: 'x' });
    expect(correct.statusCode).toBe(403);
    // Once the task is done, the specialist's access ends with it.
    await h()
      .db.kysely.updateTable('task')
      .set({ state: 'done' })
      .where('municipality_id', '=', w.m.municipality.id)
      .where('id', '=', w.routedTask.id)
      .execute();
    expect((await w.specialist.get(w.url)).statusCode).toBe(403);
    // A team member (not the pair) sees the linked note only as existing.
    const team = await w.sameTeam.get(`${w.url}/${a.id}`);
    expect(team.body).not.toContain(linked);
  });

  it('a correction keeps the earlier text; a stale version is a 409, never an overwrite', async () => {
    const w = await world();
    const note = await addNote(w, { text: 'Første udgave' });
    const fixed = await w.cover.post(`${w.url}/${note.id}/corrections`, {
      version: 1,
      text: 'Rettet udgave',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ text: 'Rettet udgave', version: 2 });
    const stale = await w.pair.post(`${w.url}/${note.id}/corrections`, { version: 1, text: 'Min udgave' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('version');
    const detail = (await w.pair.get(`${w.url}/${note.id}`)).json();
    expect(detail.text).toBe('Rettet udgave');
    expect(detail.earlier).toEqual([expect.objectContaining({ version: 1, text: 'Første udgave' })]);
    // Marked sensitive by a correction: the team member then sees neither text.
    await w.pair.post(`${w.url}/${note.id}/corrections`, {
      version: 2,
      text: 'Tredje udgave',
      sensitive: true,
      sensitiveCategory: 'other',
    });
    const team = await w.sameTeam.get(`${w.url}/${note.id}`);
    expect(team.body).not.toMatch(/udgave/);
    const rows = await auditRows(h().db, w.m.municipality.id, { entityId: note.id, action: 'update' });
    expect(rows).toHaveLength(2);
  });

  it('pages the journal newest first', async () => {
    const w = await world();
    for (const day of ['2026-10-01', '2026-10-03', '2026-10-02']) await addNote(w, { occurredOn: day });
    const first = (await w.pair.get(`${w.url}?pageSize=2`)).json();
    expect(first.total).toBe(3);
    expect(first.items.map((n: { occurredOn: string }) => n.occurredOn)).toEqual([
      '2026-10-03',
      '2026-10-02',
    ]);
    const second = (await w.pair.get(`${w.url}?pageSize=2&page=2`)).json();
    expect(second.items.map((n: { occurredOn: string }) => n.occurredOn)).toEqual(['2026-10-01']);
  });
});
