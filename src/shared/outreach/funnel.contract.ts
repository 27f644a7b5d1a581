import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { NoReason } from './visits.contract';

/*
 * The outreach funnel (issue 15 §6, decision 0050): eligible → contacted → talked → interested →
 * enrolled, for an area, a building or a staircase, by the month of each household's first visit,
 * with the reasons for no and the time from first visit to enrolment. Team staff see their own
 * area's counts as they are; analysts see any area's, with small cells suppressed
 * (EVALUATION.md §2) and the comparison group in aggregate only.
 */

/** The stages, each a subset of the one before. */
export const FunnelStage = z.enum(['eligible', 'contacted', 'talked', 'interested', 'enrolled']);
export type FunnelStage = z.infer<typeof FunnelStage>;

/** Why a household said no (outreach_visit.reason, migration 0028), and a no without a reason. */
export const FunnelNoReason = z.enum([...NoReason.options, 'none_given']);
export type FunnelNoReason = z.infer<typeof FunnelNoReason>;

/** The cut and the period; the period selects households by the day of their first visit. */
export const FunnelQuery = z
  .strictObject({
    areaId: Id.optional(),
    buildingId: Id.optional(),
    staircaseId: Id.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** The table's rows: the month of each household's first visit (its cohort). */
    by: z.enum(['month']).default('month'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'errors.auditToBeforeFrom', path: ['to'] });
export type FunnelQuery = z.input<typeof FunnelQuery>;

export const FunnelExportBody = z
  .strictObject({
    format: z.enum(['csv', 'xlsx']),
    areaId: Id.optional(),
    buildingId: Id.optional(),
    staircaseId: Id.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'errors.auditToBeforeFrom', path: ['to'] });
export type FunnelExportBody = z.input<typeof FunnelExportBody>;

/** A count; null when it is suppressed (fewer than the threshold, or derivable from others). */
const Count = z.number().int().nullable();

export const FunnelStages = z.object({
  eligible: Count,
  contacted: Count,
  talked: Count,
  interested: Count,
  enrolled: Count,
});
export type FunnelStages = z.infer<typeof FunnelStages>;

/** One cohort: the households first visited in the month (yyyy-mm, Danish time). */
export const FunnelMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  contacted: Count,
  talked: Count,
  interested: Count,
  /** Said no at a visit and not enrolled since. */
  notInterested: Count,
  enrolled: Count,
});
export type FunnelMonth = z.infer<typeof FunnelMonth>;

export const Funnel = z.object({
  cut: z.object({
    areaId: Id.nullable(),
    areaName: z.string().nullable(),
    buildingId: Id.nullable(),
    buildingName: z.string().nullable(),
    staircaseId: Id.nullable(),
    staircaseName: z.string().nullable(),
    from: IsoDate.nullable(),
    to: IsoDate.nullable(),
  }),
  stages: FunnelStages,
  months: z.array(FunnelMonth),
  /** Households that said no and have not enrolled since, by the reason they gave last. */
  reasons: z.array(z.object({ reason: FunnelNoReason, count: Count })),
  /** Days from the first visit to enrolment: n, median and 75th percentile (null when hidden). */
  timeToEnrolment: z.object({ n: Count, median: z.number().nullable(), p75: z.number().nullable() }),
  /** Eligible households enrolled without any recorded visit: outside the stages from contacted on. */
  enrolledWithoutVisit: Count,
  /** The comparison group's households: analysts only, for an area or the municipality; else null. */
  comparison: Count.optional(),
  /** The suppression threshold applied, or null when the counts are shown as they are (team staff). */
  suppressedBelow: z.number().int().nullable(),
});
export type Funnel = z.infer<typeof Funnel>;

/** The places the actor may cut the funnel by: areas, their buildings and staircases (names only). */
export const FunnelPlaces = z.object({
  areas: z.array(
    z.object({
      id: Id,
      name: z.string(),
      buildings: z.array(
        z.object({
          id: Id,
          name: z.string(),
          staircases: z.array(z.object({ id: Id, name: z.string() })),
        }),
      ),
    }),
  ),
});
export type FunnelPlaces = z.infer<typeof FunnelPlaces>;
