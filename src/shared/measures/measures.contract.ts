import { z } from 'zod';
import { Id, Locale, pastDate } from '../common/common.contract';
import { nameText, optionalNameText } from '../common/text';
import { StaffRef } from '../families/families.contract';
import { EARLIEST_PROGRAMME_DATE } from '../families/rules';
import { SCORINGS } from './scoring';

/*
 * Instruments as data and the family's measurements (issue 15 §5; decision 0044). An instrument
 * is its items, its answer scale (with labelled points), who answers it and its texts in Danish
 * and English; a measurement is one occasion (baseline at enrolment, follow-up, exit) of one
 * family: per adult the instruments answered and the baseline facts (years of unemployment,
 * current status), per child the school facts, and the staff's assessment of the household.
 * Answers are scored on save (scoring.ts) by the rules of EVALUATION.md.
 */

/** Who answers an instrument: an adult or a child (about themselves), the household, or its staff. */
export const Respondent = z.enum(['adult', 'child', 'household', 'staff']);
export type Respondent = z.infer<typeof Respondent>;
/** A person answers about themselves; the household and staff answer about the family. */
export const aboutPerson = (r: Respondent) => r === 'adult' || r === 'child';

export const Occasion = z.enum(['baseline', 'follow_up', 'exit'], { message: 'errors.measureOccasion' });
export type Occasion = z.infer<typeof Occasion>;
export const Scoring = z.enum(SCORINGS);

/** A person's status on a day (EVALUATION.md, "Status codes"). */
export const STATUS_CODES = [
  'EMPLOYED',
  'EMPLOYED_WITH_BENEFIT',
  'FLEX_JOB',
  'WAGE_SUBSIDY',
  'EDUCATION',
  'INTERNSHIP',
  'CASH_BENEFIT',
  'SICKNESS_BENEFIT',
  'RESOURCE_COURSE',
  'JOB_CLARIFICATION',
  'AWAITING_FLEX_JOB',
  'UNEMPLOYMENT_INSURANCE',
  'EARLY_RETIREMENT_PENSION',
  'NO_PUBLIC_BENEFIT',
] as const;
export const StatusCode = z.enum(STATUS_CODES, { message: 'errors.measureStatus' });
export type StatusCode = z.infer<typeof StatusCode>;

/** A text in each language the instruments speak. */
export const Texts = z.object({ da: z.string(), en: z.string() });
export type Texts = z.infer<typeof Texts>;

export const InstrumentItem = z.object({ id: Id, position: z.number().int(), text: Texts });
export const ScaleLabel = z.object({ value: z.number().int(), text: Texts });

export const Instrument = z.object({
  id: Id,
  /** NETWORK, WHO5, HEALTH_SELF_MANAGEMENT, STAFF_WELLBEING for the defaults (the import's names). */
  code: z.string(),
  respondent: Respondent,
  scaleMin: z.number().int(),
  scaleMax: z.number().int(),
  scoring: Scoring,
  name: Texts,
  instructions: Texts,
  items: z.array(InstrumentItem),
  /** The scale's labelled points (all of them for 1–4 or 0–5, the ends for 0–10). */
  labels: z.array(ScaleLabel),
});
export type Instrument = z.infer<typeof Instrument>;
export const InstrumentList = z.object({ items: z.array(Instrument) });
export type InstrumentList = z.infer<typeof InstrumentList>;

export const ABSENCE_MAX = 100;
export const UNEMPLOYMENT_YEARS_MAX = 60;
export const SCHOOL_MAX = 200;
export const LEISURE_MAX = 10;

/** One instrument answered: the answers in item order (scored on save). */
export const AnswerInput = z.strictObject({
  instrumentId: Id,
  values: z
    .array(z.number({ message: 'errors.measureAnswer' }).int({ message: 'errors.measureAnswer' }))
    .max(50),
});
export type AnswerInput = z.input<typeof AnswerInput>;

