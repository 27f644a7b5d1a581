import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { isLanguageCode } from '../common/iso-codes';
import { optionalFreeText, textMeta, typedString } from '../common/text';
import { OutreachStatus } from './outreach.contract';

/*
 * Visits at the door (issue 15 §3, decision 0048): each attempt to reach a household, recorded on
 * a phone in the stairwell — also offline, queued on the device and sent later. The device makes
 * the visit's `clientId`, so a visit sent twice is stored once, and says which visit of the
 * household it last saw (`lastKnownVisitId`), so a visit someone else recorded meanwhile is shown
 * as a conflict instead of being silently passed over.
 */

export const VisitOutcome = z.enum(['not_home', 'talked', 'call_back', 'not_interested', 'interested']);
export type VisitOutcome = z.infer<typeof VisitOutcome>;

/** Why a household said no: the funnel counts these (EVALUATION.md's reasons for no). */
export const NoReason = z.enum([
  'no_time',
  'has_work_or_education',
  'already_helped',
  'distrust',
  'health',
  'moving',
  'other',
]);
export type NoReason = z.infer<typeof NoReason>;

export const VISIT_NOTE_MAX = 500;

/** Empty form fields arrive as '' and mean "not given". */
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const Language = typedString()
  .toLowerCase()
  .refine(isLanguageCode, { message: 'errors.language' })
  .meta(textMeta('code'));

/** How far a device's clock may run ahead of the server's before a visit is "in the future". */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** The fields of a visit that a worker fills in at the door: the web form's fields too. */
export const visitFields = {
  /** A colleague who went along. */
  companionId: z.preprocess(emptyToNull, Id.nullable()).optional(),
  outcome: VisitOutcome,
  /** The agreed day to come back (outcome call_back only, and required for it). */
  callBackOn: z.preprocess(emptyToNull, IsoDate.nullable()).optional(),
  /** Why not (outcome not_interested only, and required for it). */
  reason: z.preprocess(emptyToNull, NoReason.nullable()).optional(),
  language: z.preprocess(emptyToNull, Language.nullable()).optional(),
  interpreterNeeded: z.boolean().default(false),
  note: optionalFreeText(VISIT_NOTE_MAX),
};

type VisitRuleInput = { outcome: VisitOutcome; callBackOn?: string | null; reason?: string | null };

/** Which fields belong to which outcome: the server's and the form's rules, once. */
export function withVisitRules<S extends z.ZodType<VisitRuleInput>>(schema: S) {
  return schema
    .refine((v) => v.outcome !== 'call_back' || (v.callBackOn ?? null) !== null, {
      path: ['callBackOn'],
      message: 'errors.required',
    })
    .refine((v) => v.outcome === 'call_back' || (v.callBackOn ?? null) === null, {
      path: ['callBackOn'],
      message: 'errors.visitCallBackOnlyForCallBack',
    })
    .refine((v) => v.outcome !== 'not_interested' || (v.reason ?? null) !== null, {
      path: ['reason'],
      message: 'errors.required',
    })
    .refine((v) => v.outcome === 'not_interested' || (v.reason ?? null) === null, {
      path: ['reason'],
      message: 'errors.visitReasonOnlyForNo',
    });
}

export const NewVisit = withVisitRules(
  z.strictObject({
    /** Made on the device when the visit is recorded: the same id again is the same visit. */
    clientId: Id,
    householdId: Id,
    /** The household's latest visit as the device knew it (null: it knew of none). */
    lastKnownVisitId: Id.nullable(),
    /** When the door was knocked on: the device's time, also when sent hours later. */
    visitedAt: z.iso.datetime({ offset: true, message: 'errors.dateTime' }),
    ...visitFields,
  }),
);
export type NewVisit = z.input<typeof NewVisit>;

export const StaffRef = z.object({ id: Id, name: z.string() });

export const Visit = z.object({
  id: Id,
  clientId: Id,
  householdId: Id,
  visitedAt: z.string(),
  visitedBy: StaffRef,
  companion: StaffRef.nullable(),
  outcome: VisitOutcome,
  callBackOn: z.string().nullable(),
  reason: NoReason.nullable(),
  language: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  note: z.string().nullable(),
  /** The visit someone else recorded meanwhile, which this one was recorded without knowing. */
  conflictWith: Id.nullable(),
  recordedAt: z.string(),
});
export type Visit = z.infer<typeof Visit>;

/**
 * The answer to a recorded visit: the visit as stored and, when someone else recorded a visit of
 * the household since the device last looked, that visit (`conflict`) — both kept, the worker
 * shown both. `replayed`: the same clientId had been stored before (200, nothing new written).
 */
export const RecordedVisit = z.object({
  visit: Visit,
  conflict: Visit.nullable(),
  replayed: z.boolean(),
  /** The household's outreach status after the visit. */
  status: OutreachStatus,
});
export type RecordedVisit = z.infer<typeof RecordedVisit>;

export const HouseholdParams = z.strictObject({ householdId: Id });

export const HouseholdVisits = z.object({
  householdId: Id,
  status: OutreachStatus,
  /** Newest first. */
  items: z.array(Visit),
});
export type HouseholdVisits = z.infer<typeof HouseholdVisits>;

/** One door of the walk: an apartment in stair order and the household living there, if known. */
export const WalkDoor = z.object({
  apartmentId: Id,
  floor: z.number().int(),
  door: z.string(),
  household: z
    .object({
      id: Id,
      reference: z.string(),
      /** The adults' names, for the door and the printed route list. */
      names: z.array(z.string()),
      status: OutreachStatus,
      eligible: z.boolean().nullable(),
      /** The household's visits, newest first: the first is what the device "last knew". */
      visits: z.array(Visit),
    })
    .nullable(),
});
export type WalkDoor = z.infer<typeof WalkDoor>;

/** A staircase's walk: its address and its doors from the ground floor up, door by door. */
export const StaircaseWalk = z.object({
  id: Id,
  buildingId: Id,
  buildingName: z.string(),
  street: z.string(),
  number: z.string(),
  entrance: z.string(),
  postalCode: z.string().nullable(),
  doors: z.array(WalkDoor),
  /** The team's staff, to name who went along. */
  colleagues: z.array(StaffRef),
});
export type StaircaseWalk = z.infer<typeof StaircaseWalk>;
