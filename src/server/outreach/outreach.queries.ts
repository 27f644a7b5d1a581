import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Q, Trx } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';

/* Places (building → staircase → apartment), the building picture and the area's eligibility rule. */

/** The area of a team: outreach staff work in their team's area. */
export function teamArea(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectFrom('team')
    .select('area_id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

/*
 * The funnel's and the building picture's statements are compiled once (compiled-once.ts): they
 * are sent on every request, and Kysely's building and compiling is server CPU that only their
 * values need (decision 0043).
 */
type NoShape = Record<string, never>;

const teamAreaNameStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; teamId: string }, _shape: NoShape) =>
    db
      .selectFrom('team as t')
      .innerJoin('area as a', (j) => sameTenant(j, 'a.id', 't.area_id'))
      .select(['a.id', 'a.name'])
      .where('t.municipality_id', '=', v.municipalityId)
      .where('t.id', '=', v.teamId),
);

/** The area of a team, with its name. */
export async function teamAreaName(db: Q, municipalityId: string, teamId: string) {
  return (await db.executeQuery(teamAreaNameStatement(db, {}, { municipalityId, teamId }))).rows[0];
}

/** A building as its lists and its picture name it. */
const buildingColumns = ['b.id', 'b.area_id', 'b.name', 'b.version'] as const;

/** The area's buildings, with their staircases, apartments and households by outreach status. */
export function listBuildings(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectFrom('building as b')
    .select((eb) => [
      ...buildingColumns,
      eb
        .selectFrom('staircase as s')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.municipality_id', '=', 'b.municipality_id')
        .whereRef('s.building_id', '=', 'b.id')
        .as('staircase_count'),
      eb
        .selectFrom('apartment as a')
        .innerJoin('staircase as s', (j) => sameTenant(j, 's.id', 'a.staircase_id'))
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.municipality_id', '=', 'b.municipality_id')
        .whereRef('s.building_id', '=', 'b.id')
        .as('apartment_count'),
      eb
        .selectFrom((sub) =>
          sub
            .selectFrom('household as h')
            .innerJoin('apartment as a', (j) => sameTenant(j, 'a.id', 'h.apartment_id'))
            .innerJoin('staircase as s', (j) => sameTenant(j, 's.id', 'a.staircase_id'))
            .select(['h.outreach_status', sql<number>`count(*)::int`.as('n')])
            .whereRef('s.municipality_id', '=', 'b.municipality_id')
            .whereRef('s.building_id', '=', 'b.id')
            // The comparison group is invisible to the team (decision 0049), in counts too.
            .where('h.outreach_status', '<>', 'comparison')
            .groupBy('h.outreach_status')
            .as('c'),
        )
        .select(sql<Record<string, number> | null>`jsonb_object_agg(c.outreach_status, c.n)`.as('counts'))
        .as('counts'),
    ])
    .where('b.municipality_id', '=', municipalityId)
    .where('b.area_id', '=', areaId)
    .orderBy('b.name')
    .execute();
}

export function findBuilding(db: Q, municipalityId: string, buildingId: string) {
  return db
    .selectFrom('building')
    .select(['id', 'area_id', 'name', 'version'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', buildingId)
    .executeTakeFirst();
}

const buildingForTeamStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; buildingId: string; teamId: string }, _shape: NoShape) =>
    db
      .selectFrom('building as b')
      .select((eb) => [
        ...buildingColumns,
        eb
          .selectFrom('team as t')
          .select('t.area_id')
          .whereRef('t.municipality_id', '=', 'b.municipality_id')
          .where('t.id', '=', v.teamId)
          .as('team_area_id'),
      ])
      .where('b.municipality_id', '=', v.municipalityId)
      .where('b.id', '=', v.buildingId),
);

/**
 * A building with the area of the actor's team beside it: the building picture checks the
 * actor's area in the statement that finds the building, not in one of its own (decision 0056).
 */
