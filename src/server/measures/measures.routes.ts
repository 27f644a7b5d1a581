import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { FamilyParams } from '../../shared/families/families.contract';
import {
  DueList,
  FamilyMeasurements,
  InstrumentList,
  Measurement,
  MeasurementParams,
  MeasurementUpdate,
  NewMeasurement,
  type ScoredAnswers,
  type StatusCode,
} from '../../shared/measures/measures.contract';
import { isListedAsDue, nextDue } from '../../shared/measures/schedule';
import { worksWith } from '../access/family-access';
import { familyRoutes } from '../access/family-route';
import { atVersion, fieldError } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { loadInstruments } from './instruments';
import { measureActions, measuresPolicy } from './measures.policy';
import {
  type AnswerRow,
  clearMeasurement,
  familyAdultFacts,
  familyAnswers,
  familyChildFacts,
  familyDates,
  familyMeasurements,
  familyMembers,
  insertAdultFacts,
  insertChildFacts,
  insertMeasurement,
  insertSessions,
  lockMeasurement,
  occasionTaken,
  pairFamiliesSchedule,
  updateMeasurement,
} from './measures.queries';
import { checkAndScore } from './measures.service';

type Q = Parameters<typeof familyMeasurements>[0];

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The sessions' answer rows (one per item) folded into scored answers per session. */
function foldAnswers(rows: AnswerRow[]) {
  const sessions = new Map<string, { row: AnswerRow; values: number[] }>();
  for (const r of rows) {
    const s = sessions.get(r.id) ?? { row: r, values: [] };
    if (r.value !== null) s.values.push(r.value);
    sessions.set(r.id, s);
  }
  return [...sessions.values()];
}

/** The family's measurements with their scores, oldest first: five statements, whatever their number. */
async function readMeasurements(db: Q, municipalityId: string, familyId: string, update: boolean) {
  const heads = await familyMeasurements(db, municipalityId, familyId);
  const sessions = foldAnswers(await familyAnswers(db, municipalityId, familyId));
  const adultFacts = await familyAdultFacts(db, municipalityId, familyId);
  const childFacts = await familyChildFacts(db, municipalityId, familyId);
  const scored = (measurementId: string, personId: string | null): ScoredAnswers[] =>
    sessions
      .filter((s) => s.row.measurement_id === measurementId && s.row.person_id === personId)
      .map((s) => ({
        instrumentId: s.row.instrument_id,
        instrumentCode: s.row.code,
        values: s.values,
        score: s.row.score,
      }));
  return heads.map(
    (h): Measurement => ({
      id: h.id,
      familyId: h.household_id,
      occasion: h.occasion,
      takenOn: h.taken_on,
      language: h.language,
      version: h.version,
      recordedBy: { id: h.recorded_by, displayName: h.recorded_by_name },
      adults: adultFacts
        .filter((f) => f.measurement_id === h.id)
        .map((f) => ({
          personId: f.person_id,
          unemploymentYears: num(f.unemployment_years),
          currentStatus: f.current_status as StatusCode | null,
          answers: scored(h.id, f.person_id),
        })),
      children: childFacts
        .filter((f) => f.measurement_id === h.id)
        .map((f) => ({
          personId: f.person_id,
          school: f.school,
          schoolClass: f.school_class,
          absencePercent: num(f.absence_percent),
          leisureActivities: f.leisure_activities,
          answers: scored(h.id, f.person_id),
        })),
      household: scored(h.id, null),
      abilities: { update },
    }),
  );
}

/**
 * Instruments as data and the family's measurements (issue 15 §5, decision 0044): the
 * instruments, a family's measurements with their scores, recording a baseline, follow-up or
 * exit (scored on save, in one transaction), editing one (versioned, 409 when stale), and the
 * measurements due for the families one is pair of.
 */
