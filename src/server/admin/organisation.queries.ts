import { sql, type Transaction } from 'kysely';
import { danishOrder } from '../../db/danish-text';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';

/** The municipality's areas in Danish order, each with its number of teams. */
export function listAreas(db: Q, municipalityId: string) {
  return db
    .selectFrom('area as a')
    .select((eb) => [
      'a.id',
      'a.name',
      eb
        .selectFrom('team as t')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('t.municipality_id', '=', 'a.municipality_id')
        .whereRef('t.area_id', '=', 'a.id')
        .as('team_count'),
    ])
    .where('a.municipality_id', '=', municipalityId)
    .orderBy(danishOrder('a.name'))
    .execute();
}

/** The municipality's teams in Danish order, with their area and number of active accounts. */
export function listTeams(db: Q, municipalityId: string) {
  return db
    .selectFrom('team as t')
    .innerJoin('area as a', (j) => sameTenant(j, 'a.id', 't.area_id'))
    .select((eb) => [
      't.id',
      't.name',
      'a.id as area_id',
      'a.name as area_name',
      eb
        .selectFrom('app_user as u')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('u.municipality_id', '=', 't.municipality_id')
        .whereRef('u.team_id', '=', 't.id')
        .where('u.disabled_at', 'is', null)
        .as('staff_count'),
    ])
    .where('t.municipality_id', '=', municipalityId)
    .orderBy(danishOrder('t.name'))
    .execute();
}