export async function findBuildingForTeam(db: Q, municipalityId: string, buildingId: string, teamId: string) {
  const statement = buildingForTeamStatement(db, {}, { municipalityId, buildingId, teamId });
  return (await db.executeQuery(statement)).rows[0];
}

export function findStaircase(db: Q, municipalityId: string, staircaseId: string) {
  return db
    .selectFrom('staircase as s')
    .innerJoin('building as b', (j) => sameTenant(j, 'b.id', 's.building_id'))
    .select(['s.id', 's.building_id', 'b.area_id'])
    .where('s.municipality_id', '=', municipalityId)
    .where('s.id', '=', staircaseId)
    .executeTakeFirst();
}

export function insertBuilding(trx: Trx, municipalityId: string, areaId: string, name: string) {
  return trx
    .insertInto('building')
    .values({ municipality_id: municipalityId, area_id: areaId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Renames at the version read; undefined when another edit came first. */
export function renameBuilding(
  trx: Trx,
  municipalityId: string,
  buildingId: string,
  version: number,
  name: string,
) {
  return trx
    .updateTable('building')
    .set({ name, version: sql`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', buildingId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function insertStaircase(
  trx: Trx,
  municipalityId: string,
  s: { buildingId: string; street: string; number: string; entrance: string; postalCode: string | null },
) {
  return trx
    .insertInto('staircase')
    .values({
      municipality_id: municipalityId,
      building_id: s.buildingId,
      street: s.street,
      number: s.number,
      entrance: s.entrance,
      postal_code: s.postalCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function insertApartments(
  trx: Trx,
  municipalityId: string,
  staircaseId: string,
  places: { floor: number; door: string }[],
) {
  return trx
    .insertInto('apartment')
    .values(places.map((p) => ({ municipality_id: municipalityId, staircase_id: staircaseId, ...p })))
    .returning(['id', 'floor', 'door'])
    .execute();
}

/** Counts the building up a version: a new staircase or apartment is an edit of the building. */
export function touchBuilding(trx: Trx, municipalityId: string, buildingId: string) {
  return trx
    .updateTable('building')
    .set({ version: sql`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', buildingId)
    .execute();
}

const buildingStaircasesStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; buildingId: string }, _shape: NoShape) =>
    db
      .selectFrom('staircase')
      .select(['id', 'street', 'number', 'entrance', 'postal_code'])
      .where('municipality_id', '=', v.municipalityId)
      .where('building_id', '=', v.buildingId)
      .orderBy(sql`danish_sort_key(street)`)
      .orderBy(sql`lpad(number, 10, '0')`)
      .orderBy('entrance'),
);

export async function buildingStaircases(db: Q, municipalityId: string, buildingId: string) {
  return (await db.executeQuery(buildingStaircasesStatement(db, {}, { municipalityId, buildingId }))).rows;
}

const buildingApartmentsStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; buildingId: string }, _shape: NoShape) =>
    db
      .selectFrom('apartment as a')
      .innerJoin('staircase as s', (j) => sameTenant(j, 's.id', 'a.staircase_id'))
      // A comparison-group household is not shown (decision 0049): its apartment looks unknown.
      .leftJoin('household as h', (j) =>
        sameTenant(j, 'h.apartment_id', 'a.id').on('h.outreach_status', '<>', 'comparison'),
      )
      .select([
        'a.id',
        'a.staircase_id',
        'a.floor',
        'a.door',
        'h.id as household_id',
        'h.reference',
        'h.outreach_status',
        'h.adult_count',
        'h.child_count',
        'h.eligible',
        'h.eligibility',
      ])
      .where('s.municipality_id', '=', v.municipalityId)
      .where('s.building_id', '=', v.buildingId)
      .orderBy('a.staircase_id')
      .orderBy('a.floor', 'desc')
      .orderBy('a.door'),
);

/** Every apartment of the building with the household living there, if the register knows one. */
export async function buildingApartments(db: Q, municipalityId: string, buildingId: string) {
  return (await db.executeQuery(buildingApartmentsStatement(db, {}, { municipalityId, buildingId }))).rows;
}

