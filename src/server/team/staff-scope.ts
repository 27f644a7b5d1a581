import { type ExpressionBuilder, sql } from 'kysely';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { PAIR_ROLE } from '../../shared/families/families.contract';

/* Pieces of staff queries several areas' query modules build on (as access/family-scope.ts for a family). */

type StaffRow = ExpressionBuilder<Database & { u: Database['app_user'] }, 'u'>;

/**
 * How many families the staff member `u` is in the current pair of: the load the team page shows
 * the leader and the routing rule weighs (decision 0035). A subquery, so a list of staff costs one
 * statement.
 */
export function familiesAsPair(eb: StaffRow) {
  return eb
    .selectFrom('pair_assignment as p')
    .select(sql<string>`count(*)`.as('n'))
    .whereRef('p.municipality_id', '=', 'u.municipality_id')
    .where('p.ended_at', 'is', null)
    .where((w) =>
      w.or([w('p.first_member_id', '=', w.ref('u.id')), w('p.second_member_id', '=', w.ref('u.id'))]),
    );
}

/**
 * The active staff of one team among the given ids who may be in a pair: the family's pair and a
 * cover's absent member and backup are chosen from them. The caller orders, locks and executes.
 */
export function pairStaffAmong(db: Q, municipalityId: string, teamId: string, ids: string[]) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('municipality_id', '=', municipalityId)
    .where('team_id', '=', teamId)
    .where('role', '=', PAIR_ROLE)
    .where('disabled_at', 'is', null)
    .where('id', 'in', ids);
}
