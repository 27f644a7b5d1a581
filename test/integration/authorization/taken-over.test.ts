import { beforeAll, describe, expect, it } from 'vitest';
import type { TaskRoutingState } from '../../../src/db/schema';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addNotes, addTeam, auditSince, lastAuditId, relationsOf } from '../../support/factories';
import { type Client, describeEachDatabase, type Harness } from '../../support/harness';

/**
 * The authorization matrix's rows for a specialist of another team and the family's tasks and
 * journal (decision 0045, amending 0036/0037): one who ACCEPTED a level-3 task took it over — they
 * write notes linked to it and move it on; one only ASKED, or who HANDED it BACK, gets nothing more
 * than before; the one who took it over is refused every other task of the family, every field of
 * the task but its state, other people's notes, the plan and the family's register data. Every
 * allowed call leaves its audit row under the family; every refusal its `denied` row, naming what
 * was tried.
 */

/**
 * The three of another team; `teamAccepted` of the family's own team (not the pair) who accepted
 * a task, and `teamMember`, of the family's team with no task routed (decision 0053).
 */
type Specialist = 'asked' | 'accepted' | 'handedBack' | 'teamAccepted' | 'teamMember';

interface World {
  m: GeneratedMunicipality;
  family: string;
  pairId: string;
  specialists: Record<Specialist, { id: string; client: Client }>;
}

async function buildWorld(h: Harness): Promise<World> {
  const m = await h.municipality({ families: 1, adults: 1, children: 1 });
  const { household, pair, notInPair } = relationsOf(m, 0);
  const team2 = await addTeam(h.db, m, 3);
  const [asked, accepted, handedBack] = team2.members;
  const specialists = {} as World['specialists'];
  for (const [name, user] of [
    ['asked', asked!],
    ['accepted', accepted!],
    ['handedBack', handedBack!],
    ['teamAccepted', notInPair[0]!],
    ['teamMember', notInPair[1]!],
  ] as const) {
    specialists[name] = { id: user.id, client: await h.signIn(user.username) };
  }
  return { m, family: household.id, pairId: pair[0]!.id, specialists };
}

