import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { POOL_IDLE_MILLIS } from '../src/db/client';
import { BASIC_FIELDS, FULL_FIELDS } from '../src/server/families/families.detail';
import { today } from '../src/shared/common/today';
import { type BenchDbKind, PGLITE_DATA_DIR, POOL_SIZE, POSTGRES_URL } from './settings';
import type { BenchActor, ListRequest } from './workload';

/**
 * The floor: the work of the two routes, hand-written in SQL and sent through the bare driver
 * (pg.Pool / the PGlite client) — no HTTP, no Fastify, no session lookup, no validation, no
 * Kysely, no mapping to the response. The same statements, the same transaction, the same
 * audit insert. What the app spends above this is the price of everything else.
 */
type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SqlDriver {
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** Statements on one connection without begin/commit: each is atomic on its own. */
  statement<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const keepAsString = (v: string) => v;

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `f_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

export function openSqlDriver(kind: BenchDbKind): SqlDriver {
  if (kind === 'pglite') {
    // The app's parsers: dates and bigints stay strings.
    const client = new PGlite({
      dataDir: PGLITE_DATA_DIR,
      parsers: { 1082: keepAsString, 20: keepAsString },
    });
    return {
      transaction: (work) =>
        client.transaction((tx) =>
          work(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows),
        ),
      statement: (work) =>
        work(async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows),
      close: () => client.close(),
    };
  }
  // Configured as the app's pool (src/db/client.ts): an idle connection would otherwise close
  // while the app's cells run, and the floor's next cell would start on cold connections.
  const pool = new pg.Pool({
    connectionString: POSTGRES_URL,
    max: POOL_SIZE,
    idleTimeoutMillis: POOL_IDLE_MILLIS,
  });
  return {
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        // Named prepared statements, as the app's pool uses (src/db/named-statements.ts): the
        // floor gets the same planning saving, so the ratio compares like with like.
        const result = await work(
          async (text, params) =>
            (await client.query({ name: statementName(text), text, values: params })).rows,
        );
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async statement(work) {
      const client = await pool.connect();
      try {
        return await work(
          async (text, params) =>
            (await client.query({ name: statementName(text), text, values: params })).rows,
        );
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const SORT_SQL: Record<ListRequest['sort'], string> = {
  reference: 'reference',
  address: 'street_sort',
  name: 'sort_name',
  enrolledOn: 'enrolled_on',
  memberCount: 'member_count',
  updatedAt: 'updated_at',
};

/**
 * The family list in one statement, page first as the app does it: page, pair names, adults'
 * names, total — and, in the same statement, the page's one audit record naming the families
 * shown (decision 0022; an empty page's names none).
 */
export function listSql(request: ListRequest, actor: BenchActor): { text: string; params: unknown[] } {
  const params: unknown[] = [actor.municipalityId, actor.teamId, actor.userId, actor.role, LIST_FIELDS];
  let search = '';
  if (request.q) {
    // As the app: the search folded into a pattern once per statement (decision 0021).
    params.push(request.q);
    search = `and h.search_text like (select search_pattern($${params.length}))`;
  }
  params.push(request.pageSize, (request.page - 1) * request.pageSize);
  const dir = request.dir === 'desc' ? 'desc' : 'asc';
  // As the app: an address by street, then the building number as a number, then the rest.
  const address = `, (substring(building_number from '^[0-9]+'))::int ${dir}, building_number ${dir}`;
  const order = `${SORT_SQL[request.sort]} ${dir}${request.sort === 'address' ? address : ''}${request.sort === 'reference' ? '' : `, reference ${dir}`}`;
  const text = `
    with page as (
      select h.municipality_id, h.id, h.area_id, h.reference, h.street, h.building_number, h.entrance,
        h.floor, h.door, h.status, h.enrolled_on, h.adult_count, h.child_count, h.updated_at, h.sort_name, h.street_sort,
        h.adult_count + h.child_count as member_count, count(*) over () as total
      from household h
      where h.municipality_id = $1 and h.team_id = $2 ${search}
      order by ${order}
      limit $${params.length - 1} offset $${params.length}
    ), shown as (
      insert into audit_event
        (municipality_id, actor_id, actor_role, action, entity, household_ids, fields, purpose)
      select $1::uuid, $3::uuid, $4::text, 'list', 'household', array_agg(id order by reference), $5::text[], 'case_work'
      from page
    )
    select h.id, h.reference, h.street, h.building_number, h.entrance, h.floor, h.door, h.status,
      h.enrolled_on, h.adult_count, h.child_count, h.updated_at, h.total, a.name as area_name,
      u1.id as pair1_id, u1.display_name as pair1_name, u2.id as pair2_id, u2.display_name as pair2_name,
      (select coalesce(array_agg(m.first_name || ' ' || m.last_name order by m.birth_date), '{}')
         from person m
        where m.municipality_id = h.municipality_id and m.household_id = h.id
          and m.household_role <> 'child') as adult_names
    from page h
    join area a on a.municipality_id = h.municipality_id and a.id = h.area_id
    left join pair_assignment p
      on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
    left join app_user u1 on u1.municipality_id = p.municipality_id and u1.id = p.first_member_id
    left join app_user u2 on u2.municipality_id = p.municipality_id and u2.id = p.second_member_id
    order by ${order.replaceAll(/(^|, )(?!\()/g, '$1h.').replace('(substring(building_number', '(substring(h.building_number')}`;
  return { text, params };
}

const LIST_FIELDS = ['reference', 'address', 'adult_names', 'pair'];

/** The list's filters alone, for a page past the last. */
function countSql(request: ListRequest, actor: BenchActor): { text: string; params: unknown[] } {
  const params: unknown[] = [actor.municipalityId, actor.teamId];
  let search = '';
  if (request.q) {
    params.push(request.q);
    search = `and h.search_text like (select search_pattern($3))`;
  }
  return {
    text: `select count(*) as total from household h where h.municipality_id = $1 and h.team_id = $2 ${search}`,
    params,
  };
}

const AUDIT_SQL = `
  insert into audit_event
    (municipality_id, actor_id, actor_role, action, entity, entity_id, household_id, household_ids, fields, purpose, break_glass)
  values ($1, $2, $3, $4, $5, $6, $7, null, $8, $9, $10)`;

/** As the route: one statement that lists and audits; only a page past the last needs its count. */
export async function floorList(driver: SqlDriver, actor: BenchActor, request: ListRequest) {
  const { text, params } = listSql(request, actor);
  return driver.statement(async (query) => {
    const rows = await query(text, params);
    let total = Number(rows[0]?.total ?? 0);
    if (!rows.length && request.page > 1) {
      const count = countSql(request, actor);
      total = Number((await query(count.text, count.params))[0]?.total);
    }
    return { rows, total };
  });
}

/*
 * The family page's statements, as `npx tsx bench/family-sql.ts` shows the app sending them:
 * the relation (access.queries.ts), household, members, consents, the audit record.
 */
const RELATION_SQL = `
  select h.municipality_id, h.team_id, h.enrolled_by, p.first_member_id, p.second_member_id,
    (select max(g.expires_at) from break_glass_grant g
      where g.municipality_id = h.municipality_id and g.household_id = h.id
        and g.user_id = $3 and g.expires_at > $4) as break_glass_until,
    exists (select c.id from pair_cover c
      where c.municipality_id = h.municipality_id and c.backup_id = $3 and c.cancelled_at is null
        and c.starts_on <= $5::date and c.ends_on >= $5::date
        and (c.absent_id = p.first_member_id or c.absent_id = p.second_member_id)) as covers_pair,
    exists (select t.id from task t
      where t.municipality_id = h.municipality_id and t.routed_to = $3
        and t.routing_state in ('asked', 'accepted') and t.household_id = h.id
        and t.state not in ('done', 'dropped')) as routed_task_open,
    exists (select t.id from task t
      where t.municipality_id = h.municipality_id and t.routed_to = $3
        and t.routing_state = 'accepted' and t.household_id = h.id
        and t.state not in ('done', 'dropped')) as task_taken_over
  from household h
  left join pair_assignment p
    on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
  where h.municipality_id = $1 and h.status != 'prospect' and h.id = $2`;

const HOUSEHOLD_SQL = `
  select h.*, a.name as area_name, t.name as team_name,
    u1.id as pair1_id, u1.display_name as pair1_name, u2.id as pair2_id, u2.display_name as pair2_name
  from household h
  join area a on a.municipality_id = h.municipality_id and a.id = h.area_id
  join team t on t.municipality_id = h.municipality_id and t.id = h.team_id
  left join pair_assignment p
    on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
  left join app_user u1 on u1.municipality_id = p.municipality_id and u1.id = p.first_member_id
  left join app_user u2 on u2.municipality_id = p.municipality_id and u2.id = p.second_member_id
  where h.municipality_id = $1 and h.id = $2`;

const MEMBERS_SQL = `
  select * from person where municipality_id = $1 and household_id = $2 order by birth_date, id`;

const CONSENTS_SQL = `
  select c.id, c.purpose, c.scope, c.given_on, c.withdrawn_on, c.person_id, c.given_how, c.language,
    c.interpreter, u.id as recorder_id, u.display_name as recorder_name
  from consent c
  left join app_user u on u.municipality_id = c.municipality_id and u.id = c.recorded_by
  where c.municipality_id = $1 and c.household_id = $2
  order by c.given_on desc, c.id`;

/**
 * The family page: relation, then household + pair, members and consents, then the audit row —
 * the app's seven round trips with begin and commit (bench/family-sql.ts prints both).
 */
export async function floorFamily(driver: SqlDriver, actor: BenchActor, familyId: string) {
  return driver.transaction(async (query) => {
    const [relation] = await query(RELATION_SQL, [
      actor.municipalityId,
      familyId,
      actor.userId,
      new Date(),
      today(),
    ]);
    if (!relation || relation.team_id !== actor.teamId) throw new Error(`family ${familyId} not readable`);
    const household = await query(HOUSEHOLD_SQL, [actor.municipalityId, familyId]);
    const members = await query(MEMBERS_SQL, [actor.municipalityId, familyId]);
    const consents = await query(CONSENTS_SQL, [actor.municipalityId, familyId]);
    // The app's readFull and purpose (families.policy.ts, family-access.ts) on the same relation.
    const pair = [relation.first_member_id, relation.second_member_id].filter(Boolean);
    const ownWork =
      actor.role === 'team_leader' ||
      pair.includes(actor.userId) ||
      (pair.length === 0 && relation.enrolled_by === actor.userId);
    const worksWith = ownWork || relation.covers_pair === true;
    const brokenGlass = relation.break_glass_until !== null;
    const purpose = !worksWith && brokenGlass ? 'break_glass' : ownWork || !worksWith ? 'case_work' : 'cover';
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      actor.role,
      'read',
      'household',
      familyId,
      familyId,
      worksWith || brokenGlass ? FULL_FIELDS : BASIC_FIELDS,
      purpose,
      purpose === 'break_glass',
    ]);
    return { household: household[0], members, consents };
  });
}
