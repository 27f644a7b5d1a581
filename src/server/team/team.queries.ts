import { type Kysely, sql } from 'kysely';
import { danishOrder } from '../../db/danish-text';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { MUNICIPALITY, type SnapshotCases, TEAM } from '../snapshot-samples';

/** The team's staff, in Danish order of name, with the number of families each is in the pair of (the leader balances load). */
export function teamStaff(db: Kysely<Database>, municipalityId: string, teamId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('department as d', (j) => sameTenant(j, 'd.id', 'u.department_id'))
    .select((eb) => [
      'u.id',
      'u.display_name',
      'u.role',
      'd.code as department_code',
      eb
        .selectFrom('pair_assignment as p')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('p.municipality_id', '=', 'u.municipality_id')
        .where('p.ended_at', 'is', null)
        .where((w) =>
          w.or([w('p.first_member_id', '=', w.ref('u.id')), w('p.second_member_id', '=', w.ref('u.id'))]),
        )
        .as('family_count'),
    ])
    .where('u.municipality_id', '=', municipalityId)
    .where('u.team_id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .orderBy(danishOrder('u.display_name'))
    .orderBy('u.id')
    .execute();
}

export function areas(db: Kysely<Database>, municipalityId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy(danishOrder('name'))
    .execute();
}

/**
 * The SQL snapshot of this module (team.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: SnapshotCases<typeof import('./team.queries')> = {
  teamStaff: [{ run: (db) => teamStaff(db, MUNICIPALITY, TEAM) }],
  areas: [{ run: (db) => areas(db, MUNICIPALITY) }],
};
