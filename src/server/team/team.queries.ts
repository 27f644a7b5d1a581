import { sql, type Transaction } from 'kysely';
import { danishOrder } from '../../db/danish-text';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';
import { familiesAsPair } from './staff-scope';

type Unit = 'department' | 'competence_domain';

/** The team's staff, in Danish order of name, with the number of families each is in the pair of (the leader balances load). */
export function teamStaff(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('department as d', (j) => sameTenant(j, 'd.id', 'u.department_id'))
    .select((eb) => [
      'u.id',
      'u.display_name',
      'u.role',
      'u.department_id',
      'd.code as department_code',
      'd.name as department_name',
      familiesAsPair(eb).as('family_count'),
    ])
    .where('u.municipality_id', '=', municipalityId)
    .where('u.team_id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .orderBy(danishOrder('u.display_name'))
    .orderBy('u.id')
    .execute();
}

/** The levels of the team's active staff, one row per person and domain. */
export function teamCompetences(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectFrom('staff_competence as c')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'c.user_id'))
    .select(['c.user_id', 'c.domain_id', 'c.level'])
    .where('c.municipality_id', '=', municipalityId)
    .where('u.team_id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .execute();
}

export function areas(db: Q, municipalityId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy(danishOrder('name'))
    .execute();
}

/** The municipality's departments or competence domains: the defaults in the model's order, added ones after. */
export function listUnits(db: Q, table: Unit, municipalityId: string) {
  return db
    .selectFrom(table)
    .select(['id', 'code', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function unitExists(db: Q, table: Unit, municipalityId: string, id: string) {
  return db
    .selectFrom(table)
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Another department or domain of the municipality with the name, whatever its case. */
export function unitNamedLike(
  db: Q,
  table: Unit,
  municipalityId: string,
  name: string,
  exceptId: string | null,
) {
  return db
    .selectFrom(table)
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

/** A new department or domain, placed after the others. */
export function insertUnit(trx: Transaction<Database>, table: Unit, municipalityId: string, name: string) {
  return trx
    .insertInto(table)
    .values((eb) => ({
      municipality_id: municipalityId,
      name,
      position: eb
        .selectFrom(table)
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('p'))
        .where('municipality_id', '=', municipalityId),
    }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A rename keeps the code: it says which default it was, and the name now shows instead. */
export function renameUnit(
  trx: Transaction<Database>,
  table: Unit,
  municipalityId: string,
  id: string,
  name: string,
) {
  return trx
    .updateTable(table)
    .set({ name })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** The domains among `ids` that are the municipality's. */
export function domainsAmong(db: Q, municipalityId: string, ids: string[]) {
  return db
    .selectFrom('competence_domain')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The staff member whose competences are set, locked: two leaders' saves of the same person are
 * taken one after the other rather than interleaving their deletes and inserts.
 */
export function lockStaffMember(trx: Transaction<Database>, municipalityId: string, userId: string) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'team_id', 'role', 'department_id', 'disabled_at'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', userId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export function setHomeDepartment(
  trx: Transaction<Database>,
  municipalityId: string,
  userId: string,
  departmentId: string | null,
) {
  return trx
    .updateTable('app_user')
    .set({ department_id: departmentId })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', userId)
    .execute();
}

export function staffCompetences(db: Q, municipalityId: string, userId: string) {
  return db
    .selectFrom('staff_competence')
    .select(['domain_id', 'level'])
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .execute();
}

export function deleteStaffCompetences(trx: Transaction<Database>, municipalityId: string, userId: string) {
  return trx
    .deleteFrom('staff_competence')
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .execute();
}

export function insertStaffCompetences(
  trx: Transaction<Database>,
  municipalityId: string,
  userId: string,
  competences: { domainId: string; level: number }[],
) {
  return trx
    .insertInto('staff_competence')
    .values(
      competences.map((c) => ({
        municipality_id: municipalityId,
        user_id: userId,
        domain_id: c.domainId,
        level: c.level,
      })),
    )
    .execute();
}

/**
 * The SQL snapshot of this module (team.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./team.queries')> = {
  teamStaff: [{ run: (db) => teamStaff(db, sample.MUNICIPALITY, sample.TEAM) }],
  teamCompetences: [{ run: (db) => teamCompetences(db, sample.MUNICIPALITY, sample.TEAM) }],
  areas: [{ run: (db) => areas(db, sample.MUNICIPALITY) }],
  listUnits: [
    { variant: 'department', run: (db) => listUnits(db, 'department', sample.MUNICIPALITY) },
    { variant: 'domain', run: (db) => listUnits(db, 'competence_domain', sample.MUNICIPALITY) },
  ],
  unitExists: [{ run: (db) => unitExists(db, 'department', sample.MUNICIPALITY, sample.COLLEAGUE) }],
  unitNamedLike: [
    { variant: 'new', run: (db) => unitNamedLike(db, 'department', sample.MUNICIPALITY, 'Sundhed', null) },
    {
      variant: 'rename',
      run: (db) => unitNamedLike(db, 'competence_domain', sample.MUNICIPALITY, 'Gæld', sample.COLLEAGUE),
    },
  ],
  insertUnit: [
    {
      run: sample.inTransaction((trx) => insertUnit(trx, 'department', sample.MUNICIPALITY, 'Borgerservice')),
    },
  ],
  renameUnit: [
    {
      run: sample.inTransaction((trx) =>
        renameUnit(trx, 'competence_domain', sample.MUNICIPALITY, sample.COLLEAGUE, 'Gæld'),
      ),
    },
  ],
  domainsAmong: [{ run: (db) => domainsAmong(db, sample.MUNICIPALITY, [sample.COLLEAGUE]) }],
  lockStaffMember: [
    { run: sample.inTransaction((trx) => lockStaffMember(trx, sample.MUNICIPALITY, sample.USER)) },
  ],
  setHomeDepartment: [
    {
      run: sample.inTransaction((trx) =>
        setHomeDepartment(trx, sample.MUNICIPALITY, sample.USER, sample.COLLEAGUE),
      ),
    },
  ],
  staffCompetences: [{ run: (db) => staffCompetences(db, sample.MUNICIPALITY, sample.USER) }],
  deleteStaffCompetences: [
    { run: sample.inTransaction((trx) => deleteStaffCompetences(trx, sample.MUNICIPALITY, sample.USER)) },
  ],
  insertStaffCompetences: [
    {
      run: sample.inTransaction((trx) =>
        insertStaffCompetences(trx, sample.MUNICIPALITY, sample.USER, [
          { domainId: sample.COLLEAGUE, level: 2 },
        ]),
      ),
    },
  ],
};
