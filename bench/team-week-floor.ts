import type { FastifyInstance } from 'fastify';
import type { SqlDriver } from './floor';

/**
 * The team-week floor (bench/team-week.ts): the work of "My tasks", "Asked of me" and the family
 * page's tasks and journal, hand-written in SQL and sent through the bare driver — no HTTP, no
 * session, no validation, no Kysely, no mapping. The same statements in the same transaction as
 * the routes (relation check, rows, helpers or count, the audit record), as floor.ts does for
 * the family page. Served over HTTP by server.ts `team-week` (the floor over HTTP).
 */
export interface WeekActor {
  label: 'pair member' | 'specialist';
  username: string;
  userId: string;
  municipalityId: string;
  teamId: string;
  role: 'team_leader' | 'team_member';
}

export interface WeekWorkload {
  /** Request i of a family endpoint is made by actors[i % 2]: a pair member, then the specialist. */
  actors: [WeekActor, WeekActor];
  /** The families each actor opens: the member's pairs' families; the specialist's routed ones. */
  families: [string[], string[]];
}

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The measured municipality's pair member and specialist, read from the installation. */
export async function loadWeekWorkload(query: Query, usernamePrefix: string): Promise<WeekWorkload> {
  const actorOf = async (username: string, label: WeekActor['label']): Promise<WeekActor> => {
    const [row] = await query(
      'select id, municipality_id, team_id, role from app_user where lower(username) = lower($1)',
      [username],
    );
    if (!row) throw new Error(`no user ${username}: is the team-week installation generated?`);
    return {
      label,
      username,
      userId: String(row.id),
      municipalityId: String(row.municipality_id),
      teamId: String(row.team_id),
      role: row.role as WeekActor['role'],
    };
  };
  const member = await actorOf(`${usernamePrefix}member01`, 'pair member');
  const specialist = await actorOf(`${usernamePrefix}specialist1`, 'specialist');
  const memberFamilies = await query(
    `select household_id from pair_assignment
      where municipality_id = $1 and ended_at is null and (first_member_id = $2 or second_member_id = $2)
      order by household_id`,
    [member.municipalityId, member.userId],
  );
  const routedFamilies = await query(
    `select distinct household_id from task
      where municipality_id = $1 and routed_to = $2 and routing_state in ('asked', 'accepted')
        and state not in ('done', 'dropped')
      order by household_id`,
    [specialist.municipalityId, specialist.userId],
  );
  return {
    actors: [member, specialist],
    families: [
      memberFamilies.map((r) => String(r.household_id)),
      routedFamilies.map((r) => String(r.household_id)),
    ],
  };
}

const TASK_COLUMNS = `
  t.id, t.household_id, t.words, t.domain_id, t.level, t.owner_id, o.display_name as owner_name, t.goal_id,
  t.routed_to, r.display_name as routed_name, t.routing_state, t.hand_back_reason, t.due_on, t.state,
  t.drop_reason, t.raised_by_person_id, t.raised_by_staff_id, t.version, t.created_at, t.updated_at,
  h.reference as family_reference, p.first_member_id, p.second_member_id
  from task t
  join app_user o on o.municipality_id = t.municipality_id and o.id = t.owner_id
  left join app_user r on r.municipality_id = t.municipality_id and r.id = t.routed_to
  join household h on h.municipality_id = t.municipality_id and h.id = t.household_id
  left join pair_assignment p
    on p.municipality_id = t.municipality_id and p.household_id = t.household_id and p.ended_at is null`;

/** The owner's open tasks and the open tasks of the families they are pair of, each by its index (0030). */
const MINE_SQL = `
  select ${TASK_COLUMNS}
  where t.municipality_id = $1 and t.id in (
    select id from task where municipality_id = $1 and owner_id = $2 and state not in ('done', 'dropped')
    union
    select task.id from pair_assignment pp
    join task on task.municipality_id = pp.municipality_id and task.household_id = pp.household_id
    where pp.municipality_id = $1 and pp.ended_at is null and (pp.first_member_id = $2 or pp.second_member_id = $2)
      and task.state not in ('done', 'dropped'))
  order by t.due_on asc nulls last, t.created_at, t.id`;

const ASKED_SQL = `
  select ${TASK_COLUMNS}
  where t.municipality_id = $1 and t.routed_to = $2 and t.routing_state in ('asked', 'accepted')
    and t.state not in ('done', 'dropped')
  order by t.updated_at, t.id`;

const FAMILY_TASKS_SQL = `
  select ${TASK_COLUMNS}
  where t.municipality_id = $1 and t.household_id = $2
  order by t.created_at, t.id`;

const HELPERS_SQL = `
  select th.task_id, u.id, u.display_name
  from task_helper th join app_user u on u.municipality_id = th.municipality_id and u.id = th.user_id
  where th.municipality_id = $1 and th.task_id = any($2::uuid[])
  order by u.display_name, u.id`;

