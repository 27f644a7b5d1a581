import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ChangeList, Database } from '../../db/schema';
import type { Locale } from '../../shared/common/common.contract';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { FamilyParams } from '../../shared/families/families.contract';
import { translate } from '../../shared/i18n';
import {
  type Appointment,
  Appointment as AppointmentContract,
  AppointmentIdParams,
  AppointmentList,
  AppointmentParams,
  type AppointmentUpdate,
  AppointmentUpdate as AppointmentUpdateContract,
  AuthorityAppointmentUpdate,
  CalendarFeedBody,
  CalendarFeedCreated,
  CalendarFeedStatus,
  CancelAppointmentBody,
  FEED_FILE,
  FeedParams,
  MyAppointments,
  MyAppointmentsQuery,
  NewAppointment,
  NewAuthorityAppointment,
} from '../../shared/journal/appointments.contract';
import {
  addDays,
  copenhagenInstant,
  copenhagenParts,
  isoWeekOf,
  mondayOf,
  shiftWeek,
} from '../../shared/journal/appointments.time';
import { findFamilyRelation } from '../access/access.queries';
import { worksWith } from '../access/family-access';
import { type FamilyContext, familyRoutes } from '../access/family-route';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { type IcsEvent, icsCalendar } from './appointments.ics';
import { appointmentActions, appointmentsPolicy, ownsAuthorityAppointment } from './appointments.policy';
import {
  type AppointmentRow,
  type AppointmentValues,
  activeStaffAmong,
  adultsOf,
  appointmentsOf,
  familyAppointments,
  feedByTokenHash,
  findAppointment,
  findFeed,
  insertAppointment,
  lockAppointment,
  participantsOf,
  recordAppointmentChange,
  revokeFeed,
  saveFeed,
  setParticipants,
  updateAppointment,
} from './appointments.queries';

type Participant = Awaited<ReturnType<typeof participantsOf>>[number];
type Q = Parameters<typeof participantsOf>[0];
type Trx = Transaction<Database>;

const DAY = 86_400_000;
/** The feed's window: recent history and the year ahead. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 366;

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toAppointment(r: AppointmentRow, participants: Participant[], update: boolean): Appointment {
  const start = copenhagenParts(new Date(r.starts_at));
  const end = copenhagenParts(new Date(r.ends_at));
  return {
    id: r.id,
    familyId: r.household_id,
    familyReference: r.family_reference,
    kind: r.kind,
    title: r.title,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    place: r.place,
    otherAuthority: r.other_authority,
    participants: participants
      .filter((p) => p.appointment_id === r.id)
      .map((p) => ({ id: p.user_id, displayName: p.display_name })),
    cancelled: r.cancelled_at !== null,
    version: r.version,
    abilities: { update: update && r.cancelled_at === null },
  };
}

/** Rows with their participants, in one more query for them all; `update` says who may change which. */
async function withParticipants(
  db: Q,
  municipalityId: string,
  rows: AppointmentRow[],
  update: boolean | ((r: AppointmentRow) => boolean),
) {
  const participants = await participantsOf(
    db,
    municipalityId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toAppointment(r, participants, typeof update === 'function' ? update(r) : update));
}

/** The participants asked for, each an active team staff member of the municipality. */
async function checkParticipants(db: Q, municipalityId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await activeStaffAmong(db, municipalityId, unique);
  if (found.length !== unique.length) throw fieldError('participantIds', 'errors.appointmentParticipant');
  return unique;
}

/** The start and end instants of a date and two clock times in Danish time. */
function instants(date: string, startTime: string, endTime: string) {
  const starts_at = copenhagenInstant(date, startTime);
  const ends_at = copenhagenInstant(date, endTime);
  // Two clock times either side of a clock change may come out in the wrong order.
  if (ends_at <= starts_at) throw fieldError('endTime', 'errors.appointmentEndBeforeStart');
  return { starts_at, ends_at };
}

/** "A. H." — the initials of a name, as the feed shows a family without details. */
const initialsOf = (first: string, last: string) =>
  [first, last]
    .map((n) => n.trim().charAt(0).toLocaleUpperCase('da'))
    .filter(Boolean)
    .map((c) => `${c}.`)
    .join(' ');

