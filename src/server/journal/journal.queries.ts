import { type ExpressionBuilder, sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Q, Trx } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import type { LinkedTask, Participant } from '../../shared/journal/journal.contract';
import { familyRows } from '../access/family-scope';
import * as sample from '../snapshot-samples';

/**
 * What decides which notes an actor sees and reads, worked out by the policy (journal.policy.ts)
 * and applied here, in SQL, so that what may not be read is never selected:
 * - `whole`: the actor sees the family's whole journal (its team, a break-the-glass grant);
 *   otherwise only the notes linked to a task routed to them (a specialist of another team);
 * - `readsSensitive`: the actor reads every sensitive note (pair, cover, leader);
 *   otherwise a sensitive note is readable only when it is linked to a task routed to them;
 * - `readsTasks`: the actor reads the family's tasks, so a note's linked tasks show their words.
 */
export interface NoteViewer {
  municipalityId: string;
  familyId: string;
  userId: string;
  whole: boolean;
  readsSensitive: boolean;
  readsTasks: boolean;
}

type NoteScope = ExpressionBuilder<Database & { n: Database['journal_note'] }, 'n'>;

/**
 * The note `n` is linked to an open task routed (asked or accepted) to the user. Asked as "n.id
 * among the notes linked to the user's open routed tasks", not per note: that list does not
 * depend on the note, so PostgreSQL reads it once per statement (the user's ~100 open tasks by the
 * index task_open_routed, then their links) and hashes it, where a subquery per note had the
 * generic plan read every task ever routed to the user for each of the family's 250 notes
 * (decision 0047). The open predicates are literals so the partial index applies in a generic plan.
 */
const linkedToRoutedTask = (eb: NoteScope, v: NoteViewer) =>
  eb(
    'n.id',
    'in',
    eb
      .selectFrom('task as t')
      .innerJoin('journal_note_task as nt', (j) => sameTenant(j, 'nt.task_id', 't.id'))
      .select('nt.note_id')
      .where('t.municipality_id', '=', v.municipalityId)
      .where('t.routed_to', '=', v.userId)
      .where(sql<boolean>`t.routing_state in ('asked', 'accepted')`)
      .where(sql<boolean>`t.state not in ('done', 'dropped')`),
  );

/** The notes of the family the viewer sees, each with whether they may read it (`readable`). */
function visibleNotes(db: Q, v: NoteViewer) {
  return db
    .selectFrom('journal_note as n')
    .select((eb) => [
      'n.municipality_id',
      'n.id',
      eb
        .or([
          eb('n.sensitive', '=', false),
          sql<boolean>`${v.readsSensitive}::boolean`,
          linkedToRoutedTask(eb, v),
        ])
        .$castTo<boolean>()
        .as('readable'),
    ])
    .where('n.municipality_id', '=', v.municipalityId)
    .where('n.household_id', '=', v.familyId)
    .where((eb) => eb.or([sql<boolean>`${v.whole}::boolean`, linkedToRoutedTask(eb, v)]));
}

/** A column of the note only for a viewer who may read it: null otherwise, never selected. */
const ifReadable = <T>(column: string) => sql<T | null>`case when v.readable then ${sql.ref(column)} end`;

const participantsOf = sql<Participant[] | null>`case when v.readable then (
  select coalesce(json_agg(json_build_object(
    'kind', p.kind,
    'id', coalesce(p.person_id, p.staff_id),
    'name', coalesce(pp.first_name || ' ' || pp.last_name, pu.display_name),
    'role', p.role) order by p.position), '[]')
  from journal_note_participant p
  left join person pp on pp.municipality_id = p.municipality_id and pp.id = p.person_id
  left join app_user pu on pu.municipality_id = p.municipality_id and pu.id = p.staff_id
  where p.municipality_id = n.municipality_id and p.note_id = n.id) end`;

const tasksOf = (readsTasks: boolean) => sql<LinkedTask[] | null>`case when v.readable then (
  select coalesce(json_agg(json_build_object(
    'id', t.id,
    'words', case when ${readsTasks}::boolean then t.words end) order by t.created_at, t.id), '[]')
  from journal_note_task nt
  join task t on t.municipality_id = nt.municipality_id and t.id = nt.task_id
  where nt.municipality_id = n.municipality_id and nt.note_id = n.id) end`;

type VisibleNotes = ReturnType<typeof visibleNotes>;

/**
 * The notes as the viewer may see them, with their current text, participants and linked tasks.
 * `narrow` picks the notes before anything is joined to them (a page, one note): the current
 * version, author, participants and tasks are then looked up for those rows only, not for all
 * of the family's notes (at 250 notes a family, the journal's page cost the database three times
 * the floor's while it joined first and limited after; team-week bench, 2026-12-07).
 */