const AUDIT_SQL = `
  insert into audit_event
    (municipality_id, actor_id, actor_role, action, entity, entity_id, household_id, household_ids, fields, purpose, break_glass)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'case_work', false)`;

/** The relation statement of every family-scoped route: team, pair, grant, cover, routed task. */
const RELATION_SQL = `
  select h.municipality_id, h.team_id, h.enrolled_by, p.first_member_id, p.second_member_id,
    (select max(g.expires_at) from break_glass_grant g
      where g.municipality_id = h.municipality_id and g.household_id = h.id and g.user_id = $3 and g.expires_at > $4)
      as break_glass_until,
    exists (select from pair_cover c
      where c.municipality_id = h.municipality_id and c.backup_id = $3 and c.cancelled_at is null
        and c.starts_on <= $5::date and c.ends_on >= $5::date
        and (c.absent_id = p.first_member_id or c.absent_id = p.second_member_id)) as covers_pair,
    exists (select from task t
      where t.municipality_id = h.municipality_id and t.routed_to = $3 and t.routing_state in ('asked', 'accepted')
        and t.household_id = h.id and t.state not in ('done', 'dropped')) as routed_task_open
  from household h
  left join pair_assignment p on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
  where h.municipality_id = $1 and h.status <> 'prospect' and h.id = $2`;

/** How the actor stands to the family: the rules of plans.policy.ts and journal.policy.ts, by hand. */
async function relationOf(query: Query, actor: WeekActor, familyId: string) {
  const now = new Date();
  const [row] = await query(RELATION_SQL, [
    actor.municipalityId,
    familyId,
    actor.userId,
    now,
    now.toISOString().slice(0, 10),
  ]);
  if (!row) throw new Error(`family ${familyId} not found`);
  const inTeam = row.team_id === actor.teamId;
  const pair = row.first_member_id === actor.userId || row.second_member_id === actor.userId;
  const works = inTeam && (pair || Boolean(row.covers_pair) || actor.role === 'team_leader');
  const routed = Boolean(row.routed_task_open);
  return { inTeam, works, routed, brokeGlass: row.break_glass_until !== null };
}

async function withHelpers(query: Query, municipalityId: string, rows: Record<string, unknown>[]) {
  const helpers = rows.length === 0 ? [] : await query(HELPERS_SQL, [municipalityId, rows.map((r) => r.id)]);
  return { items: rows, helpers };
}

const TASK_FIELDS = ['words', 'state', 'routing'];

/** "My tasks" (GET /api/tasks/mine): rows, helpers, one audit record naming the families. */
export function floorMine(driver: SqlDriver, actor: WeekActor) {
  return ownList(driver, actor, MINE_SQL);
}

/** "Asked of me" (GET /api/tasks/asked). */
export function floorAsked(driver: SqlDriver, actor: WeekActor) {
  return ownList(driver, actor, ASKED_SQL);
}

function ownList(driver: SqlDriver, actor: WeekActor, text: string) {
  return driver.transaction(async (query) => {
    const rows = await query(text, [actor.municipalityId, actor.userId]);
    const list = await withHelpers(query, actor.municipalityId, rows);
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      actor.role,
      'list',
      'task',
      null,
      null,
      [...new Set(rows.map((r) => String(r.household_id)))],
      TASK_FIELDS,
    ]);
    return list;
  });
}

/** The family page's tasks (GET /api/families/:id/tasks): relation, rows, helpers, audit. */
export function floorFamilyTasks(driver: SqlDriver, actor: WeekActor, familyId: string) {
  return driver.transaction(async (query) => {
    const relation = await relationOf(query, actor, familyId);
    if (!relation.works && !relation.routed) throw new Error(`tasks of family ${familyId} not readable`);
    const rows = await query(FAMILY_TASKS_SQL, [actor.municipalityId, familyId]);
    const list = await withHelpers(query, actor.municipalityId, rows);
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      actor.role,
      'read',
      'task',
      null,
      familyId,
      null,
      TASK_FIELDS,
    ]);
    return list;
  });
}

/** The note `n` is linked to an open task routed (asked or accepted) to the actor ($3): one list per statement. */
const LINKED = `n.id in (select nt.note_id from task t
    join journal_note_task nt on nt.municipality_id = t.municipality_id and nt.task_id = t.id
    where t.municipality_id = $1 and t.routed_to = $3
      and t.routing_state in ('asked', 'accepted') and t.state not in ('done', 'dropped'))`;