export function findRule(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectFrom('area_eligibility_rule')
    .select(['min_children_at_home', 'min_unemployed_months', 'postal_codes', 'streets', 'version'])
    .where('municipality_id', '=', municipalityId)
    .where('area_id', '=', areaId)
    .executeTakeFirst();
}

export function areaInMunicipality(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectFrom('area')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

/**
 * Saves the area's rule at the version read (1 for the default, which has no row yet);
 * undefined when another edit came first.
 */
export async function saveRule(
  trx: Trx,
  municipalityId: string,
  areaId: string,
  version: number,
  rule: { minChildrenAtHome: number; minUnemployedMonths: number; postalCodes: string[]; streets: string[] },
  userId: string,
) {
  const values = {
    min_children_at_home: rule.minChildrenAtHome,
    min_unemployed_months: rule.minUnemployedMonths,
    postal_codes: rule.postalCodes,
    streets: rule.streets,
    updated_by: userId,
    updated_at: sql<Date>`now()`,
  };
  return trx
    .insertInto('area_eligibility_rule')
    .values({ municipality_id: municipalityId, area_id: areaId, ...values })
    .onConflict((oc) =>
      oc
        .columns(['municipality_id', 'area_id'])
        .doUpdateSet({ ...values, version: sql`area_eligibility_rule.version + 1` })
        .where('area_eligibility_rule.version', '=', version),
    )
    .returning('version')
    .executeTakeFirst();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./outreach.queries')> = {
  teamArea: [{ run: (db) => teamArea(db, sample.MUNICIPALITY, sample.TEAM) }],
  teamAreaName: [{ run: (db) => teamAreaName(db, sample.MUNICIPALITY, sample.TEAM) }],
  listBuildings: [{ run: (db) => listBuildings(db, sample.MUNICIPALITY, sample.AREA) }],
  findBuilding: [{ run: (db) => findBuilding(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  findBuildingForTeam: [
    { run: (db) => findBuildingForTeam(db, sample.MUNICIPALITY, sample.COLLEAGUE, sample.TEAM) },
  ],
  findStaircase: [{ run: (db) => findStaircase(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  insertBuilding: [
    { run: sample.inTransaction((trx) => insertBuilding(trx, sample.MUNICIPALITY, sample.AREA, 'Blok A')) },
  ],
  renameBuilding: [
    {
      run: sample.inTransaction((trx) =>
        renameBuilding(trx, sample.MUNICIPALITY, sample.COLLEAGUE, 1, 'Blok B'),
      ),
    },
  ],
  insertStaircase: [
    {
      run: sample.inTransaction((trx) =>
        insertStaircase(trx, sample.MUNICIPALITY, {
          buildingId: sample.COLLEAGUE,
          street: 'Gudrunsvej',
          number: '18',
          entrance: '',
          postalCode: '8220',
        }),
      ),
    },
  ],
  insertApartments: [
    {
      run: sample.inTransaction((trx) =>
        insertApartments(trx, sample.MUNICIPALITY, sample.COLLEAGUE, [{ floor: 0, door: 'tv' }]),
      ),
    },
  ],
  touchBuilding: [
    { run: sample.inTransaction((trx) => touchBuilding(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) },
  ],
  buildingStaircases: [{ run: (db) => buildingStaircases(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  buildingApartments: [{ run: (db) => buildingApartments(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  findRule: [{ run: (db) => findRule(db, sample.MUNICIPALITY, sample.AREA) }],
  areaInMunicipality: [{ run: (db) => areaInMunicipality(db, sample.MUNICIPALITY, sample.AREA) }],
  saveRule: [
    {
      run: sample.inTransaction((trx) =>
        saveRule(
          trx,
          sample.MUNICIPALITY,
          sample.AREA,
          1,
          { minChildrenAtHome: 1, minUnemployedMonths: 12, postalCodes: [], streets: [] },
          sample.USER,
        ),
      ),
    },
  ],
};
