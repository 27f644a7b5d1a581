import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema';

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