/** An appointment as an event: the summary and the rest as much as the reader may see. */
function toEvent(
  a: Appointment,
  r: AppointmentRow,
  locale: Locale,
  shown: { details: true } | { details: false; initials: string | null },
): IcsEvent {
  const kind = translate(locale, `enums.appointmentKind.${a.kind}`);
  const base = {
    uid: `${a.id}@staircase`,
    start: new Date(a.startsAt),
    end: new Date(a.endsAt),
    stamp: new Date(r.updated_at),
    sequence: a.version - 1,
    cancelled: a.cancelled,
  };
  const prefix = a.cancelled ? `${translate(locale, 'calendar.cancelled')}: ` : '';
  if (!shown.details) {
    return { ...base, summary: `${prefix}${kind}${shown.initials ? ` · ${shown.initials}` : ''}` };
  }
  const description = [
    a.familyReference ? `${translate(locale, 'calendar.family')}: ${a.familyReference}` : null,
    a.otherAuthority ? `${translate(locale, 'calendar.authority')}: ${a.otherAuthority}` : null,
    a.participants.length > 0
      ? `${translate(locale, 'calendar.participants')}: ${a.participants.map((p) => p.displayName).join(', ')}`
      : null,
  ].filter((l): l is string => l !== null);
  return {
    ...base,
    summary: `${prefix}${kind}${a.title ? `: ${a.title}` : ''}${a.familyReference ? ` (${a.familyReference})` : ''}`,
    location: a.place,
    description: description.join('\n'),
  };
}

const appointmentFields = ['kind', 'title', 'time', 'place', 'otherAuthority', 'participants'];

type Locked = NonNullable<Awaited<ReturnType<typeof lockAppointment>>>;

/** A write is at the version it was opened on, of an appointment not cancelled: else a conflict. */
function checkWritable(before: Locked, version: number) {
  if (before.version !== version) throw fieldError('version', 'errors.versionConflict', 409);
  if (before.cancelled_at !== null) throw fieldError('version', 'errors.appointmentCancelled', 409);
}

/**
 * Writes an edit of a locked appointment (the family's or one without a family): the fields the
 * body names that differ, and the participants if given. The changes it wrote (none: nothing).
 */
async function changeAppointment(
  trx: Trx,
  m: string,
  before: Locked,
  body: AppointmentUpdate,
  now: Date,
): Promise<ChangeList> {
  const start = copenhagenParts(new Date(before.starts_at));
  const end = copenhagenParts(new Date(before.ends_at));
  const times = instants(body.date ?? start.date, body.startTime ?? start.time, body.endTime ?? end.time);
  const change: Partial<AppointmentValues> = {};
  const changes: ChangeList = [];
  const set = <K extends keyof AppointmentValues>(
    key: K,
    field: string,
    to: AppointmentValues[K] | undefined,
  ) => {
    const from = before[key];
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (to === undefined || same) return;
    change[key] = to;
    changes.push({
      field,
      from: from instanceof Date ? from.toISOString() : from,
      to: to instanceof Date ? to.toISOString() : to,
    });
  };
  set('kind', 'kind', body.kind);
  set('title', 'title', body.title);
  set('place', 'place', body.place);
  set('other_authority', 'otherAuthority', body.otherAuthority);
  set('starts_at', 'startsAt', new Date(times.starts_at));
  set('ends_at', 'endsAt', new Date(times.ends_at));
  if (body.participantIds !== undefined) {
    const participants = await checkParticipants(trx, m, body.participantIds);
    const current = (await participantsOf(trx, m, [before.id])).map((p) => p.user_id).sort();
    if (JSON.stringify(current) !== JSON.stringify([...participants].sort())) {
      await setParticipants(trx, m, before.id, participants);
      changes.push({ field: 'participants', from: current, to: participants });
    }
  }
  if (changes.length > 0) await updateAppointment(trx, m, before.id, change, now);
  return changes;
}

const cancelled = (actorId: string, now: Date) => ({ cancelled_at: now, cancelled_by: actorId });

/** One appointment as whoever just wrote it sees it (they may change it further). */
async function afterWrite(trx: Trx, m: string, appointmentId: string, familyId?: string) {
  const [one] = await withParticipants(
    trx,
    m,
    [(await findAppointment(trx, m, appointmentId, familyId))!],
    true,
  );
  return one!;
}

