import type { Q, Trx } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { familyRows } from '../access/family-scope';
import * as sample from '../snapshot-samples';

type Occasion = Database['measurement']['occasion'];

// ---- Instruments (the municipality's, active, in their order): three statements, no N+1. ----

/** The active instruments with their names and instructions in Danish and English. */
export function instruments(db: Q, municipalityId: string) {
  return db
    .selectFrom('instrument as i')
    .leftJoin('instrument_text as da', (j) =>
      sameTenant(j, 'da.instrument_id', 'i.id').on('da.language', '=', 'da'),
    )
    .leftJoin('instrument_text as en', (j) =>
      sameTenant(j, 'en.instrument_id', 'i.id').on('en.language', '=', 'en'),
    )
    .select([
      'i.id',
      'i.code',
      'i.respondent',
      'i.scale_min',
      'i.scale_max',
      'i.scoring',
      'da.name as name_da',
      'en.name as name_en',
      'da.instructions as instructions_da',
      'en.instructions as instructions_en',
    ])
    .where('i.municipality_id', '=', municipalityId)
    .where('i.active', '=', true)
    .orderBy('i.position')
    .execute();
}

/** The active instruments' items in order, with their texts in Danish and English. */
export function instrumentItems(db: Q, municipalityId: string) {
  return db
    .selectFrom('instrument_item as it')
    .innerJoin('instrument as i', (j) => sameTenant(j, 'i.id', 'it.instrument_id'))
    .leftJoin('instrument_item_text as da', (j) =>
      sameTenant(j, 'da.item_id', 'it.id').on('da.language', '=', 'da'),
    )
    .leftJoin('instrument_item_text as en', (j) =>
      sameTenant(j, 'en.item_id', 'it.id').on('en.language', '=', 'en'),
    )
    .select(['it.id', 'it.instrument_id', 'it.position', 'da.text as text_da', 'en.text as text_en'])
    .where('it.municipality_id', '=', municipalityId)
    .where('i.active', '=', true)
    .orderBy('it.instrument_id')
    .orderBy('it.position')
    .execute();
}

/** The labelled points of the active instruments' scales. */
export function scaleLabels(db: Q, municipalityId: string) {
  return db
    .selectFrom('instrument_scale_label as l')
    .innerJoin('instrument as i', (j) => sameTenant(j, 'i.id', 'l.instrument_id'))
    .select(['l.instrument_id', 'l.value', 'l.language', 'l.label'])
    .where('l.municipality_id', '=', municipalityId)
    .where('i.active', '=', true)
    .orderBy('l.instrument_id')
    .orderBy('l.value')
    .execute();
}

// ---- A family's measurements: five statements for all of them. ----

/** The family's members: who may answer as an adult or a child. */
export function familyMembers(db: Q, municipalityId: string, familyId: string) {
  return familyRows(db, 'person', municipalityId, familyId).select(['id', 'household_role']).execute();
}

/** The family's household dates, for the schedule. */
export function familyDates(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('household')
    .select(['enrolled_on', 'exited_on'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .executeTakeFirst();
}

/** The family's measurements, oldest first, with who recorded each. */
export function familyMeasurements(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('measurement as m')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'm.recorded_by'))
    .select([
      'm.id',
      'm.household_id',
      'm.occasion',
      'm.taken_on',
      'm.language',
      'm.version',
      'm.recorded_by',
      'u.display_name as recorded_by_name',
    ])
    .where('m.municipality_id', '=', municipalityId)
    .where('m.household_id', '=', familyId)
    .orderBy('m.taken_on')
    .orderBy('m.created_at')
    .execute();
}
export type MeasurementRow = Awaited<ReturnType<typeof familyMeasurements>>[number];

/** Every answer session of the family with its answers (item order) and its instrument's code. */
export function familyAnswers(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('answer_session as s')
    .innerJoin('instrument as i', (j) => sameTenant(j, 'i.id', 's.instrument_id'))
    .leftJoin('answer as a', (j) => sameTenant(j, 'a.session_id', 's.id'))
    .leftJoin('instrument_item as it', (j) => sameTenant(j, 'it.id', 'a.item_id'))
    .select([
      's.id',
      's.measurement_id',
      's.person_id',
      's.instrument_id',
      'i.code',
      'i.position as instrument_position',
      's.score',
      'it.position',
      'a.value',
    ])
    .where('s.municipality_id', '=', municipalityId)
    .where('s.household_id', '=', familyId)
    .orderBy('s.measurement_id')
    .orderBy('i.position')
    .orderBy('s.id')
    .orderBy('it.position')
    .execute();
}
export type AnswerRow = Awaited<ReturnType<typeof familyAnswers>>[number];

/** The adults' baseline facts of the family's measurements. */
export function familyAdultFacts(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('adult_facts as f')
    .innerJoin('measurement as m', (j) => sameTenant(j, 'm.id', 'f.measurement_id'))
    .select(['f.measurement_id', 'f.person_id', 'f.unemployment_years', 'f.current_status'])
    .where('f.municipality_id', '=', municipalityId)
    .where('m.household_id', '=', familyId)
    .execute();
}