/** A level-3 task of the family, routed to the specialist in the given state (or to nobody). */
async function taskFor(h: Harness, w: World, to: Specialist | null, routing: TaskRoutingState = 'none') {
  return h.db.kysely
    .insertInto('task')
    .values({
      municipality_id: w.m.municipality.id,
      household_id: w.family,
      words: 'Min datter skal udredes',
      domain_id: w.m.domains[0]!.id,
      level: 3,
      owner_id: w.pairId,
      routed_to: to ? w.specialists[to].id : null,
      routing_state: routing,
      hand_back_reason: routing === 'handed_back' ? 'Ikke mit felt' : null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** Each specialist's own task in its routing state: asked, accepted, handed back. */
const STATE: Record<Specialist, TaskRoutingState> = {
  asked: 'asked',
  accepted: 'accepted',
  handedBack: 'handed_back',
  teamAccepted: 'accepted',
  teamMember: 'none',
};
const ownTask = (h: Harness, w: World, who: Specialist) => taskFor(h, w, who, STATE[who]);

/** A note of the family, written by the author, linked to the tasks. */
async function noteBy(h: Harness, w: World, authorId: string, taskIds: string[]) {
  const k = h.db.kysely;
  const muni = w.m.municipality.id;
  const id = (
    await addNotes(h.db, {
      municipalityId: muni,
      familyId: w.family,
      by: authorId,
      occurredOn: '2026-11-02',
      kind: 'phone',
      text: 'Telefonsamtale',
    })
  )[0]!;
  if (taskIds.length > 0)
    await k
      .insertInto('journal_note_task')
      .values(taskIds.map((task_id) => ({ municipality_id: muni, note_id: id, task_id })))
      .execute();
  return id;
}

const note = (taskIds: string[]) => ({
  occurredOn: '2026-11-02',
  kind: 'phone',
  text: 'Samtale om udredningen',
  participants: [],
  interpreterUsed: false,
  taskIds,
  sensitive: true,
  sensitiveCategory: 'health',
});

interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  body?: unknown;
}
/**
 * What is expected: the status, and for a refusal the record it leaves — `household` (the
 * family's rule refused the action), `task` or `journal_note` (the rule let the specialist in, the
 * route refused the task or note tried).
 */
type Expected =
  | { status: 200 | 201; audited: string; body?: (json: Record<string, unknown>) => void }
  | { status: 400; field: string }
  | { status: 403; denied: 'household' | 'task' | 'journal_note' };

interface Row {
  name: string;
  who: Specialist;
  call: (h: Harness, w: World) => Promise<Call>;
  expected: Expected;
}

const f = (w: World) => `/api/families/${w.family}`;

// biome-ignore format: one row per line reads as the table it is
const rows: Row[] = [
  // Moving a task on: the accepted one's own task, its state only.
  { name: 'moves their accepted task on', who: 'accepted', expected: { status: 200, audited: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'in_progress' } }; } },
  { name: 'closes their accepted task as done', who: 'accepted', expected: { status: 200, audited: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'done' } }; } },
  { name: 'drops their accepted task with a reason', who: 'accepted', expected: { status: 200, audited: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'dropped', dropReason: 'Familien ønsker det ikke' } }; } },
  { name: 'is refused the due date of their accepted task', who: 'accepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, dueOn: '2026-12-24' } }; } },
  { name: 'is refused the owner of their accepted task', who: 'accepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'in_progress', ownerId: w.specialists.accepted.id } }; } },
  { name: 'is refused another task of the same family', who: 'accepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); const t = await taskFor(h, w, null); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'done' } }; } },
  { name: 'asked, not accepted: is refused moving it on', who: 'asked', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'asked'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'in_progress' } }; } },
  { name: 'handed back: is refused moving it on', who: 'handedBack', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'handedBack'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'in_progress' } }; } },

  // Journal notes: linked to the task taken over, and to no other.
  { name: 'writes a note linked to their accepted task', who: 'accepted', expected: { status: 201, audited: 'journal_note' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'POST', url: `${f(w)}/notes`, body: note([t.id]) }; } },
  { name: 'must link their task to a note', who: 'accepted', expected: { status: 400, field: 'taskIds' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); return { method: 'POST', url: `${f(w)}/notes`, body: note([]) }; } },
  { name: 'is refused a note linked to another task of the family', who: 'accepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); const t = await taskFor(h, w, null); return { method: 'POST', url: `${f(w)}/notes`, body: note([t.id]) }; } },
  { name: 'is refused a note linked to their task and another', who: 'accepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { const mine = await ownTask(h, w, 'accepted'); const t = await taskFor(h, w, null); return { method: 'POST', url: `${f(w)}/notes`, body: note([mine.id, t.id]) }; } },
  { name: 'asked, not accepted: is refused a note', who: 'asked', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'asked'); return { method: 'POST', url: `${f(w)}/notes`, body: note([t.id]) }; } },
  { name: 'handed back: is refused a note', who: 'handedBack', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'handedBack'); return { method: 'POST', url: `${f(w)}/notes`, body: note([t.id]) }; } },
  { name: 'corrects their own note about their task', who: 'accepted', expected: { status: 200, audited: 'journal_note' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); const n = await noteBy(h, w, w.specialists.accepted.id, [t.id]); return { method: 'POST', url: `${f(w)}/notes/${n}/corrections`, body: { version: 1, text: 'Rettet' } }; } },
  { name: 'is refused correcting the pair’s note about their task', who: 'accepted', expected: { status: 403, denied: 'journal_note' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); const n = await noteBy(h, w, w.pairId, [t.id]); return { method: 'POST', url: `${f(w)}/notes/${n}/corrections`, body: { version: 1, text: 'Rettet' } }; } },
  { name: 'asked, not accepted: is refused correcting their own note', who: 'asked', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'asked'); const n = await noteBy(h, w, w.specialists.asked.id, [t.id]); return { method: 'POST', url: `${f(w)}/notes/${n}/corrections`, body: { version: 1, text: 'Rettet' } }; } },

  // Nothing else of the family: new tasks, routing, the plan, the register, appointments.
  { name: 'is refused adding a task', who: 'accepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); return { method: 'POST', url: `${f(w)}/tasks`, body: { words: 'Ny opgave', domainId: w.m.domains[0]!.id, level: 1 } }; } },
  { name: 'is refused the level rule’s proposals', who: 'accepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { const t = await ownTask(h, w, 'accepted'); return { method: 'GET', url: `${f(w)}/tasks/${t.id}/proposals` }; } },
  { name: 'is refused the plan', who: 'accepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); return { method: 'GET', url: `${f(w)}/plan` }; } },
  { name: 'is refused the family’s register data', who: 'accepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); return { method: 'PATCH', url: `${f(w)}`, body: { version: 1, door: 'tv' } }; } },
  { name: 'is refused the family’s appointments', who: 'accepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { await ownTask(h, w, 'accepted'); return { method: 'GET', url: `${f(w)}/appointments` }; } },

  // A specialist of the family's own team (not the pair) who accepted a task: the family page is the
  // team's basic view, and it says the tasks are theirs to see (decision 0053) — as for one of another team.
  { name: 'own team: the family page offers the tasks, not the plan', who: 'teamAccepted',
    expected: { status: 200, audited: 'household', body: (j) => expect(j.abilities).toMatchObject({ readTasks: true, update: false, readFull: false }) },
    call: async (h, w) => { await ownTask(h, w, 'teamAccepted'); return { method: 'GET', url: f(w) }; } },
  { name: 'own team: reads the family’s tasks', who: 'teamAccepted', expected: { status: 200, audited: 'task' },
    call: async (h, w) => { await ownTask(h, w, 'teamAccepted'); return { method: 'GET', url: `${f(w)}/tasks` }; } },
  { name: 'own team: moves their accepted task on', who: 'teamAccepted', expected: { status: 200, audited: 'task' },
    call: async (h, w) => { const t = await ownTask(h, w, 'teamAccepted'); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'in_progress' } }; } },
  { name: 'own team: writes a note linked to their accepted task', who: 'teamAccepted', expected: { status: 201, audited: 'journal_note' },
    call: async (h, w) => { const t = await ownTask(h, w, 'teamAccepted'); return { method: 'POST', url: `${f(w)}/notes`, body: note([t.id]) }; } },
  { name: 'own team: is refused another task of the family', who: 'teamAccepted', expected: { status: 403, denied: 'task' },
    call: async (h, w) => { await ownTask(h, w, 'teamAccepted'); const t = await taskFor(h, w, null); return { method: 'PATCH', url: `${f(w)}/tasks/${t.id}`, body: { version: t.version, state: 'done' } }; } },
  { name: 'own team: is refused the plan', who: 'teamAccepted', expected: { status: 403, denied: 'household' },
    call: async (h, w) => { await ownTask(h, w, 'teamAccepted'); return { method: 'GET', url: `${f(w)}/plan` }; } },
  { name: 'own team, no task routed: the family page offers no tasks', who: 'teamMember',
    expected: { status: 200, audited: 'household', body: (j) => expect(j.abilities).toMatchObject({ readTasks: false, update: false }) },
    call: async (_h, w) => ({ method: 'GET', url: f(w) }) },
  { name: 'own team, no task routed: is refused the family’s tasks', who: 'teamMember', expected: { status: 403, denied: 'household' },
    call: async (_h, w) => ({ method: 'GET', url: `${f(w)}/tasks` }) },
];

describeEachDatabase('authorization: a specialist who took a task over (decision 0045)', (h) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(h());
  });

  describe.each(rows)('$who: $name', (row) => {
    it(`→ ${row.expected.status}`, async () => {
      const call = await row.call(h(), w);
      const { client, id } = w.specialists[row.who];
      const since = await lastAuditId(h().db);
      const response =
        call.method === 'GET'
          ? await client.get(call.url)
          : call.method === 'POST'
            ? await client.post(call.url, call.body)
            : await client.patch(call.url, call.body);
      expect(response.statusCode, response.body).toBe(row.expected.status);
      const rows = (await auditSince(h().db, w.m.municipality.id, since)).filter((r) => r.actor_id === id);
      const denied = rows.filter((r) => r.action === 'denied');
      const e = row.expected;
      if (e.status === 403) {
        expect(response.json().type).toBe('/problems/forbidden');
        expect(denied).toHaveLength(1);
        expect(denied[0]).toMatchObject({
          entity: e.denied,
          household_id: w.family,
          purpose: 'access_check',
        });
      } else if (e.status === 400) {
        expect(response.json().errors.map((x: { field: string }) => x.field)).toContain(e.field);
        expect(denied).toHaveLength(0);
      } else {
        expect(denied).toHaveLength(0);
        expect(rows.some((r) => r.entity === e.audited && r.household_id === w.family)).toBe(true);
        e.body?.(response.json());
      }
    });
  });
});