/**
 * A write of the family's appointment: locked and checked writable (not found when the family has
 * none by that id), written (`write` says what changed), kept in the family's history when
 * anything did, and answered as the family's page shows it.
 */
async function writeFamilyAppointment(
  { trx, actor, familyId, now }: FamilyContext,
  appointmentId: string,
  version: number,
  write: (before: Locked, now: Date) => Promise<ChangeList>,
) {
  const m = actor.municipalityId;
  const before = await lockAppointment(trx, m, appointmentId, familyId);
  if (!before) throw notFound();
  checkWritable(before, version);
  const changes = await write(before, now);
  if (changes.length > 0)
    await recordAppointmentChange(trx, {
      municipalityId: m,
      familyId,
      appointmentId,
      action: 'update',
      changes,
      by: actor.userId,
    });
  return afterWrite(trx, m, appointmentId, familyId);
}

/** Writes a new appointment (the family's, or null: with another authority only) and who takes part. */
async function createAppointment(
  trx: Trx,
  actor: Actor,
  familyId: string | null,
  body: z.output<typeof NewAppointment>,
) {
  const m = actor.municipalityId;
  const participants = await checkParticipants(trx, m, body.participantIds ?? [actor.userId]);
  const values: AppointmentValues = {
    kind: body.kind,
    title: body.title ?? null,
    other_authority: body.otherAuthority ?? null,
    place: body.place ?? null,
    ...instants(body.date, body.startTime, body.endTime),
  };
  const { id } = await insertAppointment(trx, {
    ...values,
    municipalityId: m,
    familyId,
    createdBy: actor.userId,
  });
  await setParticipants(trx, m, id, participants);
  return { id, values };
}

/**
 * Appointments (journal, issue 14 §6; decision 0038). The family's appointments go through
 * familyRoutes (relationship + audit); a person's own week, one appointment's .ics and the feed's
 * settings are checked and audited here, in one transaction each.
 */