export const AdultInput = z.strictObject({
  personId: Id,
  /** Years unemployed before enrolment (the baseline); half years allowed. */
  unemploymentYears: z
    .number({ message: 'errors.invalidType' })
    .min(0, { message: 'errors.tooSmallNumber' })
    .max(UNEMPLOYMENT_YEARS_MAX, { message: 'errors.tooLargeNumber' })
    .nullable()
    .optional(),
  currentStatus: StatusCode.nullable().optional(),
  answers: z.array(AnswerInput).max(20).default([]),
});
export type AdultInput = z.input<typeof AdultInput>;

export const ChildInput = z.strictObject({
  personId: Id,
  school: optionalNameText(SCHOOL_MAX),
  schoolClass: optionalNameText(20),
  /** Absence last term, percent of school days (0–100). */
  absencePercent: z
    .number({ message: 'errors.invalidType' })
    .min(0, { message: 'errors.tooSmallNumber' })
    .max(ABSENCE_MAX, { message: 'errors.tooLargeNumber' })
    .nullable()
    .optional(),
  leisureActivities: z.array(nameText(100)).max(LEISURE_MAX, { message: 'errors.tooMany' }).default([]),
  answers: z.array(AnswerInput).max(20).default([]),
});
export type ChildInput = z.input<typeof ChildInput>;

const measurementFields = {
  occasion: Occasion,
  /** The day it was taken: not in the future, not before the programme. */
  takenOn: pastDate(EARLIEST_PROGRAMME_DATE, 'errors.dateBeforeProgramme'),
  /** The language the instruments were answered in. */
  language: Locale,
  adults: z.array(AdultInput).max(20).default([]),
  children: z.array(ChildInput).max(20).default([]),
  /** The household's instruments (the staff's assessment of the family's well-being). */
  household: z.array(AnswerInput).max(20).default([]),
};

export const NewMeasurement = z.strictObject(measurementFields);
export type NewMeasurement = z.input<typeof NewMeasurement>;
/** An edit replaces the measurement's answers and facts; `version` is the one opened (409 otherwise). */
export const MeasurementUpdate = z.strictObject({ ...measurementFields, version: z.number().int().min(1) });
export type MeasurementUpdate = z.input<typeof MeasurementUpdate>;

export const MeasurementParams = z.strictObject({ familyId: Id, measurementId: Id });

export const ScoredAnswers = z.object({
  instrumentId: Id,
  instrumentCode: z.string(),
  values: z.array(z.number().int()),
  score: z.number().nullable(),
});
export type ScoredAnswers = z.infer<typeof ScoredAnswers>;

export const AdultMeasurement = z.object({
  personId: Id,
  unemploymentYears: z.number().nullable(),
  currentStatus: StatusCode.nullable(),
  answers: z.array(ScoredAnswers),
});
export const ChildMeasurement = z.object({
  personId: Id,
  school: z.string().nullable(),
  schoolClass: z.string().nullable(),
  absencePercent: z.number().nullable(),
  leisureActivities: z.array(z.string()),
  answers: z.array(ScoredAnswers),
});

export const Measurement = z.object({
  id: Id,
  familyId: Id,
  occasion: Occasion,
  takenOn: z.string(),
  language: Locale,
  version: z.number().int(),
  recordedBy: StaffRef,
  adults: z.array(AdultMeasurement),
  children: z.array(ChildMeasurement),
  household: z.array(ScoredAnswers),
  abilities: z.object({ update: z.boolean() }),
});
export type Measurement = z.infer<typeof Measurement>;

export const Due = z.object({ occasion: Occasion, dueOn: z.string() });
export type Due = z.infer<typeof Due>;

export const FamilyMeasurements = z.object({
  /** Oldest first: the scores over time. */
  items: z.array(Measurement),
  next: Due.nullable(),
  abilities: z.object({ record: z.boolean() }),
});
export type FamilyMeasurements = z.infer<typeof FamilyMeasurements>;

/** A family of mine with a measurement due within two weeks or overdue ("My work"). */
export const DueItem = Due.extend({ familyId: Id, familyReference: z.string(), overdue: z.boolean() });
export type DueItem = z.infer<typeof DueItem>;
export const DueList = z.object({ items: z.array(DueItem) });
export type DueList = z.infer<typeof DueList>;
