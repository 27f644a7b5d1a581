import { z } from 'zod';
import { Id, pastDate } from '../common/common.contract';
import { GiveConsent, HouseholdRole } from '../families/families.contract';
import { EARLIEST_PROGRAMME_DATE } from '../families/rules';
import { NewMeasurement } from '../measures/measures.contract';
import { OutreachStatus } from './outreach.contract';

/*
 * Enrollment from outreach (issue 15 §4, decision 0049): an interested household becomes an
 * enrolled family in one request — its consents (the register's contract), the pair (the leader's
 * choice) and the baseline (measures' contract, occasion fixed) — or is placed in the comparison
 * group, after which the team never sees it again and analysts see it only in counts.
 */

/** The outreach statuses from which a household may be enrolled: only an "interested" answer. */
export const ENROLLABLE: readonly OutreachStatus[] = ['interested'];
/** Eligible households not (yet) in the programme may be placed in the comparison group. */
export const COMPARABLE: readonly OutreachStatus[] = [
  'eligible',
  'not_home',
  'talked',
  'call_back',
  'not_interested',
  'interested',
];

export const HouseholdParams = z.strictObject({ householdId: Id });

/** The baseline taken at enrollment: a measurement whose occasion is the baseline. */
export const EnrollmentBaseline = NewMeasurement.omit({ occasion: true });
export type EnrollmentBaseline = z.input<typeof EnrollmentBaseline>;

export const Enroll = z
  .strictObject({
    /** The household's version as the flow opened it: a change meanwhile is a 409. */
    version: z.number().int().min(1),
    enrolledOn: pastDate(EARLIEST_PROGRAMME_DATE, 'errors.dateBeforeProgramme'),
    /** At least one consent; one per purpose (decision 0019). */
    consents: z.array(GiveConsent).min(1, { message: 'errors.consentRequired' }).max(5),
    /** The pair, when the leader enrolls; a team member leaves it to the leader. */
    pair: z
      .tuple([Id, Id])
      .refine(([a, b]) => a !== b, { message: 'errors.pairDistinct' })
      .nullable()
      .optional(),
    /** The baseline now, or later from the family page. */
    baseline: EnrollmentBaseline.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.consents.forEach((c, i) => {
      if (seen.has(c.purpose))
        ctx.addIssue({ code: 'custom', path: ['consents', i, 'purpose'], message: 'errors.consentInForce' });
      seen.add(c.purpose);
    });
  });
export type Enroll = z.input<typeof Enroll>;

export const Enrolled = z.object({ familyId: Id, reference: z.string() });
export type Enrolled = z.infer<typeof Enrolled>;

export const PlaceInComparison = z.strictObject({ version: z.number().int().min(1) });
export type PlaceInComparison = z.input<typeof PlaceInComparison>;

export const PlacedInComparison = z.object({ id: Id, comparisonOn: z.string() });

/** What the flow needs to start: the household as outreach knows it, and what the actor may do. */
export const EnrollmentStart = z.object({
  id: Id,
  reference: z.string(),
  address: z.string(),
  buildingId: Id.nullable(),
  outreachStatus: OutreachStatus,
  eligible: z.boolean().nullable(),
  version: z.number().int(),
  members: z.array(
    z.object({
      id: Id,
      firstName: z.string(),
      lastName: z.string(),
      role: HouseholdRole,
      birthDate: z.string(),
    }),
  ),
  abilities: z.object({
    enroll: z.boolean(),
    placeInComparison: z.boolean(),
    /** The leader chooses the pair in the flow; a team member leaves it to the leader. */
    assignPair: z.boolean(),
  }),
});
export type EnrollmentStart = z.infer<typeof EnrollmentStart>;

/** Comparison-group households per area, for analysts: counts only, small ones suppressed. */
export const ComparisonCounts = z.object({
  /** Counts below this are shown as null (suppressed). */
  minimumCell: z.number().int(),
  areas: z.array(
    z.object({
      areaId: Id,
      areaName: z.string(),
      households: z.number().int().nullable(),
      adults: z.number().int().nullable(),
      children: z.number().int().nullable(),
    }),
  ),
});
export type ComparisonCounts = z.infer<typeof ComparisonCounts>;