export const measuresRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const tags = ['measures'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const route = familyRoutes(app, db);
  const access = measuresPolicy.record;
  const fields = ['answers', 'scores', 'baselineFacts'];

  app.get(
    '/measures/instruments',
    {
      config: {
        access: measuresPolicy.instruments,
        unaudited: 'the instruments: configuration, no one’s data',
      },
      schema: {
        tags,
        summary: 'The municipality’s instruments: items, scale, respondent and texts',
        response: { 200: InstrumentList, ...errors },
      },
    },
    async (request) => ({ items: await loadInstruments(k, actorOf(request).municipalityId) }),
  );

  route({
    method: 'GET',
    url: '/families/:familyId/measures',
    access,
    action: measureActions.read,
    audit: { action: 'read', entity: 'measurement', entityId: null, fields },
    schema: {
      tags,
      summary: 'The family’s measurements with their scores, and the next one due',
      params: FamilyParams,
      response: { 200: FamilyMeasurements, ...errors },
    },
    handler: async ({ trx, actor, familyId, family }) => {
      const m = actor.municipalityId;
      const works = worksWith(actor, family);
      const items = await readMeasurements(trx, m, familyId, works);
      const dates = await familyDates(trx, m, familyId);
      const next = nextDue({
        enrolledOn: dates?.enrolled_on ?? null,
        exitedOn: dates?.exited_on ?? null,
        measurements: items,
      });
      return { items, next, abilities: { record: works } };
    },
  });

  /** Checks, scores and writes a measurement's answers and facts (the header is written by the caller). */
  async function write(
    trx: Parameters<typeof insertSessions>[0],
    m: string,
    familyId: string,
    measurementId: string | null,
    parsed: z.output<typeof NewMeasurement>,
    userId: string,
    now: Date,
  ) {
    const dates = await familyDates(trx, m, familyId);
    if (!dates?.enrolled_on) throw fieldError('occasion', 'errors.measureNotEnrolled');
    if (
      parsed.occasion !== 'follow_up' &&
      (await occasionTaken(trx, m, familyId, parsed.occasion, measurementId))
    )
      throw fieldError('occasion', 'errors.measureOccasionTaken', 409);
    const instruments = await loadInstruments(trx, m);
    const members = await familyMembers(trx, m, familyId);
    const checked = checkAndScore(parsed, members, instruments);
    const header = {
      municipalityId: m,
      familyId,
      occasion: parsed.occasion,
      takenOn: parsed.takenOn,
      language: parsed.language,
      recordedBy: userId,
    };
    let id = measurementId;
    if (id === null) id = (await insertMeasurement(trx, header)).id;
    else {
      await updateMeasurement(trx, id, header, now);
      await clearMeasurement(trx, m, id);
    }
    await insertSessions(trx, m, familyId, id, checked.sessions);
    await insertAdultFacts(trx, m, id, checked.adults);
    await insertChildFacts(trx, m, id, checked.children);
    const all = await readMeasurements(trx, m, familyId, true);
    return all.find((x) => x.id === id)!;
  }

  route({
    method: 'POST',
    url: '/families/:familyId/measures',
    access,
    action: measureActions.record,
    audit: (_c, r: Measurement) => ({ action: 'create', entity: 'measurement', entityId: r.id, fields }),
    schema: {
      tags,
      summary: 'Record a baseline, follow-up or exit measurement, scored on save',
      params: FamilyParams,
      body: NewMeasurement,
      response: { 201: Measurement, ...errors },
    },
    handler: ({ trx, actor, familyId, now }, request) =>
      write(trx, actor.municipalityId, familyId, null, request.body, actor.userId, now),
    send: (r, reply) => reply.code(201).send(r),
  });

  route({
    method: 'PUT',
    url: '/families/:familyId/measures/:measurementId',
    access,
    action: measureActions.record,
    audit: (_c, r: Measurement) => ({ action: 'update', entity: 'measurement', entityId: r.id, fields }),
    schema: {
      tags,
      summary:
        'Correct a measurement: its answers and facts replaced, scored anew (409 when changed meanwhile)',
      params: MeasurementParams,
      body: MeasurementUpdate,
      response: { 200: Measurement, ...errors },
    },
    handler: async ({ trx, actor, familyId, now }, request) => {
      const m = actor.municipalityId;
      const { measurementId } = request.params;
      const { version, ...body } = request.body;
      atVersion(await lockMeasurement(trx, m, familyId, measurementId), version);
      return write(trx, m, familyId, measurementId, body, actor.userId, now);
    },
  });

  app.get(
    '/measures/due',
    {
      config: { access: measuresPolicy.due },
      schema: {
        tags,
        summary: 'Measurements due within two weeks or overdue, for the families I am pair of',
        response: { 200: DueList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const day = today();
      return k.transaction().execute(async (trx) => {
        const rows = await pairFamiliesSchedule(trx, actor.municipalityId, actor.userId);
        const items = rows.flatMap((r) => {
          const measurements = [
            ...(Number(r.baselines) > 0 && r.latest
              ? [{ occasion: 'baseline' as const, takenOn: r.latest }]
              : []),
            ...(Number(r.exits) > 0 ? [{ occasion: 'exit' as const, takenOn: r.exited_on ?? day }] : []),
          ];
          const due = nextDue({ enrolledOn: r.enrolled_on, exitedOn: r.exited_on, measurements });
          if (!due || !isListedAsDue(due, day)) return [];
          return [{ ...due, familyId: r.id, familyReference: r.reference, overdue: due.dueOn < day }];
        });
        items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
        await audit(trx, actor, {
          action: 'list',
          entity: 'measurement',
          householdIds: items.map((i) => i.familyId),
          fields: ['due'],
          purpose: 'case_work',
        });
        return { items };
      });
    },
  );
};