/** The children's school facts of the family's measurements. */
export function familyChildFacts(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('child_facts as f')
    .innerJoin('measurement as m', (j) => sameTenant(j, 'm.id', 'f.measurement_id'))
    .select([
      'f.measurement_id',
      'f.person_id',
      'f.school',
      'f.school_class',
      'f.absence_percent',
      'f.leisure_activities',
    ])
    .where('f.municipality_id', '=', municipalityId)
    .where('m.household_id', '=', familyId)
    .execute();
}

// ---- Writing a measurement. ----

/** The measurement, locked for its edit (the family's row is locked too, by the route helper). */
export function lockMeasurement(trx: Trx, municipalityId: string, familyId: string, measurementId: string) {
  return familyRows(trx, 'measurement', municipalityId, familyId)
    .select(['id', 'occasion', 'version'])
    .where('id', '=', measurementId)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the family has a measurement on this occasion other than `exceptId` (one baseline, one exit). */
export async function occasionTaken(
  trx: Trx,
  municipalityId: string,
  familyId: string,
  occasion: Occasion,
  exceptId: string | null,
) {
  const row = await familyRows(trx, 'measurement', municipalityId, familyId)
    .select('id')
    .where('occasion', '=', occasion)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  return row !== undefined;
}

export interface MeasurementHeader {
  municipalityId: string;
  familyId: string;
  occasion: Occasion;
  takenOn: string;
  language: 'da' | 'en';
  recordedBy: string;
}

export function insertMeasurement(trx: Trx, h: MeasurementHeader) {
  return trx
    .insertInto('measurement')
    .values({
      municipality_id: h.municipalityId,
      household_id: h.familyId,
      occasion: h.occasion,
      taken_on: h.takenOn,
      language: h.language,
      recorded_by: h.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The edit's new header and version; the answers and facts are replaced after it. */
export function updateMeasurement(trx: Trx, id: string, h: MeasurementHeader, now: Date) {
  return trx
    .updateTable('measurement')
    .set((eb) => ({
      occasion: h.occasion,
      taken_on: h.takenOn,
      language: h.language,
      recorded_by: h.recordedBy,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('municipality_id', '=', h.municipalityId)
    .where('household_id', '=', h.familyId)
    .where('id', '=', id)
    .execute();
}

/** Empties a measurement before its edit is written anew (answers go with their sessions). */
export async function clearMeasurement(trx: Trx, municipalityId: string, measurementId: string) {
  for (const table of ['answer_session', 'adult_facts', 'child_facts'] as const)
    await trx
      .deleteFrom(table)
      .where('municipality_id', '=', municipalityId)
      .where('measurement_id', '=', measurementId)
      .execute();
}

export interface SessionInsert {
  personId: string | null;
  instrumentId: string;
  score: number | null;
  /** The answers, by item id. */
  answers: { itemId: string; value: number }[];
}

/** A measurement's answer sessions and their answers: two statements for all of them. */
export async function insertSessions(
  trx: Trx,
  municipalityId: string,
  familyId: string,
  measurementId: string,
  sessions: SessionInsert[],
) {
  if (sessions.length === 0) return;
  const ids = await trx
    .insertInto('answer_session')
    .values(
      sessions.map((s) => ({
        municipality_id: municipalityId,
        measurement_id: measurementId,
        household_id: familyId,
        person_id: s.personId,
        instrument_id: s.instrumentId,
        score: s.score,
      })),
    )
    .returning('id')
    .execute();
  const answers = sessions.flatMap((s, i) =>
    s.answers.map((a) => ({
      municipality_id: municipalityId,
      session_id: ids[i]!.id,
      item_id: a.itemId,
      value: a.value,
    })),
  );
  if (answers.length > 0) await trx.insertInto('answer').values(answers).execute();
}

export interface AdultFactsInsert {
  personId: string;
  unemploymentYears: number | null;
  currentStatus: string | null;
}

export async function insertAdultFacts(
  trx: Trx,
  municipalityId: string,
  measurementId: string,
  facts: AdultFactsInsert[],
) {
  if (facts.length === 0) return;
  await trx
    .insertInto('adult_facts')
    .values(
      facts.map((f) => ({
        municipality_id: municipalityId,
        measurement_id: measurementId,
        person_id: f.personId,
        unemployment_years: f.unemploymentYears,
        current_status: f.currentStatus,
      })),
    )
    .execute();
}

export interface ChildFactsInsert {
  personId: string;
  school: string | null;
  schoolClass: string | null;
  absencePercent: number | null;
  leisureActivities: string[];
}

export async function insertChildFacts(
  trx: Trx,
  municipalityId: string,
  measurementId: string,
  facts: ChildFactsInsert[],
) {
  if (facts.length === 0) return;
  await trx
    .insertInto('child_facts')
    .values(
      facts.map((f) => ({
        municipality_id: municipalityId,
        measurement_id: measurementId,
        person_id: f.personId,
        school: f.school,
        school_class: f.schoolClass,
        absence_percent: f.absencePercent,
        leisure_activities: f.leisureActivities,
      })),
    )
    .execute();
}

// ---- Follow-ups due ("My work"). ----

/**
 * The families the actor is pair of, with what the schedule needs: enrolment and exit dates,
 * whether a baseline and an exit measurement exist, and the latest baseline or follow-up.
 */
export function pairFamiliesSchedule(db: Q, municipalityId: string, userId: string) {
  return db
    .selectFrom('pair_assignment as p')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'p.household_id'))
    .leftJoin('measurement as m', (j) => sameTenant(j, 'm.household_id', 'h.id'))
    .select((eb) => [
      'h.id',
      'h.reference',
      'h.enrolled_on',
      'h.exited_on',
      eb.fn.max<string | null>('m.taken_on').filterWhere('m.occasion', '<>', 'exit').as('latest'),
      eb.fn.count<string>('m.id').filterWhere('m.occasion', '=', 'baseline').as('baselines'),
      eb.fn.count<string>('m.id').filterWhere('m.occasion', '=', 'exit').as('exits'),
    ])
    .where('p.municipality_id', '=', municipalityId)
    .where('p.ended_at', 'is', null)
    .where((w) => w.or([w('p.first_member_id', '=', userId), w('p.second_member_id', '=', userId)]))
    .groupBy(['h.id', 'h.reference', 'h.enrolled_on', 'h.exited_on'])
    .orderBy('h.reference')
    .execute();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./measures.queries')> = {
  instruments: [{ run: (db) => instruments(db, sample.MUNICIPALITY) }],
  instrumentItems: [{ run: (db) => instrumentItems(db, sample.MUNICIPALITY) }],
  scaleLabels: [{ run: (db) => scaleLabels(db, sample.MUNICIPALITY) }],
  familyMembers: [{ run: (db) => familyMembers(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyDates: [{ run: (db) => familyDates(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyMeasurements: [{ run: (db) => familyMeasurements(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyAnswers: [{ run: (db) => familyAnswers(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyAdultFacts: [{ run: (db) => familyAdultFacts(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyChildFacts: [{ run: (db) => familyChildFacts(db, sample.MUNICIPALITY, sample.FAMILY) }],
  lockMeasurement: [
    {
      run: sample.inTransaction((trx) =>
        lockMeasurement(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE),
      ),
    },
  ],
  occasionTaken: [
    {
      variant: 'new',
      run: sample.inTransaction((trx) =>
        occasionTaken(trx, sample.MUNICIPALITY, sample.FAMILY, 'baseline', null),
      ),
    },
    {
      variant: 'edit',
      run: sample.inTransaction((trx) =>
        occasionTaken(trx, sample.MUNICIPALITY, sample.FAMILY, 'baseline', sample.COLLEAGUE),
      ),
    },
  ],
  insertMeasurement: [
    {
      run: sample.inTransaction((trx) =>
        insertMeasurement(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          occasion: 'baseline',
          takenOn: '2026-11-25',
          language: 'da',
          recordedBy: sample.USER,
        }),
      ),
    },
  ],
  updateMeasurement: [
    {
      run: sample.inTransaction((trx) =>
        updateMeasurement(
          trx,
          sample.COLLEAGUE,
          {
            municipalityId: sample.MUNICIPALITY,
            familyId: sample.FAMILY,
            occasion: 'baseline',
            takenOn: '2026-11-25',
            language: 'da',
            recordedBy: sample.USER,
          },
          new Date(0),
        ),
      ),
    },
  ],
  clearMeasurement: [
    { run: sample.inTransaction((trx) => clearMeasurement(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) },
  ],
  insertSessions: [
    {
      run: sample.inTransaction((trx) =>
        insertSessions(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE, [
          {
            personId: sample.USER,
            instrumentId: sample.COLLEAGUE,
            score: 60,
            answers: [{ itemId: sample.COLLEAGUE, value: 3 }],
          },
        ]),
      ),
    },
  ],
  insertAdultFacts: [
    {
      run: sample.inTransaction((trx) =>
        insertAdultFacts(trx, sample.MUNICIPALITY, sample.COLLEAGUE, [
          { personId: sample.USER, unemploymentYears: 2.5, currentStatus: 'CASH_BENEFIT' },
        ]),
      ),
    },
  ],
  insertChildFacts: [
    {
      run: sample.inTransaction((trx) =>
        insertChildFacts(trx, sample.MUNICIPALITY, sample.COLLEAGUE, [
          {
            personId: sample.USER,
            school: 'S',
            schoolClass: '4.a',
            absencePercent: 8,
            leisureActivities: ['Fodbold'],
          },
        ]),
      ),
    },
  ],
  pairFamiliesSchedule: [{ run: (db) => pairFamiliesSchedule(db, sample.MUNICIPALITY, sample.USER) }],
};