function noteSelect(db: Q, v: NoteViewer, narrow: (notes: VisibleNotes) => VisibleNotes = (notes) => notes) {
  return db
    .with('v', () => narrow(visibleNotes(db, v)))
    .selectFrom('v')
    .innerJoin('journal_note as n', (j) =>
      j.onRef('n.municipality_id', '=', 'v.municipality_id').onRef('n.id', '=', 'v.id'),
    )
    .innerJoin('journal_note_version as cv', (j) =>
      j
        .onRef('cv.municipality_id', '=', 'n.municipality_id')
        .onRef('cv.note_id', '=', 'n.id')
        .onRef('cv.version', '=', 'n.version'),
    )
    .leftJoin('app_user as a', (j) => sameTenant(j, 'a.id', 'n.created_by'))
    .select([
      'n.id',
      'n.household_id',
      'n.occurred_on',
      'n.sensitive',
      'v.readable',
      // How often it was corrected is content too: only for a reader.
      ifReadable<number>('n.version').as('version'),
      ifReadable<string>('n.kind').as('kind'),
      ifReadable<string>('cv.text').as('text'),
      ifReadable<string>('n.sensitive_category').as('sensitive_category'),
      ifReadable<boolean>('n.interpreter_used').as('interpreter_used'),
      ifReadable<string>('n.interpreter_language').as('interpreter_language'),
      ifReadable<string>('n.created_by').as('author_id'),
      ifReadable<string>('a.display_name').as('author_name'),
      ifReadable<Date>('n.created_at').as('created_at'),
      ifReadable<Date>('cv.written_at').as('corrected_at'),
      participantsOf.as('participants'),
      tasksOf(v.readsTasks).as('tasks'),
    ]);
}
export type NoteRow = Awaited<ReturnType<typeof familyNotes>>[number];

type NotePage = NoteViewer & { limit: number; offset: number };

/*
 * The journal's page and its count are built and compiled once (src/db/compiled-once.ts): built
 * anew on each request, the two cost the server more CPU than the floor over HTTP spent on the
 * whole request (team-week bench on a quiet machine, 2026-12-07: 2.1 vs 0.9 ms). Every viewer's
 * choice is a value in the statement, so one text serves all.
 */
const familyNotesStatement = compiledOnce((db: Q, v: NotePage, _shape: Record<string, never>) =>
  // The page is cut in `v`, in the order of the index journal_note_household, and put in order
  // again outside: a join does not keep the order of what it joins.
  noteSelect(db, v, (notes) =>
    notes
      .orderBy('n.occurred_on', 'desc')
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(v.limit)
      .offset(v.offset),
  )
    .orderBy('n.occurred_on', 'desc')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id'),
);

/** A page of the family's journal, newest first (by the contact's date, then when written). */
export async function familyNotes(db: Q, v: NoteViewer, page: { limit: number; offset: number }) {
  return (await db.executeQuery(familyNotesStatement(db, {}, { ...v, ...page }))).rows;
}

const countNotesStatement = compiledOnce((db: Q, v: NoteViewer, _shape: Record<string, never>) =>
  db
    .with('v', () => visibleNotes(db, v))
    .selectFrom('v')
    .select((eb) => eb.fn.countAll<string>().as('n')),
);

/** How many notes of the family the viewer sees (the journal's paging). */
export async function countNotes(db: Q, v: NoteViewer): Promise<number> {
  const [row] = (await db.executeQuery(countNotesStatement(db, {}, v))).rows;
  return Number(row?.n ?? 0);
}

/** One note of the family as the viewer may see it (undefined: none they see). */
export function findNote(db: Q, v: NoteViewer, noteId: string) {
  return noteSelect(db, v, (notes) => notes.where('n.id', '=', noteId)).executeTakeFirst();
}

/** A note's earlier texts, newest first — only when the viewer may read the note (SQL decides). */
export function earlierVersions(db: Q, v: NoteViewer, noteId: string) {
  return db
    .with('v', () => visibleNotes(db, v))
    .selectFrom('v')
    .innerJoin('journal_note as n', (j) =>
      j.onRef('n.municipality_id', '=', 'v.municipality_id').onRef('n.id', '=', 'v.id'),
    )
    .innerJoin('journal_note_version as ev', (j) =>
      j.onRef('ev.municipality_id', '=', 'n.municipality_id').onRef('ev.note_id', '=', 'n.id'),
    )
    .innerJoin('app_user as w', (j) => sameTenant(j, 'w.id', 'ev.written_by'))
    .select(['ev.version', 'ev.text', 'ev.written_by', 'w.display_name as writer_name', 'ev.written_at'])
    .where('v.id', '=', noteId)
    .where('v.readable', '=', true)
    .whereRef('ev.version', '<', 'n.version')
    .orderBy('ev.version', 'desc')
    .execute();
}

/** Locks a note of the family for a correction; its version is the one a writer must have opened. */
export function lockNote(trx: Trx, municipalityId: string, familyId: string, noteId: string) {
  return trx
    .selectFrom('journal_note')
    .select(['id', 'version', 'sensitive', 'sensitive_category'])
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId)
    .where('id', '=', noteId)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewNoteRow {
  municipalityId: string;
  familyId: string;
  occurredOn: string;
  kind: string;
  text: string;
  interpreterUsed: boolean;
  interpreterLanguage: string | null;
  sensitive: boolean;
  sensitiveCategory: string | null;
  by: string;
  participants: { kind: 'member' | 'staff' | 'other'; personId?: string; staffId?: string; role?: string }[];
  taskIds: string[];
}

