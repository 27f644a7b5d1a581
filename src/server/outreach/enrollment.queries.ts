import { sql } from 'kysely';
import type { Q, Trx } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';

/* Enrollment from outreach and the comparison group (issue 15 §4, decision 0049). */

/**
 * A household still in outreach (a prospect): its address, team, area, outreach status and
 * building. Comparison-group households are left out: to the team they are not there at all.
 * Locked for the enrolling or placing transaction when `lock`.
 */
export function findProspect(db: Q, municipalityId: string, householdId: string, lock = false) {
  return db
    .selectFrom('household as h')
    .leftJoin('apartment as a', (j) => sameTenant(j, 'a.id', 'h.apartment_id'))
    .leftJoin('staircase as s', (j) => sameTenant(j, 's.id', 'a.staircase_id'))
    .select([
      'h.id',
      'h.reference',
      'h.team_id',
      'h.area_id',
      'h.street',
      'h.building_number',
      'h.entrance',
      'h.floor',
      'h.door',
      'h.postal_code',
      'h.outreach_status',
      'h.eligible',
      'h.version',
      's.building_id',
    ])
    .where('h.municipality_id', '=', municipalityId)
    .where('h.id', '=', householdId)
    .where('h.status', '=', 'prospect')
    .where('h.outreach_status', '<>', 'comparison')
    .$if(lock, (qb) => qb.forUpdate('h'))
    .executeTakeFirst();
}

/** The prospect's people, adults first, oldest first: whom the consent and the baseline are about. */
export function prospectMembers(db: Q, municipalityId: string, householdId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'household_role', 'birth_date'])
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', householdId)
    .orderBy(sql`household_role = 'child'`)
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/** The prospect becomes an enrolled family: the same row (decision 0040), nothing copied. */
export function markEnrolled(
  trx: Trx,
  municipalityId: string,
  householdId: string,
  v: { enrolledOn: string; userId: string; now: Date },
) {
  return trx
    .updateTable('household')
    .set((eb) => ({
      status: 'enrolled',
      outreach_status: 'enrolled',
      enrolled_on: v.enrolledOn,
      enrolled_by: v.userId,
      updated_at: v.now,
      version: eb('version', '+', 1),
    }))
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', householdId)
    .where('status', '=', 'prospect')
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
}

/** The prospect joins the comparison group; it stays a prospect, out of the family register. */
export function markComparison(
  trx: Trx,
  municipalityId: string,
  householdId: string,
  v: { on: string; userId: string; now: Date },
) {
  return trx
    .updateTable('household')
    .set((eb) => ({
      outreach_status: 'comparison',
      comparison_on: v.on,
      comparison_by: v.userId,
      updated_at: v.now,
      version: eb('version', '+', 1),
    }))
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', householdId)
    .where('status', '=', 'prospect')
    .returning(['id', 'comparison_on'])
    .executeTakeFirstOrThrow();
}

/** Comparison-group households, adults and children per area of the municipality (every area, zeros too). */
export function comparisonCounts(db: Q, municipalityId: string) {
  return db
    .selectFrom('area as ar')
    .leftJoin('household as h', (j) =>
      sameTenant(j, 'h.area_id', 'ar.id')
        .on('h.status', '=', 'prospect')
        .on('h.outreach_status', '=', 'comparison'),
    )
    .select((eb) => [
      'ar.id',
      'ar.name',
      eb.fn.count<string>('h.id').as('households'),
      eb.fn.coalesce(eb.fn.sum<string>('h.adult_count'), sql<string>`0`).as('adults'),
      eb.fn.coalesce(eb.fn.sum<string>('h.child_count'), sql<string>`0`).as('children'),
    ])
    .where('ar.municipality_id', '=', municipalityId)
    .groupBy(['ar.id', 'ar.name'])
    .orderBy('ar.name')
    .execute();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./enrollment.queries')> = {
  findProspect: [
    { run: (db) => findProspect(db, sample.MUNICIPALITY, sample.FAMILY) },
    {
      variant: 'lock',
      run: sample.inTransaction((trx) => findProspect(trx, sample.MUNICIPALITY, sample.FAMILY, true)),
    },
  ],
  prospectMembers: [{ run: (db) => prospectMembers(db, sample.MUNICIPALITY, sample.FAMILY) }],
  markEnrolled: [
    {
      run: sample.inTransaction((trx) =>
        markEnrolled(trx, sample.MUNICIPALITY, sample.FAMILY, {
          enrolledOn: '2026-11-25',
          userId: sample.USER,
          now: sample.NOW,
        }),
      ),
    },
  ],
  markComparison: [
    {
      run: sample.inTransaction((trx) =>
        markComparison(trx, sample.MUNICIPALITY, sample.FAMILY, {
          on: '2026-11-25',
          userId: sample.USER,
          now: sample.NOW,
        }),
      ),
    },
  ],
  comparisonCounts: [{ run: (db) => comparisonCounts(db, sample.MUNICIPALITY) }],
};
