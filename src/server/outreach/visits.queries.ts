import { sql } from 'kysely';
import type { Q, Trx } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';

/* Visits at the door (issue 15 §3, decision 0048): recording one, a household's, a staircase's walk. */

/** The statuses a visit never changes: decided by enrolment, the comparison group or the rule. */
export const KEPT_STATUSES = ['enrolled', 'comparison', 'not_eligible'] as const;

/**
 * The household a visit is recorded for, locked: two visits of one household are recorded one
 * after the other, so each sees the one before it (the conflict check) and the status follows
 * the latest.
 */
export function lockHousehold(trx: Trx, municipalityId: string, householdId: string) {
  return (
    trx
      .selectFrom('household')
      .select(['id', 'area_id', 'outreach_status'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', householdId)
      // The comparison group is never contacted through the system: the team does not know it.
      .where('outreach_status', '<>', 'comparison')
      .forUpdate()
      .executeTakeFirst()
  );
}

/** The household, for reading its visits: its area decides who may. */
export function findHousehold(db: Q, municipalityId: string, householdId: string) {
  return db
    .selectFrom('household')
    .select(['id', 'area_id', 'outreach_status'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', householdId)
    .where('outreach_status', '<>', 'comparison')
    .executeTakeFirst();
}

/** A visit by the id its device made: the same visit sent again. */
export function visitByClientId(db: Q, municipalityId: string, clientId: string) {
  return db
    .selectFrom('outreach_visit')
    .select(['id', 'household_id', 'conflict_with'])
    .where('municipality_id', '=', municipalityId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/**
 * The newest visit of the household that someone else recorded since the visit the device last
 * knew (any of theirs, when it knew none): the one a new visit conflicts with. The actor's own
 * visits never conflict — a device sending its queue in order records them one after another.
 */
export function conflictingVisit(
  trx: Trx,
  municipalityId: string,
  householdId: string,
  lastKnownVisitId: string | null,
  actorId: string,
) {
  return trx
    .selectFrom('outreach_visit as v')
    .select('v.id')
    .where('v.municipality_id', '=', municipalityId)
    .where('v.household_id', '=', householdId)
    .where('v.visited_by', '<>', actorId)
    .$if(lastKnownVisitId !== null, (q) =>
      q
        .where('v.id', '<>', lastKnownVisitId!)
        .where((eb) =>
          eb(
            'v.recorded_at',
            '>=',
            eb.fn.coalesce(
              eb
                .selectFrom('outreach_visit as k')
                .select('k.recorded_at')
                .whereRef('k.municipality_id', '=', 'v.municipality_id')
                .whereRef('k.household_id', '=', 'v.household_id')
                .where('k.id', '=', lastKnownVisitId!),
              sql<Date>`'-infinity'::timestamptz`,
            ),
          ),
        ),
    )
    .orderBy('v.recorded_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface VisitValues {
  householdId: string;
  visitedAt: string;
  visitedBy: string;
  companionId: string | null;
  outcome: 'not_home' | 'talked' | 'call_back' | 'not_interested' | 'interested';
  callBackOn: string | null;
  reason: Database['outreach_visit']['reason'];
  language: string | null;
  interpreterNeeded: boolean;
  note: string | null;
  clientId: string;
  conflictWith: string | null;
}

export function insertVisit(trx: Trx, municipalityId: string, v: VisitValues) {
  return trx
    .insertInto('outreach_visit')
    .values({
      municipality_id: municipalityId,
      household_id: v.householdId,
      visited_at: v.visitedAt,
      visited_by: v.visitedBy,
      companion_id: v.companionId,
      outcome: v.outcome,
      call_back_on: v.callBackOn,
      reason: v.reason,
      language: v.language,
      interpreter_needed: v.interpreterNeeded,
      note: v.note,
      client_id: v.clientId,
      conflict_with: v.conflictWith,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * The household's outreach status follows its latest visit (by when the door was knocked on, so
 * a visit sent late from a device does not undo a later one) — unless enrolment, the comparison
 * group or the eligibility rule decided it. Undefined when the status was kept.
 */
export function followLatestVisit(trx: Trx, municipalityId: string, householdId: string) {
  return trx
    .updateTable('household as h')
    .set((eb) => ({
      outreach_status: eb
        .selectFrom('outreach_visit as v')
        .select('v.outcome')
        .whereRef('v.municipality_id', '=', 'h.municipality_id')
        .whereRef('v.household_id', '=', 'h.id')
        .orderBy('v.visited_at', 'desc')
        .orderBy('v.recorded_at', 'desc')
        .limit(1),
    }))
    .where('h.municipality_id', '=', municipalityId)
    .where('h.id', '=', householdId)
    .where('h.outreach_status', 'not in', KEPT_STATUSES)
    .returning('h.outreach_status')
    .executeTakeFirst();
}

/** A visit with the names of who went: what every visit view shows. */
function selectVisits(db: Q) {
  return db
    .selectFrom('outreach_visit as v')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'v.visited_by'))
    .leftJoin('app_user as c', (j) => sameTenant(j, 'c.id', 'v.companion_id'))
    .select([
      'v.id',
      'v.client_id',
      'v.household_id',
      'v.visited_at',
      'v.visited_by',
      'u.display_name as visited_by_name',
      'v.companion_id',
      'c.display_name as companion_name',
      'v.outcome',
      'v.call_back_on',
      'v.reason',
      'v.language',
      'v.interpreter_needed',
      'v.note',
      'v.conflict_with',
      'v.recorded_at',
    ]);
}

/** Visits of the households, newest first, with who went. */
export function visitsOf(db: Q, municipalityId: string, householdIds: string[]) {
  return selectVisits(db)
    .where('v.municipality_id', '=', municipalityId)
    .where('v.household_id', 'in', householdIds.length > 0 ? householdIds : [NO_HOUSEHOLD])
    .orderBy('v.visited_at', 'desc')
    .orderBy('v.recorded_at', 'desc')
    .execute();
}
/** No household has this id: `in ()` is not SQL. */
const NO_HOUSEHOLD = '00000000-0000-0000-0000-000000000000';

export type VisitRow = Awaited<ReturnType<typeof visitsOf>>[number];

/** The visits by their ids (the stored visit and the one it conflicts with). */
export function visitsById(db: Q, municipalityId: string, ids: string[]) {
  return selectVisits(db).where('v.municipality_id', '=', municipalityId).where('v.id', 'in', ids).execute();
}

/** The staircase, its building and the building's area. */
export function findWalkStaircase(db: Q, municipalityId: string, staircaseId: string) {
  return db
    .selectFrom('staircase as s')
    .innerJoin('building as b', (j) => sameTenant(j, 'b.id', 's.building_id'))
    .select([
      's.id',
      's.building_id',
      'b.name as building_name',
      'b.area_id',
      's.street',
      's.number',
      's.entrance',
      's.postal_code',
    ])
    .where('s.municipality_id', '=', municipalityId)
    .where('s.id', '=', staircaseId)
    .executeTakeFirst();
}

/**
 * The staircase's doors in the order a worker climbs them: from the lowest floor up, and on each
 * landing left, middle, right (tv, mf, th) before any other door; with the household living
 * behind each door and its adults' names.
 */
export function walkDoors(db: Q, municipalityId: string, staircaseId: string) {
  return (
    db
      .selectFrom('apartment as a')
      // A comparison household's door shows no household: the team never sees it (decision 0049).
      .leftJoin('household as h', (j) =>
        sameTenant(j, 'h.apartment_id', 'a.id').on('h.outreach_status', '<>', 'comparison'),
      )
      .select((eb) => [
        'a.id',
        'a.floor',
        'a.door',
        'h.id as household_id',
        'h.reference',
        'h.outreach_status',
        'h.eligible',
        eb
          .selectFrom('person as p')
          .select(
            sql<
              string[]
            >`coalesce(array_agg(p.first_name || ' ' || p.last_name order by p.birth_date, p.id), '{}')`.as(
              'names',
            ),
          )
          .whereRef('p.municipality_id', '=', 'h.municipality_id')
          .whereRef('p.household_id', '=', 'h.id')
          .where('p.household_role', '<>', 'child')
          .as('names'),
      ])
      .where('a.municipality_id', '=', municipalityId)
      .where('a.staircase_id', '=', staircaseId)
      .orderBy('a.floor')
      .orderBy(sql`case lower(a.door) when 'tv' then 0 when 'mf' then 1 when 'th' then 2 else 3 end`)
      .orderBy('a.door')
      .orderBy('h.id')
      .execute()
  );
}

/** The staff of a team (who may have gone along), by name. */
export function teamStaff(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('municipality_id', '=', municipalityId)
    .where('team_id', '=', teamId)
    .where('role', 'in', ['team_member', 'team_leader'])
    .where('disabled_at', 'is', null)
    .orderBy(sql`danish_sort_key(display_name)`)
    .execute();
}

/** A companion must be team staff of the actor's team. */
export function companionOfTeam(db: Q, municipalityId: string, teamId: string, userId: string) {
  return db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('team_id', '=', teamId)
    .where('id', '=', userId)
    .where('role', 'in', ['team_member', 'team_leader'])
    .executeTakeFirst();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./visits.queries')> = {
  lockHousehold: [
    { run: sample.inTransaction((trx) => lockHousehold(trx, sample.MUNICIPALITY, sample.FAMILY)) },
  ],
  findHousehold: [{ run: (db) => findHousehold(db, sample.MUNICIPALITY, sample.FAMILY) }],
  visitByClientId: [{ run: (db) => visitByClientId(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  conflictingVisit: [
    {
      variant: 'knew a visit',
      run: sample.inTransaction((trx) =>
        conflictingVisit(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE, sample.USER),
      ),
    },
    {
      variant: 'knew none',
      run: sample.inTransaction((trx) =>
        conflictingVisit(trx, sample.MUNICIPALITY, sample.FAMILY, null, sample.USER),
      ),
    },
  ],
  insertVisit: [
    {
      run: sample.inTransaction((trx) =>
        insertVisit(trx, sample.MUNICIPALITY, {
          householdId: sample.FAMILY,
          visitedAt: '2026-11-25T10:00:00Z',
          visitedBy: sample.USER,
          companionId: null,
          outcome: 'call_back',
          callBackOn: '2026-12-01',
          reason: null,
          language: 'so',
          interpreterNeeded: true,
          note: null,
          clientId: sample.COLLEAGUE,
          conflictWith: null,
        }),
      ),
    },
  ],
  followLatestVisit: [
    { run: sample.inTransaction((trx) => followLatestVisit(trx, sample.MUNICIPALITY, sample.FAMILY)) },
  ],
  visitsOf: [{ run: (db) => visitsOf(db, sample.MUNICIPALITY, [sample.FAMILY]) }],
  visitsById: [{ run: (db) => visitsById(db, sample.MUNICIPALITY, [sample.COLLEAGUE]) }],
  findWalkStaircase: [{ run: (db) => findWalkStaircase(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  walkDoors: [{ run: (db) => walkDoors(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  teamStaff: [{ run: (db) => teamStaff(db, sample.MUNICIPALITY, sample.TEAM) }],
  companionOfTeam: [{ run: (db) => companionOfTeam(db, sample.MUNICIPALITY, sample.TEAM, sample.COLLEAGUE) }],
};
