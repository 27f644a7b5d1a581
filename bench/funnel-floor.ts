import type { FastifyInstance } from 'fastify';
import type { SqlDriver } from './floor';

/**
 * The floor of the outreach routes (issue 15 §6, bench/funnel.ts): the same work hand-written in
 * SQL through the bare driver — the team's area, the counts (the same statement the app sends
 * for an area, written out), the audit insert, in one transaction; and for the building picture
 * the building, its staircases and apartments with their households, and the audit row naming
 * them. No session, no validation, no Kysely, no mapping to the response.
 */
export interface FloorActor {
  municipalityId: string;
  userId: string;
  teamId: string;
}

const FUNNEL_SQL = `
  with f as (
    select h.outreach_status = 'comparison' as comparison, h.status in ('enrolled', 'exited') as is_enrolled,
      h.enrolled_on, (v.first_visit at time zone 'Europe/Copenhagen')::date as first_day,
      v.talked, v.interested, v.said_no, v.no_reason
    from household h
    left join lateral (
      select min(v.visited_at) as first_visit, bool_or(v.outcome <> 'not_home') as talked,
        bool_or(v.outcome = 'interested') as interested, bool_or(v.outcome = 'not_interested') as said_no,
        (array_agg(coalesce(v.reason, 'none_given') order by v.visited_at desc)
          filter (where v.outcome = 'not_interested'))[1] as no_reason
      from outreach_visit v where v.municipality_id = h.municipality_id and v.household_id = h.id
    ) v on true
    where h.municipality_id = $1 and h.eligible = true and h.area_id = $2
  ), c as (
    select f.*, not f.comparison as is_eligible, not f.comparison and f.first_day is not null as is_contacted from f
  )
  select
    count(*) filter (where is_eligible)::int as eligible,
    count(*) filter (where is_contacted)::int as contacted,
    count(*) filter (where is_contacted and (talked or is_enrolled))::int as talked,
    count(*) filter (where is_contacted and (interested or is_enrolled))::int as interested,
    count(*) filter (where is_contacted and is_enrolled)::int as enrolled,
    count(*) filter (where is_eligible and is_enrolled and first_day is null)::int as enrolled_without_visit,
    count(*) filter (where comparison)::int as comparison,
    count(*) filter (where is_contacted and is_enrolled and enrolled_on >= first_day)::int as time_n,
    percentile_cont(0.5) within group (order by enrolled_on - first_day)
      filter (where is_contacted and is_enrolled and enrolled_on >= first_day) as time_median,
    percentile_cont(0.75) within group (order by enrolled_on - first_day)
      filter (where is_contacted and is_enrolled and enrolled_on >= first_day) as time_p75,
    (select jsonb_agg(to_jsonb(mm) order by mm.month) from (
      select to_char(m.first_day, 'YYYY-MM') as month, count(*)::int as contacted,
        count(*) filter (where m.talked or m.is_enrolled)::int as talked,
        count(*) filter (where m.interested or m.is_enrolled)::int as interested,
        count(*) filter (where m.said_no and not m.is_enrolled)::int as no,
        count(*) filter (where m.is_enrolled)::int as enrolled
      from c m where m.is_contacted group by 1) mm) as months,
    (select jsonb_agg(to_jsonb(rr) order by rr.reason) from (
      select r.no_reason as reason, count(*)::int as n from c r
      where r.is_contacted and r.said_no and not r.is_enrolled group by 1) rr) as reasons
  from c`;

const AUDIT_SQL = `
  insert into audit_event (municipality_id, actor_id, actor_role, action, entity, entity_id, household_ids, fields, purpose)
  values ($1, $2, 'team_leader', $3, $4, $5, $6, $7, 'outreach')`;

export async function floorFunnel(driver: SqlDriver, actor: FloorActor, areaId: string) {
  return driver.transaction(async (query) => {
    const [team] = await query(
      'select t.area_id, a.name from team t join area a on a.municipality_id = t.municipality_id and a.id = t.area_id where t.municipality_id = $1 and t.id = $2',
      [actor.municipalityId, actor.teamId],
    );
    if (team?.area_id !== areaId) throw new Error('floor: not the team’s area');
    const [row] = await query(FUNNEL_SQL, [actor.municipalityId, areaId]);
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      'read',
      'outreach_funnel',
      areaId,
      null,
      ['stages', 'months', 'reasons', 'timeToEnrolment'],
    ]);
    return { area: team.name, ...row };
  });
}

export async function floorBuilding(driver: SqlDriver, actor: FloorActor, buildingId: string) {
  return driver.transaction(async (query) => {
    const [building] = await query(
      `select b.id, b.area_id, b.name, b.version, t.area_id as team_area from building b
       join team t on t.municipality_id = b.municipality_id and t.id = $3
       where b.municipality_id = $1 and b.id = $2`,
      [actor.municipalityId, buildingId, actor.teamId],
    );
    if (!building || building.area_id !== building.team_area)
      throw new Error('floor: not the team’s building');
    const staircases = await query(
      `select id, street, number, entrance, postal_code from staircase
       where municipality_id = $1 and building_id = $2
       order by danish_sort_key(street), lpad(number, 10, '0'), entrance`,
      [actor.municipalityId, buildingId],
    );
    const apartments = await query(
      `select a.id, a.staircase_id, a.floor, a.door, h.id as household_id, h.reference, h.outreach_status,
         h.adult_count, h.child_count, h.eligible, h.eligibility
       from apartment a
       join staircase s on s.municipality_id = a.municipality_id and s.id = a.staircase_id
       left join household h on h.municipality_id = a.municipality_id and h.apartment_id = a.id
       where s.municipality_id = $1 and s.building_id = $2
       order by a.staircase_id, a.floor desc, a.door`,
      [actor.municipalityId, buildingId],
    );
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      'list',
      'building',
      buildingId,
      apartments.flatMap((a) => (a.household_id ? [a.household_id] : [])),
      ['outreachStatus', 'eligibility', 'memberCounts'],
    ]);
    return { ...building, staircases, apartments };
  });
}

/** The same two floors behind bare routes (served by bench/server.ts beside the app): the floor over HTTP. */
export function registerFunnelFloorRoutes(bare: FastifyInstance, driver: SqlDriver) {
  bare.get('/floor/funnel/:municipalityId/:userId/:teamId/:areaId', async (request) => {
    const p = request.params as FloorActor & { areaId: string };
    return floorFunnel(driver, p, p.areaId);
  });
  bare.get('/floor/building/:municipalityId/:userId/:teamId/:buildingId', async (request) => {
    const p = request.params as FloorActor & { buildingId: string };
    return floorBuilding(driver, p, p.buildingId);
  });
}
