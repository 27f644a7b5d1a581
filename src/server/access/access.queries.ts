import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Q } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import { today } from '../../shared/common/today';
import type { Actor } from '../http/access';
import * as sample from '../snapshot-samples';
import type { FamilyRelation } from './family-access';
import { isFamily } from './family-scope';

/*
 * The task conditions' constants are written into the statement, not bound: every family-scoped
 * request sends it, and the planner of its generic plan (a named statement, decision 0010) then
 * sees them, as it does the partial indexes on open tasks (migration 0030) — and seven fewer
 * values are bound and written per request (issue 13).
 */
const OPEN_TASK = [sql.lit('done' as const), sql.lit('dropped' as const)];

/**
 * The actor's relationship to one family, in one query: the family's team and enroller, its
 * current pair, the actor's running break-the-glass grant and whether the actor covers a pair
 * member today, whether a task of the family is routed to the actor. A relationship the next issues add (a specialist routed a task) is one more join
 * or subquery here and one more field of FamilyRelation, as the cover was. Compiled once (src/db/compiled-once.ts):
 * every family-scoped request starts here.
 */
const relationStatement = compiledOnce(
  (
    db: Q,
    v: { municipalityId: string; familyId: string; userId: string; now: Date; today: string },
    shape: { lock: boolean },
  ) =>
    db
      .selectFrom('household as h')
      .leftJoin('pair_assignment as p', (j) =>
        sameTenant(j, 'p.household_id', 'h.id').on('p.ended_at', 'is', null),
      )
      .select((eb) => [
        'h.municipality_id',
        'h.team_id',
        'h.enrolled_by',
        'p.first_member_id',
        'p.second_member_id',
        eb
          .selectFrom('break_glass_grant as g')
          .select((g) => g.fn.max('g.expires_at').as('until'))
          .whereRef('g.municipality_id', '=', 'h.municipality_id')
          .whereRef('g.household_id', '=', 'h.id')
          .where('g.user_id', '=', v.userId)
          .where('g.expires_at', '>', v.now)
          .as('break_glass_until'),
        // A cover in force today naming the actor backup for a member of the current pair
        // (decision 0034): its dates end it, nothing has to run when it passes.
        eb
          .exists(
            eb
              .selectFrom('pair_cover as c')
              .select('c.id')
              .whereRef('c.municipality_id', '=', 'h.municipality_id')
              .where('c.backup_id', '=', v.userId)
              .where('c.cancelled_at', 'is', null)
              .where('c.starts_on', '<=', sql<string>`${v.today}::date`)
              .where('c.ends_on', '>=', sql<string>`${v.today}::date`)
              .where((w) =>
                w.or([
                  w('c.absent_id', '=', w.ref('p.first_member_id')),
                  w('c.absent_id', '=', w.ref('p.second_member_id')),
                ]),
              ),
          )
          .as('covers_pair'),
        // A task of the family routed to the actor and still open (decision 0036).
        eb
          .exists(
            eb
              .selectFrom('task as t')
              .select('t.id')
              .whereRef('t.municipality_id', '=', 'h.municipality_id')
              .where('t.routed_to', '=', v.userId)
              .where('t.routing_state', 'in', [sql.lit('asked' as const), sql.lit('accepted' as const)])
              .whereRef('t.household_id', '=', 'h.id')
              .where('t.state', 'not in', OPEN_TASK),
          )
          .as('routed_task_open'),
        // …and accepted: the specialist has taken it over (decision 0045).
        eb
          .exists(
            eb
              .selectFrom('task as t')
              .select('t.id')
              .whereRef('t.municipality_id', '=', 'h.municipality_id')
              .where('t.routed_to', '=', v.userId)
              .where('t.routing_state', '=', sql.lit('accepted' as const))
              .whereRef('t.household_id', '=', 'h.id')
              .where('t.state', 'not in', OPEN_TASK),
          )
          .as('task_taken_over'),
      ])
      .where('h.municipality_id', '=', v.municipalityId)
      .where(isFamily('h'))
      .where('h.id', '=', v.familyId)
      .$if(shape.lock, (qb) => qb.forUpdate('h')),
);

const LOCK = { lock: true };
const SHARE = { lock: false };

/** What the rules need to decide about one family, for one actor, in one query. */
export async function findFamilyRelation(
  db: Q,
  actor: Actor,
  familyId: string,
  now: Date,
  /** Lock the household row for the transaction: writers to one family go one at a time. */
  lock = false,
): Promise<FamilyRelation | undefined> {
  const row = (
    await db.executeQuery(
      relationStatement(db, lock ? LOCK : SHARE, {
        municipalityId: actor.municipalityId,
        familyId,
        userId: actor.userId,
        now,
        // Denmark's date: a cover's first and last days are whole Danish days.
        today: today(),
      }),
    )
  ).rows[0];
  if (!row) return undefined;
  const pairIds: string[] = [];
  if (row.first_member_id) pairIds.push(row.first_member_id);
  if (row.second_member_id) pairIds.push(row.second_member_id);
  return {
    municipalityId: row.municipality_id,
    teamId: row.team_id,
    pairIds,
    breakGlassUntil: row.break_glass_until ? new Date(row.break_glass_until) : null,
    enrolledBy: row.enrolled_by,
    coversPair: Boolean(row.covers_pair),
    routedTaskOpen: Boolean(row.routed_task_open),
    taskTakenOver: Boolean(row.task_taken_over),
  };
}

/** Whether the id is a family of this municipality: a refusal at the gate is then filed under it. */
export async function isFamilyOf(db: Q, municipalityId: string, familyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('household')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .executeTakeFirst();
  return row !== undefined;
}

export const snapshotCases: sample.SnapshotCases<typeof import('./access.queries')> = {
  findFamilyRelation: [
    { run: (db) => findFamilyRelation(db, sample.actor('team_member'), sample.FAMILY, sample.NOW) },
    {
      variant: 'lock',
      run: (db) => findFamilyRelation(db, sample.actor('team_member'), sample.FAMILY, sample.NOW, true),
    },
  ],
  isFamilyOf: [{ run: (db) => isFamilyOf(db, sample.MUNICIPALITY, sample.FAMILY) }],
};
