import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Q } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import * as sample from '../snapshot-samples';

/*
 * The outreach funnel (issue 15 §6, decision 0050): one statement per cut. Each eligible
 * household of the cut gets its facts from its visits (first visit, talked, interested, said no
 * and why) by one index lookup (outreach_visit_household), and the stages, the months, the
 * reasons and the time to enrolment are counted from those facts in the same statement.
 */

/** Where and when: at most one of the places matters (the narrowest); the period is of first visits. */
export interface FunnelCut {
  areaId: string | null;
  buildingId: string | null;
  staircaseId: string | null;
  from: string | null;
  to: string | null;
}

export interface FunnelRow {
  eligible: number;
  contacted: number;
  talked: number;
  interested: number;
  enrolled: number;
  enrolled_without_visit: number;
  comparison: number;
  time_n: number;
  time_median: number | null;
  time_p75: number | null;
  months:
    | { month: string; contacted: number; talked: number; interested: number; no: number; enrolled: number }[]
    | null;
  reasons: { reason: string | null; n: number }[] | null;
}

/**
 * The funnel of a cut. Definitions (decision 0050): eligible = `household.eligible`, not in the
 * comparison group, and not first visited before the period; contacted = first visit in the
 * period; talked = a visit with any outcome but not_home, or enrolled; interested = a visit
 * 'interested', or enrolled; enrolled = status enrolled or exited — each of these only among the
 * contacted. Days are Copenhagen days.
 */
export async function funnelCounts(db: Q, municipalityId: string, cut: FunnelCut): Promise<FunnelRow> {
  const shape: FunnelShape = {
    area: cut.areaId !== null,
    building: cut.buildingId !== null && cut.staircaseId === null,
    staircase: cut.staircaseId !== null,
    from: cut.from !== null,
    to: cut.to !== null,
  };
  const { rows } = await db.executeQuery(funnelStatement(db, shape, { municipalityId, ...cut }));
  return rows[0] as FunnelRow;
}

/** Which parts of the statement a cut needs: the cache key of its compiled text. */
interface FunnelShape {
  area: boolean;
  building: boolean;
  staircase: boolean;
  from: boolean;
  to: boolean;
}

/**
 * Built and compiled once per shape (compiled-once.ts): the statement is long, and building and
 * compiling it with Kysely on every request is server CPU that only its values need (decision 0043).
 */
