import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import type { Q, Trx } from '../../db/queryable';
import type { ChangeList, TaskRoutingState, TaskState } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { familyRows } from '../access/family-scope';
import * as sample from '../snapshot-samples';
import { familiesAsPair } from '../team/staff-scope';

const CLOSED: TaskState[] = ['done', 'dropped'];
const ROUTED_OPEN: TaskRoutingState[] = ['asked', 'accepted'];

/** A task with its owner's and specialist's names, its family's reference and current pair. */
function taskSelect(db: Q, municipalityId: string) {
  return db
    .selectFrom('task as t')
    .innerJoin('app_user as o', (j) => sameTenant(j, 'o.id', 't.owner_id'))
    .leftJoin('app_user as r', (j) => sameTenant(j, 'r.id', 't.routed_to'))
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 't.household_id'))
    .leftJoin('pair_assignment as p', (j) =>
      sameTenant(j, 'p.household_id', 't.household_id').on('p.ended_at', 'is', null),
    )
    .select([
      't.id',
      't.household_id',
      't.words',
      't.domain_id',
      't.level',
      't.owner_id',
      'o.display_name as owner_name',
      't.goal_id',
      't.routed_to',
      'r.display_name as routed_name',
      't.routing_state',
      't.hand_back_reason',
      't.due_on',
      't.state',
      't.drop_reason',
      't.raised_by_person_id',
      't.raised_by_staff_id',
      't.version',
      't.created_at',
      't.updated_at',
      'h.reference as family_reference',
      'p.first_member_id',
      'p.second_member_id',
    ])
    .where('t.municipality_id', '=', municipalityId);
}
export type TaskRow = Awaited<ReturnType<typeof familyTasks>>[number];

/** The family's tasks, oldest first (the family page shows them side by side by domain). */
const familyTasksStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; familyId: string }, _shape: Record<string, never>) =>
    taskSelect(db, v.municipalityId)
      .where('t.household_id', '=', v.familyId)
      .orderBy('t.created_at')
      .orderBy('t.id'),
);

/** The family's tasks, oldest first; compiled once, as the own lists are (decision 0056). */
export async function familyTasks(db: Q, municipalityId: string, familyId: string) {
  return (await db.executeQuery(familyTasksStatement(db, {}, { municipalityId, familyId }))).rows;
}

/** One task of one family (or of any family, for the specialist's own routes). */
export function findTask(db: Q, municipalityId: string, taskId: string, familyId?: string) {
  return taskSelect(db, municipalityId)
    .where('t.id', '=', taskId)
    .$if(familyId !== undefined, (q) => q.where('t.household_id', '=', familyId!))
    .executeTakeFirst();
}

