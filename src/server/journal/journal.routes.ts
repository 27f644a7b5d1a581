import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import { FamilyParams } from '../../shared/families/families.contract';
import {
  NewNote,
  Note,
  NoteCorrection,
  NoteDetail,
  type NoteKind,
  NoteList,
  NoteListQuery,
  NoteParams,
  type SensitiveCategory,
} from '../../shared/journal/journal.contract';
import { type FamilyContext, familyRoutes } from '../access/family-route';
import { atVersion, fieldError, forbidden, notFound } from '../http/problem';
import { tasksTakenOver } from '../plans/plans.queries';
import { refused } from '../plugins/audit';
import {
  journalActions,
  journalPolicy,
  readsLinkedTasks,
  readsSensitiveNotes,
  seesWholeJournal,
  writesWholeJournal,
} from './journal.policy';
import {
  correctNote,
  countNotes,
  earlierVersions,
  familyNotes,
  findNote,
  insertNote,
  lockNote,
  membersAmong,
  type NoteRow,
  type NoteViewer,
  staffAmong,
  tasksAmong,
} from './journal.queries';

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/** How the actor sees the family's journal: decided by the policy, applied by the queries in SQL. */
function viewerOf({ actor, family, familyId, now }: FamilyContext): NoteViewer {
  return {
    municipalityId: actor.municipalityId,
    familyId,
    userId: actor.userId,
    whole: seesWholeJournal(actor, family, now),
    readsSensitive: readsSensitiveNotes(actor, family),
    readsTasks: readsLinkedTasks(actor, family, now),
  };
}

/**
 * Who may correct which note: whoever works with the family any note they read; a specialist who
 * took a task over (decision 0045) their own notes linked to it.
 */
type Corrects = (r: NoteRow) => boolean;

/** How the actor may write the journal: everything, only with the tasks they took over, or not at all. */
async function writerOf({ trx, actor, family, familyId }: FamilyContext) {
  if (writesWholeJournal(actor, family))
    return { create: true, corrects: (() => true) as Corrects, taken: null };
  const taken = family.taskTakenOver
    ? await tasksTakenOver(trx, actor.municipalityId, familyId, actor.userId)
    : [];
  const corrects: Corrects = (r) =>
    r.author_id === actor.userId && (r.tasks ?? []).some((t) => taken.includes(t.id));
  return { create: taken.length > 0, corrects, taken };
}

/**
 * The list's writer: as writerOf, but the tasks the actor took over are looked up only when a
 * listed note could turn on them (one the actor wrote, linked to a task). Whether there are any
 * is the relation's `taskTakenOver`, the same condition: a specialist's every page of the
 * journal otherwise paid one more statement for an answer it did not use (issue 14 bench).
 */
async function listWriterOf(context: FamilyContext, rows: readonly NoteRow[]) {
  const { actor, family } = context;
  const mayCorrectOne = rows.some(
    (r) => r.readable && r.author_id === actor.userId && (r.tasks ?? []).length > 0,
  );
  if (writesWholeJournal(actor, family) || (family.taskTakenOver && mayCorrectOne)) return writerOf(context);
  return { create: family.taskTakenOver, corrects: (() => false) as Corrects };
}

/** A note as the response carries it: a note the actor may not read is its id, date and `sensitive`. */
function toNote(r: NoteRow, corrects: Corrects): Note {
  return {
    id: r.id,
    familyId: r.household_id,
    occurredOn: r.occurred_on,
    sensitive: r.sensitive,
    readable: r.readable,
    kind: r.kind as NoteKind | null,
    text: r.text,
    sensitiveCategory: r.sensitive_category as SensitiveCategory | null,
    interpreterUsed: r.interpreter_used,
    interpreterLanguage: r.interpreter_language,
    participants: r.participants,
    tasks: r.tasks,
    author: r.author_id ? { id: r.author_id, displayName: r.author_name ?? '' } : null,
    createdAt: r.created_at ? iso(r.created_at) : null,
    correctedAt: r.corrected_at ? iso(r.corrected_at) : null,
    version: r.version,
    abilities: { correct: r.readable && corrects(r) },
  };
}

/** What a read of notes recorded: the content only when some of it was readable. */
const readFields = (readable: boolean) =>
  readable
    ? ['occurredOn', 'kind', 'text', 'participants', 'interpreter', 'tasks']
    : ['occurredOn', 'sensitive'];

/**
 * The journal's contact notes (issue 14 §5, decision 0037), all under the family: the list (paged,
 * newest first), adding a note, reading one with its earlier texts, correcting one (a new
 * version; a stale version is 409). Every call is audited by familyRoutes in its transaction.
 */