const funnelStatement = compiledOnce((db, v: FunnelCut & { municipalityId: string }, shape: FunnelShape) => {
  const municipalityId = v.municipalityId;
  const cut = v;
  const facts = db
    .selectFrom('household as h')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('outreach_visit as v')
          .select([
            sql<Date | null>`min(v.visited_at)`.as('first_visit'),
            sql<boolean | null>`bool_or(v.outcome <> 'not_home')`.as('talked'),
            sql<boolean | null>`bool_or(v.outcome = 'interested')`.as('interested'),
            sql<boolean | null>`bool_or(v.outcome = 'not_interested')`.as('said_no'),
            sql<
              string | null
            >`(array_agg(coalesce(v.reason, 'none_given') order by v.visited_at desc) filter (where v.outcome = 'not_interested'))[1]`.as(
              'no_reason',
            ),
          ])
          .whereRef('v.municipality_id', '=', 'h.municipality_id')
          .whereRef('v.household_id', '=', 'h.id')
          .as('v'),
      (join) => join.onTrue(),
    )
    .select([
      sql<boolean>`h.outreach_status = 'comparison'`.as('comparison'),
      sql<boolean>`h.status in ('enrolled', 'exited')`.as('is_enrolled'),
      'h.enrolled_on',
      'v.first_visit',
      sql<string | null>`(v.first_visit at time zone 'Europe/Copenhagen')::date`.as('first_day'),
      'v.talked',
      'v.interested',
      'v.said_no',
      'v.no_reason',
    ])
    .where('h.municipality_id', '=', municipalityId)
    .where('h.eligible', '=', true)
    .$if(shape.area, (qb) => qb.where('h.area_id', '=', cut.areaId!))
    .$if(shape.building, (qb) =>
      qb.where('h.apartment_id', 'in', (eb) =>
        eb
          .selectFrom('apartment as a')
          .innerJoin('staircase as s', (j) => sameTenant(j, 's.id', 'a.staircase_id'))
          .select('a.id')
          .where('a.municipality_id', '=', municipalityId)
          .where('s.building_id', '=', cut.buildingId!),
      ),
    )
    .$if(shape.staircase, (qb) =>
      qb.where('h.apartment_id', 'in', (eb) =>
        eb
          .selectFrom('apartment as a')
          .select('a.id')
          .where('a.municipality_id', '=', municipalityId)
          .where('a.staircase_id', '=', cut.staircaseId!),
      ),
    );

  // The period, on the day of the first visit: contacted in it, and still to reach at its start.
  const inPeriod = [
    ...(shape.from ? [sql`f.first_day >= ${cut.from}::date`] : []),
    ...(shape.to ? [sql`f.first_day <= ${cut.to}::date`] : []),
  ];
  const contacted = sql.join([sql`not f.comparison and f.first_day is not null`, ...inPeriod], sql` and `);
  const eligible = !shape.from
    ? sql`not f.comparison`
    : sql`not f.comparison and (f.first_day is null or f.first_day >= ${cut.from}::date)`;

  return db
    .with('f', () => facts)
    .with('c', (qb) =>
      qb
        .selectFrom('f')
        .selectAll('f')
        .select([sql<boolean>`${eligible}`.as('is_eligible'), sql<boolean>`${contacted}`.as('is_contacted')]),
    )
    .selectFrom('c')
    .select([
      sql<number>`count(*) filter (where c.is_eligible)::int`.as('eligible'),
      sql<number>`count(*) filter (where c.is_contacted)::int`.as('contacted'),
      sql<number>`count(*) filter (where c.is_contacted and (c.talked or c.is_enrolled))::int`.as('talked'),
      sql<number>`count(*) filter (where c.is_contacted and (c.interested or c.is_enrolled))::int`.as(
        'interested',
      ),
      sql<number>`count(*) filter (where c.is_contacted and c.is_enrolled)::int`.as('enrolled'),
      sql<number>`count(*) filter (where c.is_eligible and c.is_enrolled and c.first_day is null)::int`.as(
        'enrolled_without_visit',
      ),
      sql<number>`count(*) filter (where c.comparison)::int`.as('comparison'),
      sql<number>`count(*) filter (where c.is_contacted and c.is_enrolled and c.enrolled_on >= c.first_day)::int`.as(
        'time_n',
      ),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by c.enrolled_on - c.first_day) filter (where c.is_contacted and c.is_enrolled and c.enrolled_on >= c.first_day)`.as(
        'time_median',
      ),
      sql<
        number | null
      >`percentile_cont(0.75) within group (order by c.enrolled_on - c.first_day) filter (where c.is_contacted and c.is_enrolled and c.enrolled_on >= c.first_day)`.as(
        'time_p75',
      ),
      (eb) =>
        eb
          .selectFrom(
            sql<{
              month: string;
              contacted: number;
              talked: number;
              interested: number;
              no: number;
              enrolled: number;
            }>`(
              select to_char(m.first_day, 'YYYY-MM') as month,
                count(*)::int as contacted,
                count(*) filter (where m.talked or m.is_enrolled)::int as talked,
                count(*) filter (where m.interested or m.is_enrolled)::int as interested,
                count(*) filter (where m.said_no and not m.is_enrolled)::int as no,
                count(*) filter (where m.is_enrolled)::int as enrolled
              from c as m where m.is_contacted group by 1
            )`.as('mm'),
          )
          .select(sql<FunnelRow['months']>`jsonb_agg(to_jsonb(mm) order by mm.month)`.as('months'))
          .as('months'),
      (eb) =>
        eb
          .selectFrom(
            sql<{ reason: string; n: number }>`(
              select r.no_reason as reason, count(*)::int as n
              from c as r where r.is_contacted and r.said_no and not r.is_enrolled group by 1
            )`.as('rr'),
          )
          .select(sql<FunnelRow['reasons']>`jsonb_agg(to_jsonb(rr) order by rr.reason)`.as('reasons'))
          .as('reasons'),
    ]);
});

/** A building of the municipality, with its area: the cut's place when a building is chosen. */
export function funnelBuilding(db: Q, municipalityId: string, buildingId: string) {
  return db
    .selectFrom('building as b')
    .innerJoin('area as ar', (j) => sameTenant(j, 'ar.id', 'b.area_id'))
    .select(['b.id', 'b.name', 'b.area_id', 'ar.name as area_name'])
    .where('b.municipality_id', '=', municipalityId)
    .where('b.id', '=', buildingId)
    .executeTakeFirst();
}

/** A staircase of the municipality, with its building and area. */
export function funnelStaircase(db: Q, municipalityId: string, staircaseId: string) {
  return db
    .selectFrom('staircase as s')
    .innerJoin('building as b', (j) => sameTenant(j, 'b.id', 's.building_id'))
    .innerJoin('area as ar', (j) => sameTenant(j, 'ar.id', 'b.area_id'))
    .select([
      's.id',
      's.street',
      's.number',
      's.entrance',
      's.building_id',
      'b.name as building_name',
      'b.area_id',
      'ar.name as area_name',
    ])
    .where('s.municipality_id', '=', municipalityId)
    .where('s.id', '=', staircaseId)
    .executeTakeFirst();
}

export function funnelArea(db: Q, municipalityId: string, areaId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

/** Areas, buildings and staircases to cut by: one area (team staff) or all of the municipality's. */
export function funnelPlaces(db: Q, municipalityId: string, areaId: string | null) {
  return db
    .selectFrom('area as ar')
    .leftJoin('building as b', (j) => sameTenant(j, 'b.area_id', 'ar.id'))
    .leftJoin('staircase as s', (j) => sameTenant(j, 's.building_id', 'b.id'))
    .select([
      'ar.id as area_id',
      'ar.name as area_name',
      'b.id as building_id',
      'b.name as building_name',
      's.id as staircase_id',
      's.street',
      's.number',
      's.entrance',
    ])
    .where('ar.municipality_id', '=', municipalityId)
    .$if(areaId !== null, (qb) => qb.where('ar.id', '=', areaId!))
    .orderBy(sql`danish_sort_key(ar.name)`)
    .orderBy('ar.id')
    .orderBy(sql`danish_sort_key(b.name)`)
    .orderBy('b.id')
    .orderBy(sql`danish_sort_key(s.street)`)
    .orderBy(sql`lpad(s.number, 10, '0')`)
    .orderBy('s.entrance')
    .execute();
}

const CUT: FunnelCut = { areaId: sample.AREA, buildingId: null, staircaseId: null, from: null, to: null };

export const snapshotCases: sample.SnapshotCases<typeof import('./funnel.queries')> = {
  funnelCounts: [
    { variant: 'municipality', run: (db) => funnelCounts(db, sample.MUNICIPALITY, { ...CUT, areaId: null }) },
    { variant: 'area', run: (db) => funnelCounts(db, sample.MUNICIPALITY, CUT) },
    {
      variant: 'building, period',
      run: (db) =>
        funnelCounts(db, sample.MUNICIPALITY, {
          ...CUT,
          buildingId: sample.COLLEAGUE,
          from: '2026-01-01',
          to: '2026-12-31',
        }),
    },
    {
      variant: 'staircase',
      run: (db) =>
        funnelCounts(db, sample.MUNICIPALITY, {
          ...CUT,
          buildingId: sample.COLLEAGUE,
          staircaseId: sample.FAMILY,
        }),
    },
  ],
  funnelBuilding: [{ run: (db) => funnelBuilding(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  funnelStaircase: [{ run: (db) => funnelStaircase(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  funnelArea: [{ run: (db) => funnelArea(db, sample.MUNICIPALITY, sample.AREA) }],
  funnelPlaces: [
    { variant: 'one area', run: (db) => funnelPlaces(db, sample.MUNICIPALITY, sample.AREA) },
    { variant: 'municipality', run: (db) => funnelPlaces(db, sample.MUNICIPALITY, null) },
  ],
};