/** Writes a note: its facts, its first text, its participants and linked tasks. */
export async function insertNote(trx: Trx, n: NewNoteRow): Promise<string> {
  const m = n.municipalityId;
  const { id } = await trx
    .insertInto('journal_note')
    .values({
      municipality_id: m,
      household_id: n.familyId,
      occurred_on: n.occurredOn,
      kind: n.kind,
      interpreter_used: n.interpreterUsed,
      interpreter_language: n.interpreterLanguage,
      sensitive: n.sensitive,
      sensitive_category: n.sensitiveCategory,
      created_by: n.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('journal_note_version')
    .values({ municipality_id: m, note_id: id, version: 1, text: n.text, written_by: n.by })
    .execute();
  if (n.participants.length > 0) {
    await trx
      .insertInto('journal_note_participant')
      .values(
        n.participants.map((p, position) => ({
          municipality_id: m,
          note_id: id,
          position,
          kind: p.kind,
          person_id: p.personId ?? null,
          staff_id: p.staffId ?? null,
          role: p.role ?? null,
        })),
      )
      .execute();
  }
  if (n.taskIds.length > 0) {
    await trx
      .insertInto('journal_note_task')
      .values(n.taskIds.map((taskId) => ({ municipality_id: m, note_id: id, task_id: taskId })))
      .execute();
  }
  return id;
}

/** A correction: the next text version, and the note moved on to it (with its sensitive marking). */
export async function correctNote(
  trx: Trx,
  c: {
    municipalityId: string;
    noteId: string;
    version: number;
    text: string;
    sensitive: boolean;
    sensitiveCategory: string | null;
    by: string;
    now: Date;
  },
) {
  await trx
    .insertInto('journal_note_version')
    .values({
      municipality_id: c.municipalityId,
      note_id: c.noteId,
      version: c.version,
      text: c.text,
      written_by: c.by,
      written_at: c.now,
    })
    .execute();
  await trx
    .updateTable('journal_note')
    .set({
      version: c.version,
      sensitive: c.sensitive,
      sensitive_category: c.sensitiveCategory,
      updated_at: c.now,
    })
    .where('municipality_id', '=', c.municipalityId)
    .where('id', '=', c.noteId)
    .execute();
}

/** Which of the ids are members of the family. */
export async function membersAmong(db: Q, municipalityId: string, familyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await familyRows(db, 'person', municipalityId, familyId)
    .select('id')
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** Which of the ids are staff of the municipality (of any team: a specialist may take part). */
export async function staffAmong(db: Q, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', ids)
    .where('role', 'in', ['team_member', 'team_leader'])
    .execute();
  return rows.map((r) => r.id);
}

/** Which of the ids are tasks of the family. */
export async function tasksAmong(db: Q, municipalityId: string, familyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await familyRows(db, 'task', municipalityId, familyId)
    .select('id')
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

const VIEWER: NoteViewer = {
  municipalityId: sample.MUNICIPALITY,
  familyId: sample.FAMILY,
  userId: sample.USER,
  whole: true,
  readsSensitive: false,
  readsTasks: false,
};

export const snapshotCases: sample.SnapshotCases<typeof import('./journal.queries')> = {
  familyNotes: [{ run: (db) => familyNotes(db, VIEWER, { limit: 20, offset: 0 }) }],
  countNotes: [{ run: (db) => countNotes(db, VIEWER) }],
  findNote: [{ run: (db) => findNote(db, VIEWER, sample.COLLEAGUE) }],
  earlierVersions: [{ run: (db) => earlierVersions(db, VIEWER, sample.COLLEAGUE) }],
  lockNote: [
    {
      run: sample.inTransaction((trx) => lockNote(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE)),
    },
  ],
  insertNote: [
    {
      run: sample.inTransaction((trx) =>
        insertNote(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          occurredOn: '2026-11-20',
          kind: 'home_visit',
          text: 'text',
          interpreterUsed: true,
          interpreterLanguage: 'ar',
          sensitive: true,
          sensitiveCategory: 'health',
          by: sample.USER,
          participants: [{ kind: 'member', personId: sample.COLLEAGUE }],
          taskIds: [sample.COLLEAGUE],
        }),
      ),
    },
  ],
  correctNote: [
    {
      run: sample.inTransaction((trx) =>
        correctNote(trx, {
          municipalityId: sample.MUNICIPALITY,
          noteId: sample.COLLEAGUE,
          version: 2,
          text: 'text',
          sensitive: false,
          sensitiveCategory: null,
          by: sample.USER,
          now: new Date(0),
        }),
      ),
    },
  ],
  membersAmong: [{ run: (db) => membersAmong(db, sample.MUNICIPALITY, sample.FAMILY, [sample.COLLEAGUE]) }],
  staffAmong: [{ run: (db) => staffAmong(db, sample.MUNICIPALITY, [sample.COLLEAGUE]) }],
  tasksAmong: [{ run: (db) => tasksAmong(db, sample.MUNICIPALITY, sample.FAMILY, [sample.COLLEAGUE]) }],
};
