import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { StaffRef } from '../families/families.contract';

/**
 * Cover for an absent pair member (issue 14, point 2; decision 0034): the team's leader names a
 * backup from the same team for a period, and while it is in force the backup has the pair's
 * access to the absent member's families.
 */
export const NewCover = z
  .object({
    absentId: Id,
    backupId: Id,
    startsOn: IsoDate,
    endsOn: IsoDate,
  })
  .strict()
  .refine((c) => c.absentId !== c.backupId, { path: ['backupId'], message: 'errors.coverSelf' })
  .refine((c) => c.endsOn >= c.startsOn, { path: ['endsOn'], message: 'errors.coverEndsBeforeStart' });
export type NewCover = z.infer<typeof NewCover>;

/** Where a cover stands today: in force, planned (starts later), or over (ended or cancelled). */
export const CoverState = z.enum(['in_force', 'planned', 'ended', 'cancelled']);
export type CoverState = z.infer<typeof CoverState>;

export const Cover = z.object({
  id: Id,
  absent: StaffRef,
  backup: StaffRef,
  startsOn: z.string(),
  endsOn: z.string(),
  state: CoverState,
});
export type Cover = z.infer<typeof Cover>;
export const CoverList = z.object({ items: z.array(Cover) });
export type CoverList = z.infer<typeof CoverList>;
export const CoverParams = z.object({ coverId: Id }).strict();

/** A cover's state on a given day (Denmark's date), the same rule as the relation statement's. */
export function coverState(
  c: { startsOn: string; endsOn: string; cancelled: boolean },
  today: string,
): CoverState {
  if (c.cancelled) return 'cancelled';
  if (c.endsOn < today) return 'ended';
  if (c.startsOn > today) return 'planned';
  return 'in_force';
}