export const appointmentsRoutes: FastifyPluginAsyncZod<{ db: Db; publicUrl: string }> = async (
  app,
  { db, publicUrl },
) => {
  const k = db.kysely;
  const tags = ['journal'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const route = familyRoutes(app, db);
  const access = appointmentsPolicy.record;

  route({
    method: 'GET',
    url: '/families/:familyId/appointments',
    access,
    action: appointmentActions.read,
    audit: { action: 'read', entity: 'appointment', entityId: null, fields: appointmentFields },
    schema: {
      tags,
      summary: 'The family’s appointments',
      params: FamilyParams,
      response: { 200: AppointmentList, ...errors },
    },
    handler: async ({ trx, actor, familyId, family }) => {
      const works = worksWith(actor, family);
      const rows = await familyAppointments(trx, actor.municipalityId, familyId);
      return {
        items: await withParticipants(trx, actor.municipalityId, rows, works),
        abilities: { create: works },
      };
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/appointments',
    access,
    action: appointmentActions.write,
    audit: (_c, a: Appointment) => ({
      action: 'create',
      entity: 'appointment',
      entityId: a.id,
      fields: appointmentFields,
    }),
    schema: {
      tags,
      summary: 'Add an appointment with the family and/or another authority',
      params: FamilyParams,
      body: NewAppointment,
      response: { 201: AppointmentContract, ...errors },
    },
    handler: async ({ trx, actor, familyId }, request) => {
      const m = actor.municipalityId;
      const { id, values } = await createAppointment(trx, actor, familyId, request.body);
      await recordAppointmentChange(trx, {
        municipalityId: m,
        familyId,
        appointmentId: id,
        action: 'create',
        changes: [
          { field: 'kind', from: null, to: values.kind },
          { field: 'startsAt', from: null, to: values.starts_at.toISOString() },
        ],
        by: actor.userId,
      });
      return afterWrite(trx, m, id, familyId);
    },
    send: (a, reply) => reply.code(201).send(a),
  });

  route({
    method: 'PATCH',
    url: '/families/:familyId/appointments/:appointmentId',
    access,
    action: appointmentActions.write,
    audit: (_c, a: Appointment) => ({
      action: 'update',
      entity: 'appointment',
      entityId: a.id,
      fields: appointmentFields,
    }),
    schema: {
      tags,
      summary: 'Change an appointment (at the version it was opened on)',
      params: AppointmentParams,
      body: AppointmentUpdateContract,
      response: { 200: AppointmentContract, ...errors },
    },
    handler: (context, request) =>
      writeFamilyAppointment(context, request.params.appointmentId, request.body.version, (before, now) =>
        changeAppointment(context.trx, context.actor.municipalityId, before, request.body, now),
      ),
  });

  route({
    method: 'POST',
    url: '/families/:familyId/appointments/:appointmentId/cancel',
    access,
    action: appointmentActions.write,
    audit: (_c, a: Appointment) => ({
      action: 'update',
      entity: 'appointment',
      entityId: a.id,
      fields: ['cancelled'],
    }),
    schema: {
      tags,
      summary: 'Cancel an appointment (kept, marked cancelled)',
      params: AppointmentParams,
      body: CancelAppointmentBody,
      response: { 200: AppointmentContract, ...errors },
    },
    handler: (context, request) =>
      writeFamilyAppointment(
        context,
        request.params.appointmentId,
        request.body.version,
        async (before, now) => {
          const { trx, actor } = context;
          await updateAppointment(trx, actor.municipalityId, before.id, cancelled(actor.userId, now), now);
          return [{ field: 'cancelled', from: false, to: true }];
        },
      ),
  });

  app.post(
    '/appointments',
    {
      config: { access: appointmentsPolicy.own },
      schema: {
        tags,
        summary:
          'Add my appointment with another authority, without a family (e.g. a meeting at the job centre)',
        body: NewAuthorityAppointment,
        response: { 201: AppointmentContract, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const m = actor.municipalityId;
      const created = await k.transaction().execute(async (trx) => {
        const { id } = await createAppointment(trx, actor, null, request.body);
        // No family: no family history to write it in; the audit log keeps who made it and when.
        await audit(trx, actor, {
          action: 'create',
          entity: 'appointment',
          entityId: id,
          fields: appointmentFields,
          purpose: 'case_work',
        });
        return afterWrite(trx, m, id);
      });
      return reply.code(201).send(created);
    },
  );

  /**
   * One appointment without a family, locked for a write by its creator or their leader (decision
   * 0053); anyone else is refused on the record, a family's appointment is not found here.
   */
  async function lockOwnAppointment(trx: Trx, actor: Actor, appointmentId: string, version: number) {
    const m = actor.municipalityId;
    const row = await findAppointment(trx, m, appointmentId);
    if (!row || row.household_id !== null)
      throw refused(notFound(), {
        entity: 'appointment',
        entityId: appointmentId,
        fields: appointmentFields,
        purpose: 'not_found',
      });
    if (!ownsAuthorityAppointment(actor, row))
      throw refused(forbidden(), {
        entity: 'appointment',
        entityId: appointmentId,
        fields: appointmentFields,
        purpose: 'access_check',
      });
    const before = (await lockAppointment(trx, m, appointmentId, null))!;
    checkWritable(before, version);
    return before;
  }

  /**
   * A write of one appointment without a family, in one transaction: locked and checked, written
   * (`write` says which fields it changed), audited, and answered as its creator sees it.
   */
  function writeOwn(
    actor: Actor,
    appointmentId: string,
    version: number,
    write: (trx: Trx, before: Locked, now: Date) => Promise<string[]>,
  ) {
    const m = actor.municipalityId;
    const now = new Date();
    return k.transaction().execute(async (trx) => {
      const before = await lockOwnAppointment(trx, actor, appointmentId, version);
      const fields = await write(trx, before, now);
      await audit(trx, actor, {
        action: 'update',
        entity: 'appointment',
        entityId: appointmentId,
        fields,
        purpose: 'case_work',
      });
      return afterWrite(trx, m, appointmentId);
    });
  }

  app.patch(
    '/appointments/:appointmentId',
    {
      config: { access: appointmentsPolicy.own },
      schema: {
        tags,
        summary: 'Change my appointment with another authority (no family), at the version it was opened on',
        params: AppointmentIdParams,
        body: AuthorityAppointmentUpdate,
        response: { 200: AppointmentContract, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return writeOwn(actor, request.params.appointmentId, request.body.version, async (trx, before, now) => {
        const changes = await changeAppointment(trx, actor.municipalityId, before, request.body, now);
        // No family history to keep the changes in: the audit row names the fields changed.
        const fields = changes.map((c) => c.field);
        return fields.length > 0 ? fields : appointmentFields;
      });
    },
  );

  app.post(
    '/appointments/:appointmentId/cancel',
    {
      config: { access: appointmentsPolicy.own },
      schema: {
        tags,
        summary: 'Cancel my appointment with another authority (kept, marked cancelled)',
        params: AppointmentIdParams,
        body: CancelAppointmentBody,
        response: { 200: AppointmentContract, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return writeOwn(actor, request.params.appointmentId, request.body.version, async (trx, before, now) => {
        await updateAppointment(trx, actor.municipalityId, before.id, cancelled(actor.userId, now), now);
        return ['cancelled'];
      });
    },
  );

  app.get(
    '/appointments/mine',
    {
      config: { access: appointmentsPolicy.own },
      schema: {
        tags,
        summary: 'My appointments in one ISO week (Danish time; this week unless named)',
        querystring: MyAppointmentsQuery,
        response: { 200: MyAppointments, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const week = request.query.week ?? isoWeekOf(today());
      const monday = mondayOf(week)!;
      const from = copenhagenInstant(monday, '00:00');
      const to = copenhagenInstant(addDays(monday, 7), '00:00');
      return k.transaction().execute(async (trx) => {
        const rows = await appointmentsOf(trx, actor.municipalityId, actor.userId, from, to);
        await audit(trx, actor, {
          action: 'list',
          entity: 'appointment',
          householdIds: [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))],
          fields: appointmentFields,
          purpose: 'case_work',
        });
        return {
          week,
          from: monday,
          to: addDays(monday, 6),
          previousWeek: shiftWeek(week, -1),
          nextWeek: shiftWeek(week, 1),
          // A family's appointment is edited on the family's page, where the relationship is
          // checked; one with another authority only, here, by its creator or their leader.
          items: await withParticipants(trx, actor.municipalityId, rows, (r) =>
            ownsAuthorityAppointment(actor, r),
          ),
        };
      });
    },
  );

  app.get(
    '/appointments/:appointmentId/ics',
    {
      config: { access: appointmentsPolicy.own },
      schema: {
        tags,
        summary: 'One appointment as an iCalendar file, for a participant or whoever works with its family',
        params: AppointmentIdParams,
        response: { 200: z.unknown().describe('text/calendar'), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const m = actor.municipalityId;
      const { appointmentId } = request.params;
      const now = new Date();
      const file = await k.transaction().execute(async (trx) => {
        const row = await findAppointment(trx, m, appointmentId);
        if (!row)
          throw refused(notFound(), {
            entity: 'appointment',
            entityId: appointmentId,
            fields: ['ics'],
            purpose: 'not_found',
          });
        const [appointment] = await withParticipants(trx, m, [row], false);
        const participant = appointment!.participants.some((p) => p.id === actor.userId);
        const family = row.household_id
          ? await findFamilyRelation(trx, actor, row.household_id, now, false)
          : undefined;
        if (!participant && !ownsAuthorityAppointment(actor, row) && !(family && worksWith(actor, family))) {
          throw refused(forbidden(), {
            entity: 'appointment',
            entityId: appointmentId,
            householdId: row.household_id,
            fields: ['ics'],
            purpose: 'access_check',
          });
        }
        await audit(trx, actor, {
          action: 'read',
          entity: 'appointment',
          entityId: appointmentId,
          householdId: row.household_id,
          fields: ['ics', ...appointmentFields],
          purpose: 'case_work',
        });
        return {
          date: appointment!.date,
          body: icsCalendar([toEvent(appointment!, row, request.locale, { details: true })]),
        };
      });
      return reply
        .header('content-disposition', `attachment; filename="appointment-${file.date}.ics"`)
        .header('cache-control', 'no-store')
        .type('text/calendar; charset=utf-8')
        .send(Buffer.from(file.body, 'utf8'));
    },
  );

  const own = { access: appointmentsPolicy.own };

  app.get(
    '/me/calendar-feed',
    {
      config: { ...own, unaudited: 'whether my own feed runs: my setting, no family’s data' },
      schema: {
        tags,
        summary: 'Whether my calendar feed runs, and with details',
        response: { 200: CalendarFeedStatus, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const feed = await findFeed(k, actor.municipalityId, actor.userId);
      const active = feed !== undefined && feed.revoked_at === null;
      return { active, details: active && feed.details, createdAt: active ? iso(feed.created_at) : null };
    },
  );

  app.post(
    '/me/calendar-feed',
    {
      config: own,
      schema: {
        tags,
        summary: 'Create or replace my calendar feed: its secret URL, shown this once',
        body: CalendarFeedBody,
        response: { 201: CalendarFeedCreated, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const details = request.body.details ?? false;
      await k.transaction().execute(async (trx) => {
        await saveFeed(trx, actor.municipalityId, actor.userId, hashToken(token), details, now);
        await audit(trx, actor, {
          action: 'create',
          entity: 'calendar_feed',
          entityId: actor.userId,
          fields: ['token', 'details'],
          purpose: 'own_settings',
        });
      });
      const url = new URL(`/calendar/${token}.ics`, publicUrl).toString();
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ active: true, details, createdAt: now.toISOString(), url });
    },
  );

  app.delete(
    '/me/calendar-feed',
    {
      config: own,
      schema: {
        tags,
        summary: 'Revoke my calendar feed: its URL answers 404 from now on',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await k.transaction().execute(async (trx) => {
        await revokeFeed(trx, actor.municipalityId, actor.userId, new Date());
        await audit(trx, actor, {
          action: 'delete',
          entity: 'calendar_feed',
          entityId: actor.userId,
          fields: ['token'],
          purpose: 'own_settings',
        });
      });
      return reply.code(204).send(null);
    },
  );
};

/**
 * The feed itself: `GET /calendar/<token>.ics`, without a session — a calendar program fetches it.
 * The token is looked up by its hash; a revoked or unknown one is 404. Each fetch is audited as the
 * feed's owner. Without the owner's opt-in an event says only the kind of meeting and the family's
 * initials, since the calendar (and its provider) is outside Staircase.
 */
export const calendarFeedRoute: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  app.get(
    '/calendar/:file',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '15 minutes' } },
      schema: {
        tags: ['journal'],
        summary: 'My appointments as an iCalendar feed (secret URL)',
        params: FeedParams,
        hide: true,
      },
    },
    async (request, reply) => {
      const token = FEED_FILE.exec(request.params.file)?.[1];
      if (!token) throw notFound();
      const now = new Date();
      const body = await k.transaction().execute(async (trx) => {
        const feed = await feedByTokenHash(trx, hashToken(token));
        if (!feed) throw notFound();
        const m = feed.municipality_id;
        const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
        const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY);
        const rows = await appointmentsOf(trx, m, feed.user_id, from, to);
        const familyIds = [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))];
        await audit(
          trx,
          { userId: feed.user_id, municipalityId: m, role: feed.role },
          {
            action: 'list',
            entity: 'appointment',
            householdIds: familyIds,
            fields: feed.details
              ? ['calendar_feed', ...appointmentFields]
              : ['calendar_feed', 'kind', 'time', 'initials'],
            purpose: 'calendar_feed',
          },
        );
        const appointments = await withParticipants(trx, m, rows, false);
        const adults = feed.details ? [] : await adultsOf(trx, m, familyIds);
        const initials = new Map<string, string>();
        for (const a of adults)
          if (!initials.has(a.household_id))
            initials.set(a.household_id, initialsOf(a.first_name, a.last_name));
        const events = appointments.map((a, i) =>
          toEvent(
            a,
            rows[i]!,
            feed.locale,
            feed.details
              ? { details: true }
              : { details: false, initials: a.familyId ? (initials.get(a.familyId) ?? null) : null },
          ),
        );
        return icsCalendar(events, translate(feed.locale, 'calendar.feedName'));
      });
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .type('text/calendar; charset=utf-8')
        .send(Buffer.from(body, 'utf8'));
    },
  );
};
