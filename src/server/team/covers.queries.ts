import { sql, type Transaction } from 'kysely';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';
import { pairStaffAmong } from './staff-scope';

const DAY = '2026-11-25';
const COVER = '00000000-0000-4000-8000-000000000007';

const coverColumns = [
  'c.id',
  'c.team_id',
  'c.starts_on',
  'c.ends_on',
  'c.cancelled_at',
  'a.id as absent_id',
  'a.display_name as absent_name',
  'b.id as backup_id',
  'b.display_name as backup_name',
] as const;

const covers = (db: Q) =>
  db
    .selectFrom('pair_cover as c')
    .innerJoin('app_user as a', (j) => sameTenant(j, 'a.id', 'c.absent_id'))
    .innerJoin('app_user as b', (j) => sameTenant(j, 'b.id', 'c.backup_id'))
    .select(coverColumns);

/** The team's covers in force and planned (not cancelled, not yet past their last day), soonest first. */
export function teamCovers(db: Q, municipalityId: string, teamId: string, today: string) {
  return covers(db)
    .where('c.municipality_id', '=', municipalityId)
    .where('c.team_id', '=', teamId)
    .where('c.cancelled_at', 'is', null)
    .where('c.ends_on', '>=', sql<string>`${today}::date`)
    .orderBy('c.starts_on')
    .orderBy('c.ends_on')
    .orderBy('c.id')
    .execute();
}

/** One cover of the municipality, whichever team's (the caller checks the team); locked when it is to change. */
export function findCover(db: Q, municipalityId: string, coverId: string, lock = false) {
  return covers(db)
    .where('c.municipality_id', '=', municipalityId)
    .where('c.id', '=', coverId)
    .$if(lock, (qb) => qb.forUpdate('c'))
    .executeTakeFirst();
}

/**
 * The team's staff who can be in a pair, among `ids`, holding their account rows (`for no key
 * update`, which blocks no session or audit row referring to them) so that two leaders naming
 * covers for one absent member at once are checked for overlap one after the other.
 */
export function lockTeamStaff(
  db: Transaction<Database>,
  municipalityId: string,
  teamId: string,
  ids: string[],
) {
  return pairStaffAmong(db, municipalityId, teamId, ids).orderBy('id').forNoKeyUpdate().execute();
}

/** Whether a cover of this absent member, not cancelled, overlaps [startsOn, endsOn]. */
export async function overlappingCover(
  db: Q,
  municipalityId: string,
  absentId: string,
  startsOn: string,
  endsOn: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('pair_cover')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('absent_id', '=', absentId)
    .where('cancelled_at', 'is', null)
    .where('starts_on', '<=', sql<string>`${endsOn}::date`)
    .where('ends_on', '>=', sql<string>`${startsOn}::date`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertCover(
  db: Q,
  values: {
    municipalityId: string;
    teamId: string;
    absentId: string;
    backupId: string;
    startsOn: string;
    endsOn: string;
    createdBy: string;
  },
) {
  return db
    .insertInto('pair_cover')
    .values({
      municipality_id: values.municipalityId,
      team_id: values.teamId,
      absent_id: values.absentId,
      backup_id: values.backupId,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function cancelCover(db: Q, municipalityId: string, coverId: string, by: string, at: Date) {
  return db
    .updateTable('pair_cover')
    .set({ cancelled_at: at, cancelled_by: by })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', coverId)
    .execute();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./covers.queries')> = {
  teamCovers: [{ run: (db) => teamCovers(db, sample.MUNICIPALITY, sample.TEAM, DAY) }],
  findCover: [
    { run: (db) => findCover(db, sample.MUNICIPALITY, COVER) },
    { variant: 'lock', run: (db) => findCover(db, sample.MUNICIPALITY, COVER, true) },
  ],
  lockTeamStaff: [
    {
      run: (db) =>
        db
          .transaction()
          .execute((trx) =>
            lockTeamStaff(trx, sample.MUNICIPALITY, sample.TEAM, [sample.USER, sample.COLLEAGUE]),
          ),
    },
  ],
  overlappingCover: [{ run: (db) => overlappingCover(db, sample.MUNICIPALITY, sample.USER, DAY, DAY) }],
  insertCover: [
    {
      run: (db) =>
        insertCover(db, {
          municipalityId: sample.MUNICIPALITY,
          teamId: sample.TEAM,
          absentId: sample.USER,
          backupId: sample.COLLEAGUE,
          startsOn: DAY,
          endsOn: DAY,
          createdBy: sample.USER,
        }),
    },
  ],
  cancelCover: [
    {
      run: (db) => cancelCover(db, sample.MUNICIPALITY, COVER, sample.USER, new Date('2026-11-25T12:00:00Z')),
    },
  ],
};