export function listDepartments(db: Q, municipalityId: string) {
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Another area of the municipality with the name, whatever its case. */
export function areaNamedLike(db: Q, municipalityId: string, name: string, exceptId: string | null) {
  return db
    .selectFrom('area')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

/** Another team of the municipality with the name, whatever its case. */
export function teamNamedLike(db: Q, municipalityId: string, name: string, exceptId: string | null) {
  return db
    .selectFrom('team')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
}

/**
 * A new municipality with its default departments and competence domains (in the order given):
 * its second factor required, as the default is.
 */
export async function insertMunicipality(
  trx: Transaction<Database>,
  name: string,
  departments: readonly string[],
  domains: readonly string[],
) {
  const municipality = await trx
    .insertInto('municipality')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('department')
    .values(departments.map((code, i) => ({ municipality_id: municipality.id, code, position: i + 1 })))
    .execute();
  await trx
    .insertInto('competence_domain')
    .values(domains.map((code, i) => ({ municipality_id: municipality.id, code, position: i + 1 })))
    .execute();
  return municipality;
}

export function insertArea(trx: Transaction<Database>, municipalityId: string, name: string) {
  return trx
    .insertInto('area')
    .values({ municipality_id: municipalityId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function renameArea(trx: Transaction<Database>, municipalityId: string, areaId: string, name: string) {
  return trx
    .updateTable('area')
    .set({ name })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', areaId)
    .returning('id')
    .executeTakeFirst();
}

export function insertTeam(trx: Transaction<Database>, municipalityId: string, areaId: string, name: string) {
  return trx
    .insertInto('team')
    .values({ municipality_id: municipalityId, area_id: areaId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function renameTeam(trx: Transaction<Database>, municipalityId: string, teamId: string, name: string) {
  return trx
    .updateTable('team')
    .set({ name })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', teamId)
    .returning('id')
    .executeTakeFirst();
}

export function areaExists(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectFrom('area')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

/** What still belongs to an area: its teams and the families registered in it. */
export function areaInUse(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('team')
            .select('id')
            .where('municipality_id', '=', municipalityId)
            .where('area_id', '=', areaId),
        )
        .as('has_teams'),
      eb
        .exists(
          eb
            .selectFrom('household')
            .select('id')
            .where('municipality_id', '=', municipalityId)
            .where('area_id', '=', areaId),
        )
        .as('has_families'),
    ])
    .executeTakeFirstOrThrow();
}

/** What still belongs to a team: accounts (disabled ones too: they keep their history) and families. */
export function teamInUse(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('app_user')
            .select('id')
            .where('municipality_id', '=', municipalityId)
            .where('team_id', '=', teamId),
        )
        .as('has_accounts'),
      eb
        .exists(
          eb
            .selectFrom('household')
            .select('id')
            .where('municipality_id', '=', municipalityId)
            .where('team_id', '=', teamId),
        )
        .as('has_families'),
    ])
    .executeTakeFirstOrThrow();
}

export function deleteArea(trx: Transaction<Database>, municipalityId: string, areaId: string) {
  return trx
    .deleteFrom('area')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', areaId)
    .returning('id')
    .executeTakeFirst();
}

export function deleteTeam(trx: Transaction<Database>, municipalityId: string, teamId: string) {
  return trx
    .deleteFrom('team')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', teamId)
    .returning('id')
    .executeTakeFirst();
}

/** Every municipality of the installation, by name: the operator's commands go through them all. */
export function listMunicipalities(db: Q) {
  return db.selectFrom('municipality').select(['id', 'name']).orderBy('name').execute();
}

/** The municipality's name: a context word no password of its accounts may be made of. */
export async function findMunicipalityName(db: Q, municipalityId: string): Promise<string> {
  const row = await db
    .selectFrom('municipality')
    .select('name')
    .where('id', '=', municipalityId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/**
 * The SQL snapshot of this module (organisation.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./organisation.queries')> = {
  listAreas: [{ run: (db) => listAreas(db, sample.MUNICIPALITY) }],
  listTeams: [{ run: (db) => listTeams(db, sample.MUNICIPALITY) }],
  listDepartments: [{ run: (db) => listDepartments(db, sample.MUNICIPALITY) }],
  listMunicipalities: [{ run: (db) => listMunicipalities(db) }],
  areaNamedLike: [
    { variant: 'new', run: (db) => areaNamedLike(db, sample.MUNICIPALITY, 'Gellerup', null) },
    { variant: 'rename', run: (db) => areaNamedLike(db, sample.MUNICIPALITY, 'Gellerup', sample.AREA) },
  ],
  teamNamedLike: [
    { variant: 'new', run: (db) => teamNamedLike(db, sample.MUNICIPALITY, 'Team', null) },
    { variant: 'rename', run: (db) => teamNamedLike(db, sample.MUNICIPALITY, 'Team', sample.TEAM) },
  ],
  areaExists: [{ run: (db) => areaExists(db, sample.MUNICIPALITY, sample.AREA) }],
  findMunicipalityName: [{ run: (db) => findMunicipalityName(db, sample.MUNICIPALITY) }],
  insertMunicipality: [
    {
      run: sample.inTransaction((trx) =>
        insertMunicipality(trx, 'Aarhus Kommune', ['employment', 'social_family'], ['debt']),
      ),
    },
  ],
  insertArea: [{ run: sample.inTransaction((trx) => insertArea(trx, sample.MUNICIPALITY, 'Bispehaven')) }],
  renameArea: [
    { run: sample.inTransaction((trx) => renameArea(trx, sample.MUNICIPALITY, sample.AREA, 'Bispehaven')) },
  ],
  insertTeam: [
    {
      run: sample.inTransaction((trx) =>
        insertTeam(trx, sample.MUNICIPALITY, sample.AREA, 'Team Bispehaven'),
      ),
    },
  ],
  renameTeam: [
    {
      run: sample.inTransaction((trx) =>
        renameTeam(trx, sample.MUNICIPALITY, sample.TEAM, 'Team Bispehaven'),
      ),
    },
  ],
  areaInUse: [{ run: (db) => areaInUse(db, sample.MUNICIPALITY, sample.AREA) }],
  teamInUse: [{ run: (db) => teamInUse(db, sample.MUNICIPALITY, sample.TEAM) }],
  deleteArea: [{ run: sample.inTransaction((trx) => deleteArea(trx, sample.MUNICIPALITY, sample.AREA)) }],
  deleteTeam: [{ run: sample.inTransaction((trx) => deleteTeam(trx, sample.MUNICIPALITY, sample.TEAM)) }],
};