/** The journal's page: the viewer's notes (whole $4, reads sensitive $5, reads tasks $6), page first. */
const NOTES_SQL = `
  with page as (
    select n.municipality_id, n.id, n.household_id, n.occurred_on, n.sensitive, n.version, n.kind,
      n.sensitive_category, n.interpreter_used, n.interpreter_language, n.created_by, n.created_at,
      (not n.sensitive or $5::boolean or ${LINKED}) as readable
    from journal_note n
    where n.municipality_id = $1 and n.household_id = $2 and ($4::boolean or ${LINKED})
    order by n.occurred_on desc, n.created_at desc, n.id
    limit $7 offset $8
  )
  select n.id, n.household_id, n.occurred_on, n.sensitive, n.readable,
    case when n.readable then n.version end as version, case when n.readable then n.kind end as kind,
    case when n.readable then cv.text end as text,
    case when n.readable then n.sensitive_category end as sensitive_category,
    case when n.readable then n.interpreter_used end as interpreter_used,
    case when n.readable then n.interpreter_language end as interpreter_language,
    case when n.readable then n.created_by end as author_id,
    case when n.readable then a.display_name end as author_name,
    case when n.readable then n.created_at end as created_at,
    case when n.readable then cv.written_at end as corrected_at,
    case when n.readable then (
      select coalesce(json_agg(json_build_object('kind', p.kind, 'id', coalesce(p.person_id, p.staff_id),
        'name', coalesce(pp.first_name || ' ' || pp.last_name, pu.display_name), 'role', p.role) order by p.position), '[]')
      from journal_note_participant p
      left join person pp on pp.municipality_id = p.municipality_id and pp.id = p.person_id
      left join app_user pu on pu.municipality_id = p.municipality_id and pu.id = p.staff_id
      where p.municipality_id = n.municipality_id and p.note_id = n.id) end as participants,
    case when n.readable then (
      select coalesce(json_agg(json_build_object('id', t.id, 'words', case when $6::boolean then t.words end)
        order by t.created_at, t.id), '[]')
      from journal_note_task nt join task t on t.municipality_id = nt.municipality_id and t.id = nt.task_id
      where nt.municipality_id = n.municipality_id and nt.note_id = n.id) end as tasks
  from page n
  join journal_note_version cv on cv.municipality_id = n.municipality_id and cv.note_id = n.id and cv.version = n.version
  left join app_user a on a.municipality_id = n.municipality_id and a.id = n.created_by
  order by n.occurred_on desc, n.created_at desc, n.id`;

const COUNT_NOTES_SQL = `
  select count(*) as total from journal_note n
  where n.municipality_id = $1 and n.household_id = $2 and ($4::boolean or ${LINKED})`;

export const NOTES_PAGE_SIZE = 20;

/** The family page's journal, first page (GET /api/families/:id/notes?page=1&pageSize=20). */
export function floorFamilyNotes(driver: SqlDriver, actor: WeekActor, familyId: string) {
  return driver.transaction(async (query) => {
    const relation = await relationOf(query, actor, familyId);
    const whole = relation.inTeam || relation.brokeGlass;
    if (!whole && !relation.routed) throw new Error(`journal of family ${familyId} not readable`);
    const readsTasks = relation.works || relation.routed;
    const items = await query(NOTES_SQL, [
      actor.municipalityId,
      familyId,
      actor.userId,
      whole,
      relation.works,
      readsTasks,
      NOTES_PAGE_SIZE,
      0,
    ]);
    const [count] = await query(COUNT_NOTES_SQL, [actor.municipalityId, familyId, actor.userId, whole]);
    const readable = items.some((n) => n.readable);
    await query(AUDIT_SQL, [
      actor.municipalityId,
      actor.userId,
      actor.role,
      'read',
      'journal_note',
      null,
      familyId,
      null,
      readable
        ? ['occurredOn', 'kind', 'text', 'participants', 'interpreter', 'tasks']
        : ['occurredOn', 'sensitive'],
    ]);
    return { items, total: Number(count?.total) };
  });
}

export type WeekEndpoint = 'mine' | 'asked' | 'familyTasks' | 'familyNotes';

/** One floor operation: endpoint, actor (0 pair member, 1 specialist) and family where it has one. */
export function floorWeek(
  driver: SqlDriver,
  w: WeekWorkload,
  endpoint: WeekEndpoint,
  actor: 0 | 1,
  familyId: string,
) {
  const a = w.actors[actor];
  switch (endpoint) {
    case 'mine':
      return floorMine(driver, a);
    case 'asked':
      return floorAsked(driver, a);
    case 'familyTasks':
      return floorFamilyTasks(driver, a, familyId);
    case 'familyNotes':
      return floorFamilyNotes(driver, a, familyId);
  }
}

/** The floor behind bare routes, in the server's process (the floor over HTTP). */
export function registerWeekFloorRoutes(bare: FastifyInstance, driver: SqlDriver, w: WeekWorkload) {
  bare.get('/floor/week/:endpoint/:actor/:familyId', async (request) => {
    const p = request.params as { endpoint: WeekEndpoint; actor: '0' | '1'; familyId: string };
    return floorWeek(driver, w, p.endpoint, Number(p.actor) as 0 | 1, p.familyId);
  });
}