/** Locks one task for a write by the routed specialist (no family route locks the household for them). */
export function lockTask(trx: Trx, municipalityId: string, taskId: string) {
  return trx
    .selectFrom('task')
    .select(['id', 'household_id', 'routed_to', 'routing_state', 'state', 'version'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Open, as the partial indexes of migration 0030 state it: a literal, not a parameter, so the
 * generic plan of a named prepared statement (decision 0010) may use them too.
 */
const isOpen = sql<boolean>`state not in ('done', 'dropped')`;
const isOpenTask = sql<boolean>`t.state not in ('done', 'dropped')`;
const isRoutedOpen = sql<boolean>`t.routing_state in ('asked', 'accepted')`;

/**
 * "My tasks": open tasks the person owns or whose family they are the pair of. The two are
 * found apart, each by its own index of open tasks (0030), and joined by id: one condition
 * with an OR across the task and its family's pair would read every task of the municipality.
 */
type OwnListValues = { municipalityId: string; userId: string };

/*
 * The two own lists and their helpers are compiled once (src/db/compiled-once.ts): each request
 * of "My tasks" or "Asked of me" built and compiled them anew, which cost the server as much CPU
 * as sending them (bench/README.md, decision 0056).
 */
const myTasksStatement = compiledOnce((db: Q, v: OwnListValues, _shape: Record<string, never>) =>
  taskSelect(db, v.municipalityId)
    .where('t.id', 'in', (eb) =>
      eb
        .selectFrom('task')
        .select('id')
        .where('municipality_id', '=', v.municipalityId)
        .where('owner_id', '=', v.userId)
        .where(isOpen)
        .union(
          eb
            .selectFrom('pair_assignment as pp')
            .innerJoin('task', (j) => sameTenant(j, 'task.household_id', 'pp.household_id'))
            .select('task.id')
            .where('pp.municipality_id', '=', v.municipalityId)
            .where('pp.ended_at', 'is', null)
            .where((w) =>
              w.or([w('pp.first_member_id', '=', v.userId), w('pp.second_member_id', '=', v.userId)]),
            )
            .where(sql<boolean>`task.state not in ('done', 'dropped')`),
        ),
    )
    .orderBy('t.due_on', (o) => o.asc().nullsLast())
    .orderBy('t.created_at')
    .orderBy('t.id'),
);

/**
 * "My tasks": open tasks the person owns or whose family they are the pair of. The two are
 * found apart, each by its own index of open tasks (0030), and joined by id: one condition
 * with an OR across the task and its family's pair would read every task of the municipality.
 */
export async function myTasks(db: Q, municipalityId: string, userId: string) {
  return (await db.executeQuery(myTasksStatement(db, {}, { municipalityId, userId }))).rows;
}

const askedTasksStatement = compiledOnce((db: Q, v: OwnListValues, _shape: Record<string, never>) =>
  taskSelect(db, v.municipalityId)
    .where('t.routed_to', '=', v.userId)
    .where(isRoutedOpen)
    .where(isOpenTask)
    .orderBy('t.updated_at')
    .orderBy('t.id'),
);

/** "Asked of me": open tasks routed to the person, asked or accepted, oldest first (index task_open_routed). */
export async function askedTasks(db: Q, municipalityId: string, userId: string) {
  return (await db.executeQuery(askedTasksStatement(db, {}, { municipalityId, userId }))).rows;
}

/**
 * The family's open tasks the person accepted: taken over (decision 0045), so they may link notes
 * to them and move them on.
 */
export async function tasksTakenOver(db: Q, municipalityId: string, familyId: string, userId: string) {
  const rows = await db
    .selectFrom('task')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId)
    .where('routed_to', '=', userId)
    .where('routing_state', '=', 'accepted')
    .where('state', 'not in', CLOSED)
    .execute();
  return rows.map((r) => r.id);
}

export function insertTask(
  trx: Trx,
  values: {
    municipalityId: string;
    familyId: string;
    words: string;
    domainId: string;
    level: number;
    ownerId: string;
    raisedByPersonId: string | null;
    raisedByStaffId: string | null;
    dueOn: string | null;
    goalId: string | null;
  },
) {
  return trx
    .insertInto('task')
    .values({
      municipality_id: values.municipalityId,
      household_id: values.familyId,
      words: values.words,
      domain_id: values.domainId,
      level: values.level,
      owner_id: values.ownerId,
      raised_by_person_id: values.raisedByPersonId,
      raised_by_staff_id: values.raisedByStaffId,
      due_on: values.dueOn,
      goal_id: values.goalId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface TaskChange {
  state?: TaskState;
  due_on?: string | null;
  owner_id?: string;
  drop_reason?: string | null;
  routed_to?: string | null;
  routing_state?: TaskRoutingState;
  hand_back_reason?: string | null;
  goal_id?: string | null;
}

/** Writes a change and moves the version on; the caller checked the version it was given. */
export function updateTask(trx: Trx, municipalityId: string, taskId: string, change: TaskChange, at: Date) {
  return trx
    .updateTable('task')
    .set({ ...change, updated_at: at, version: sql<number>`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
}

/** The task's history, in the family's history (change_record, as the family's own changes). */
export function recordTaskChange(
  trx: Trx,
  v: {
    municipalityId: string;
    familyId: string;
    taskId: string;
    action: string;
    changes: ChangeList;
    by: string;
  },
) {
  return trx
    .insertInto('change_record')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      entity: 'task',
      entity_id: v.taskId,
      action: v.action,
      changes: JSON.stringify(v.changes),
      changed_by: v.by,
    })
    .execute();
}

/** Whether the person is a member of the family (a task raised by them). */
export async function isMemberOf(db: Q, municipalityId: string, familyId: string, personId: string) {
  const row = await familyRows(db, 'person', municipalityId, familyId)
    .select('id')
    .where('id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Everyone the rule may propose: the municipality's active team staff, of any team (a specialist
 * of another team is the point of routing), with their home department, whether a cover in force
 * today names them absent, their open tasks (owned or routed) and the families they are pair of.
 */
export function routingStaff(db: Q, municipalityId: string, today: string) {
  return db
    .selectFrom('app_user as u')
    .select((eb) => [
      'u.id',
      'u.display_name',
      'u.department_id',
      eb
        .exists(
          eb
            .selectFrom('pair_cover as c')
            .select('c.id')
            .whereRef('c.municipality_id', '=', 'u.municipality_id')
            .whereRef('c.absent_id', '=', 'u.id')
            .where('c.cancelled_at', 'is', null)
            .where('c.starts_on', '<=', sql<string>`${today}::date`)
            .where('c.ends_on', '>=', sql<string>`${today}::date`),
        )
        .as('absent'),
      eb
        .selectFrom('task as t')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('t.municipality_id', '=', 'u.municipality_id')
        .where('t.state', 'not in', CLOSED)
        .where((w) =>
          w.or([
            w('t.owner_id', '=', w.ref('u.id')),
            w.and([w('t.routed_to', '=', w.ref('u.id')), w('t.routing_state', 'in', ROUTED_OPEN)]),
          ]),
        )
        .as('open_tasks'),
      familiesAsPair(eb).as('families'),
    ])
    .where('u.municipality_id', '=', municipalityId)
    .where('u.role', 'in', ['team_member', 'team_leader'])
    .where('u.disabled_at', 'is', null)
    .execute();
}

/** The levels of the municipality's active team staff in one domain. */
export function domainLevels(db: Q, municipalityId: string, domainId: string) {
  return db
    .selectFrom('staff_competence as c')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'c.user_id'))
    .select(['c.user_id', 'c.level'])
    .where('c.municipality_id', '=', municipalityId)
    .where('c.domain_id', '=', domainId)
    .where('u.disabled_at', 'is', null)
    .execute();
}

/*
 * The ids as one array parameter, not `in ($3, $4, …)`: a list of 190 tasks made a statement
 * text of its own for every length — compiled by Kysely, hashed, parsed and planned by
 * PostgreSQL anew — and 190 parameters to bind and send (decision 0056).
 */
const taskHelpersStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; taskIds: readonly string[] }, _shape: Record<string, never>) =>
    db
      .selectFrom('task_helper as th')
      .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'th.user_id'))
      .select(['th.task_id', 'u.id', 'u.display_name'])
      .where('th.municipality_id', '=', v.municipalityId)
      .where(sql<boolean>`th.task_id = any(${v.taskIds}::uuid[])`)
      .orderBy('u.display_name')
      .orderBy('u.id'),
);

/** The helpers of some tasks, with their names (one query for a whole list). */
export async function taskHelpers(db: Q, municipalityId: string, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return (await db.executeQuery(taskHelpersStatement(db, {}, { municipalityId, taskIds }))).rows;
}

/** Sets a task's helpers to exactly these people. */
export async function setTaskHelpers(
  trx: Trx,
  municipalityId: string,
  taskId: string,
  userIds: readonly string[],
) {
  await trx
    .deleteFrom('task_helper')
    .where('municipality_id', '=', municipalityId)
    .where('task_id', '=', taskId)
    .execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('task_helper')
    .values(userIds.map((user_id) => ({ municipality_id: municipalityId, task_id: taskId, user_id })))
    .execute();
}

/** Which of these people are active team staff of the municipality (who may help with a task). */
export function activeTeamStaffAmong(db: Q, municipalityId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', userIds)
    .where('role', 'in', ['team_member', 'team_leader'])
    .where('disabled_at', 'is', null)
    .execute();
}

/** Whether the goal is one of the family's plan. */
export async function isGoalOf(db: Q, municipalityId: string, familyId: string, goalId: string) {
  const row = await familyRows(db, 'plan_goal', municipalityId, familyId)
    .select('id')
    .where('id', '=', goalId)
    .executeTakeFirst();
  return row !== undefined;
}

export const snapshotCases: sample.SnapshotCases<typeof import('./plans.queries')> = {
  familyTasks: [{ run: (db) => familyTasks(db, sample.MUNICIPALITY, sample.FAMILY) }],
  findTask: [
    { run: (db) => findTask(db, sample.MUNICIPALITY, sample.COLLEAGUE, sample.FAMILY) },
    { variant: 'any family', run: (db) => findTask(db, sample.MUNICIPALITY, sample.COLLEAGUE) },
  ],
  lockTask: [{ run: sample.inTransaction((trx) => lockTask(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) }],
  myTasks: [{ run: (db) => myTasks(db, sample.MUNICIPALITY, sample.USER) }],
  askedTasks: [{ run: (db) => askedTasks(db, sample.MUNICIPALITY, sample.USER) }],
  tasksTakenOver: [{ run: (db) => tasksTakenOver(db, sample.MUNICIPALITY, sample.FAMILY, sample.USER) }],
  insertTask: [
    {
      run: sample.inTransaction((trx) =>
        insertTask(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          words: 'words',
          domainId: sample.COLLEAGUE,
          level: 3,
          ownerId: sample.USER,
          raisedByPersonId: null,
          raisedByStaffId: sample.USER,
          dueOn: null,
          goalId: null,
        }),
      ),
    },
  ],
  updateTask: [
    {
      run: sample.inTransaction((trx) =>
        updateTask(trx, sample.MUNICIPALITY, sample.COLLEAGUE, { state: 'in_progress' }, new Date(0)),
      ),
    },
  ],
  recordTaskChange: [
    {
      run: sample.inTransaction((trx) =>
        recordTaskChange(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          taskId: sample.COLLEAGUE,
          action: 'create',
          changes: [],
          by: sample.USER,
        }),
      ),
    },
  ],
  isMemberOf: [{ run: (db) => isMemberOf(db, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE) }],
  routingStaff: [{ run: (db) => routingStaff(db, sample.MUNICIPALITY, '2026-11-25') }],
  domainLevels: [{ run: (db) => domainLevels(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  taskHelpers: [{ run: (db) => taskHelpers(db, sample.MUNICIPALITY, [sample.COLLEAGUE]) }],
  setTaskHelpers: [
    {
      run: sample.inTransaction((trx) =>
        setTaskHelpers(trx, sample.MUNICIPALITY, sample.COLLEAGUE, [sample.USER]),
      ),
    },
  ],
  activeTeamStaffAmong: [{ run: (db) => activeTeamStaffAmong(db, sample.MUNICIPALITY, [sample.USER]) }],
  isGoalOf: [{ run: (db) => isGoalOf(db, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE) }],
};