export const journalRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['journal'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const route = familyRoutes(app, db);
  const access = journalPolicy.record;

  route({
    method: 'GET',
    url: '/families/:familyId/notes',
    access,
    action: journalActions.read,
    audit: (_c, list: NoteList) => ({
      action: 'read',
      entity: 'journal_note',
      entityId: null,
      fields: readFields(list.items.some((n) => n.readable)),
    }),
    schema: {
      tags,
      summary: 'The family’s journal: contact notes, newest first',
      params: FamilyParams,
      querystring: NoteListQuery,
      response: { 200: NoteList, ...errors },
    },
    handler: async (context, request) => {
      const { page, pageSize } = request.query;
      const viewer = viewerOf(context);
      // One after the other: a transaction is one connection.
      const rows = await familyNotes(context.trx, viewer, { limit: pageSize, offset: (page - 1) * pageSize });
      const total = await countNotes(context.trx, viewer);
      const writer = await listWriterOf(context, rows);
      return {
        items: rows.map((r) => toNote(r, writer.corrects)),
        total,
        page,
        pageSize,
        abilities: { create: writer.create },
      };
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/notes',
    access,
    action: journalActions.write,
    audit: (_c, n: Note) => ({
      action: 'create',
      entity: 'journal_note',
      entityId: n.id,
      fields: ['occurredOn', 'kind', 'text', 'participants', 'interpreter', 'tasks', 'sensitive'],
    }),
    schema: {
      tags,
      summary: 'Add a contact note',
      params: FamilyParams,
      body: NewNote,
      response: { 201: Note, ...errors },
    },
    handler: async (context, request) => {
      const { trx, actor, familyId } = context;
      const m = actor.municipalityId;
      const body = request.body;
      const participants = body.participants;
      const personIds = participants.flatMap((p) => (p.kind === 'member' ? [p.personId] : []));
      const staffIds = participants.flatMap((p) => (p.kind === 'staff' ? [p.staffId] : []));
      const members = await membersAmong(trx, m, familyId, personIds);
      const staff = await staffAmong(trx, m, staffIds);
      const tasks = await tasksAmong(trx, m, familyId, body.taskIds);
      participants.forEach((p, i) => {
        if (p.kind === 'member' && !members.includes(p.personId))
          throw fieldError(`participants.${i}.personId`, 'errors.taskNotFamilyMember');
        if (p.kind === 'staff' && !staff.includes(p.staffId))
          throw fieldError(`participants.${i}.staffId`, 'errors.journalUnknownStaff');
      });
      body.taskIds.forEach((id, i) => {
        if (!tasks.includes(id)) throw fieldError(`taskIds.${i}`, 'errors.journalUnknownTask');
      });
      // A specialist who took a task over writes about it: the note links it, and no task of the
      // family that is not theirs (decision 0045).
      const { taken } = await writerOf(context);
      if (taken !== null) {
        if (body.taskIds.length === 0) throw fieldError('taskIds', 'errors.journalLinkYourTask');
        const foreign = body.taskIds.find((id) => !taken.includes(id));
        if (foreign !== undefined)
          throw refused(forbidden(), {
            entity: 'task',
            entityId: foreign,
            householdId: familyId,
            fields: ['journal'],
            purpose: 'access_check',
          });
      }
      const id = await insertNote(trx, {
        municipalityId: m,
        familyId,
        occurredOn: body.occurredOn,
        kind: body.kind,
        text: body.text,
        interpreterUsed: body.interpreterUsed,
        interpreterLanguage: body.interpreterUsed ? (body.interpreterLanguage ?? null) : null,
        sensitive: body.sensitive,
        sensitiveCategory: body.sensitive ? (body.sensitiveCategory ?? null) : null,
        by: actor.userId,
        participants,
        taskIds: body.taskIds,
      });
      return toNote((await findNote(trx, viewerOf(context), id))!, () => true);
    },
    send: (note, reply) => reply.code(201).send(note),
  });

  route({
    method: 'GET',
    url: '/families/:familyId/notes/:noteId',
    access,
    action: journalActions.read,
    audit: (_c, n: NoteDetail) => ({
      action: 'read',
      entity: 'journal_note',
      entityId: n.id,
      fields: readFields(n.readable),
    }),
    schema: {
      tags,
      summary: 'One contact note, with its earlier texts',
      params: NoteParams,
      response: { 200: NoteDetail, ...errors },
    },
    handler: async (context, request) => {
      const viewer = viewerOf(context);
      const { noteId } = request.params;
      const row = await findNote(context.trx, viewer, noteId);
      if (!row) throw notFound();
      const earlier = await earlierVersions(context.trx, viewer, noteId);
      return {
        ...toNote(row, (await writerOf(context)).corrects),
        earlier: earlier.map((e) => ({
          version: e.version,
          text: e.text,
          writtenBy: { id: e.written_by, displayName: e.writer_name },
          writtenAt: iso(e.written_at),
        })),
      };
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/notes/:noteId/corrections',
    access,
    action: journalActions.write,
    audit: (_c, n: Note) => ({
      action: 'update',
      entity: 'journal_note',
      entityId: n.id,
      fields: ['text', 'sensitive'],
    }),
    schema: {
      tags,
      summary: 'Correct a note: a new text version; the earlier text is kept',
      params: NoteParams,
      body: NoteCorrection,
      response: { 200: Note, ...errors },
    },
    handler: async (context, request) => {
      const { trx, actor, familyId, now } = context;
      const { noteId } = request.params;
      const body = request.body;
      const writer = await writerOf(context);
      if (writer.taken !== null) {
        // A specialist corrects only their own notes about a task they took over (decision 0045).
        const seen = await findNote(trx, viewerOf(context), noteId);
        if (!seen) throw notFound();
        if (!writer.corrects(seen))
          throw refused(forbidden(), {
            entity: 'journal_note',
            entityId: noteId,
            householdId: familyId,
            fields: ['text'],
            purpose: 'access_check',
          });
      }
      const note = atVersion(await lockNote(trx, actor.municipalityId, familyId, noteId), body.version);
      const sensitive = body.sensitive ?? note.sensitive;
      await correctNote(trx, {
        municipalityId: actor.municipalityId,
        noteId,
        version: note.version + 1,
        text: body.text,
        sensitive,
        sensitiveCategory: sensitive ? (body.sensitiveCategory ?? note.sensitive_category) : null,
        by: actor.userId,
        now,
      });
      return toNote((await findNote(trx, viewerOf(context), noteId))!, () => true);
    },
  });
};
