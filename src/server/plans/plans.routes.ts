import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import type { ChangeList } from '../../db/schema';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { FamilyParams } from '../../shared/families/families.contract';
import {
  HandBackBody,
  isClosed,
  MyTaskList,
  NewTask,
  RouteTaskBody,
  Task,
  TaskIdParams,
  TaskList,
  type TaskListItem,
  TaskParams,
  TaskProposals,
  TaskUpdate,
} from '../../shared/plans/plans.contract';
import { routeTask } from '../../shared/plans/routing';
import type { RoutingStaff, TaskLevel } from '../../shared/plans/routing.contract';
import { type FamilyRelation, worksWith } from '../access/family-access';
import { familyRoutes } from '../access/family-route';
import type { Actor } from '../http/access';
import { atVersion, fieldError, forbidden, notFound, versionConflict } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { domainsAmong } from '../team/team.queries';
import { planRoutes } from './plan.routes';
import { planActions, plansPolicy } from './plans.policy';
import {
  activeTeamStaffAmong,
  askedTasks,
  domainLevels,
  familyTasks,
  findTask,
  insertTask,
  isGoalOf,
  isMemberOf,
  lockTask,
  myTasks,
  recordTaskChange,
  routingStaff,
  setTaskHelpers,
  type TaskChange,
  type TaskRow,
  taskHelpers,
  updateTask,
} from './plans.queries';

const DAY = 24 * 60 * 60 * 1000;
/** A person as the task names them (owner, helper, specialist). */
type StaffName = Task['owner'];
const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const pairOf = (r: TaskRow) =>
  [r.first_member_id, r.second_member_id].filter((id): id is string => id !== null);

/**
 * What the actor may do with a task: the family's workers change and route it, the specialist
 * answers — and, once they accepted it, takes it over: moves its state on and links notes to it
 * (decision 0045).
 */
function abilitiesOf(actor: Actor, r: TaskRow, works: boolean) {
  const open = !isClosed(r.state);
  const mine = r.routed_to === actor.userId;
  const takenOver = mine && open && r.routing_state === 'accepted';
  return {
    update: works,
    moveOn: works || takenOver,
    linkNote: works || takenOver,
    route: works && open && r.level >= 2 && r.routing_state !== 'accepted',
    accept: mine && open && r.routing_state === 'asked',
    handBack: mine && open && (r.routing_state === 'asked' || r.routing_state === 'accepted'),
  };
}

/** The task is routed to the actor, accepted and open: they took it over (decision 0045). */
const takenOverBy = (actor: Actor, r: TaskRow) =>
  r.routed_to === actor.userId && r.routing_state === 'accepted' && !isClosed(r.state);

/** The change moves the state on (with a reason to drop it), and touches nothing else. */
const onlyState = (body: TaskUpdate) =>
  Object.keys(body).every((key) => key === 'version' || key === 'state' || key === 'dropReason');

/** Each task's helpers, by task id: one query for any number of tasks. */
async function helpersOf(db: Parameters<typeof taskHelpers>[0], municipalityId: string, rows: TaskRow[]) {
  const helpers = new Map<string, StaffName[]>();
  for (const h of await taskHelpers(
    db,
    municipalityId,
    rows.map((r) => r.id),
  )) {
    const list = helpers.get(h.task_id) ?? [];
    list.push({ id: h.id, displayName: h.display_name });
    helpers.set(h.task_id, list);
  }
  return helpers;
}

function toTask(actor: Actor, r: TaskRow, works: boolean, helpers: Map<string, StaffName[]>): Task {
  return {
    id: r.id,
    familyId: r.household_id,
    words: r.words,
    domainId: r.domain_id,
    level: r.level as TaskLevel,
    owner: { id: r.owner_id, displayName: r.owner_name },
    helpers: helpers.get(r.id) ?? [],
    goalId: r.goal_id,
    routedTo: r.routed_to ? { id: r.routed_to, displayName: r.routed_name ?? '' } : null,
    routingState: r.routing_state,
    handBackReason: r.hand_back_reason,
    dueOn: r.due_on,
    state: r.state,
    dropReason: r.drop_reason,
    raisedByPersonId: r.raised_by_person_id,
    raisedByStaffId: r.raised_by_staff_id,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    abilities: abilitiesOf(actor, r, works),
  };
}

/**
 * A task in the person's own lists: its family's pair and owner "work with" it for these
 * abilities. Written out, not spread over toTask's object: a list of ~200 tasks copied every
 * property once more per request (decision 0056).
 */
function toListItem(actor: Actor, r: TaskRow, now: number, helpers: Map<string, StaffName[]>): TaskListItem {
  const task = toTask(
    actor,
    r,
    r.owner_id === actor.userId || r.first_member_id === actor.userId || r.second_member_id === actor.userId,
    helpers,
  ) as TaskListItem;
  task.familyReference = r.family_reference;
  task.ageDays = Math.max(0, Math.floor((now - new Date(r.updated_at).getTime()) / DAY));
  return task;
}

/** One task as the API sends it, with its helpers. */
async function oneTask(
  db: Parameters<typeof taskHelpers>[0],
  actor: Actor,
  taskId: string,
  familyId: string | undefined,
  works: (r: TaskRow) => boolean,
) {
  const row = (await findTask(db, actor.municipalityId, taskId, familyId))!;
  return toTask(actor, row, works(row), await helpersOf(db, actor.municipalityId, [row]));
}

/** A task's goal is one of the family's plan; its helpers are active team staff. */
async function checkGoalAndHelpers(
  db: Parameters<typeof taskHelpers>[0],
  municipalityId: string,
  familyId: string,
  goalId: string | null | undefined,
  helperIds: readonly string[] | undefined,
) {
  if (goalId && !(await isGoalOf(db, municipalityId, familyId, goalId)))
    throw fieldError('goalId', 'errors.taskGoalNotInPlan');
  if (helperIds && helperIds.length > 0) {
    const unique = [...new Set(helperIds)];
    if ((await activeTeamStaffAmong(db, municipalityId, unique)).length !== unique.length)
      throw fieldError('helperIds', 'errors.taskHelperNotStaff');
  }
}

/** The owner of a task is one of the pair, or the actor themselves (a leader or cover writing it). */
function checkOwner(actor: Actor, family: FamilyRelation, ownerId: string) {
  if (ownerId !== actor.userId && !family.pairIds.includes(ownerId))
    throw fieldError('ownerId', 'errors.taskOwnerNotPair');
}

/**
 * Tasks the family defines, routed by level (issue 14 point 4; decisions 0035, 0036). The
 * family-scoped routes go through familyRoutes (relationship + audit); a person's own lists and
 * the specialist's answers are checked per task here and audited in the same transaction.
 */
export const plansRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const tags = ['plans'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const route = familyRoutes(app, db);
  const access = plansPolicy.record;
  // The plan's own routes (dreams, goals, versions), under the same prefix.
  await app.register(planRoutes, { db });

  route({
    method: 'GET',
    url: '/families/:familyId/tasks',
    access,
    action: planActions.read,
    audit: { action: 'read', entity: 'task', entityId: null, fields: ['words', 'state', 'routing'] },
    schema: {
      tags,
      summary: 'The family’s tasks',
      params: FamilyParams,
      response: { 200: TaskList, ...errors },
    },
    handler: async ({ trx, actor, familyId, family }) => {
      const works = worksWith(actor, family);
      const rows = await familyTasks(trx, actor.municipalityId, familyId);
      const helpers = await helpersOf(trx, actor.municipalityId, rows);
      return { items: rows.map((r) => toTask(actor, r, works, helpers)), abilities: { create: works } };
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/tasks',
    access,
    action: planActions.write,
    audit: (_c, t: Task) => ({
      action: 'create',
      entity: 'task',
      entityId: t.id,
      fields: ['words', 'domain', 'level'],
    }),
    schema: {
      tags,
      summary: 'Add a task in the family’s own words',
      params: FamilyParams,
      body: NewTask,
      response: { 201: Task, ...errors },
    },
    handler: async ({ trx, actor, familyId, family }, request) => {
      const m = actor.municipalityId;
      const body = request.body;
      const ownerId = body.ownerId ?? actor.userId;
      checkOwner(actor, family, ownerId);
      if ((await domainsAmong(trx, m, [body.domainId])).length === 0)
        throw fieldError('domainId', 'errors.taskUnknownDomain');
      const person = body.raisedByPersonId ?? null;
      if (person !== null && !(await isMemberOf(trx, m, familyId, person)))
        throw fieldError('raisedByPersonId', 'errors.taskNotFamilyMember');
      await checkGoalAndHelpers(trx, m, familyId, body.goalId, body.helperIds);
      const helperIds = [...new Set(body.helperIds ?? [])];
      const { id } = await insertTask(trx, {
        municipalityId: m,
        familyId,
        words: body.words,
        domainId: body.domainId,
        level: body.level,
        ownerId,
        raisedByPersonId: person,
        raisedByStaffId: person === null ? actor.userId : null,
        dueOn: body.dueOn ?? null,
        goalId: body.goalId ?? null,
      });
      await setTaskHelpers(trx, m, id, helperIds);
      await recordTaskChange(trx, {
        municipalityId: m,
        familyId,
        taskId: id,
        action: 'create',
        changes: [
          { field: 'words', from: null, to: body.words },
          { field: 'level', from: null, to: body.level },
          ...(body.goalId ? [{ field: 'goalId', from: null, to: body.goalId }] : []),
          ...(helperIds.length > 0 ? [{ field: 'helperIds', from: null, to: helperIds }] : []),
        ],
        by: actor.userId,
      });
      return oneTask(trx, actor, id, familyId, () => true);
    },
    send: (task, reply) => reply.code(201).send(task),
  });

  route({
    method: 'PATCH',
    url: '/families/:familyId/tasks/:taskId',
    access,
    action: planActions.moveTask,
    audit: (_c, t: Task) => ({
      action: 'update',
      entity: 'task',
      entityId: t.id,
      fields: ['state', 'dueOn', 'owner'],
    }),
    schema: {
      tags,
      summary: 'Move a task on: its state, due date or owner',
      params: TaskParams,
      body: TaskUpdate,
      response: { 200: Task, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now }, request) => {
      const m = actor.municipalityId;
      const { taskId } = request.params;
      const body = request.body;
      const before = await findTask(trx, m, taskId, familyId);
      if (!before) throw notFound();
      const works = worksWith(actor, family);
      // A specialist who took a task over moves that task's state on, nothing else (decision 0045).
      if (!works && !(takenOverBy(actor, before) && onlyState(body))) {
        throw refused(forbidden(), {
          entity: 'task',
          entityId: taskId,
          householdId: familyId,
          fields: Object.keys(body).filter((f) => f !== 'version'),
          purpose: 'access_check',
        });
      }
      if (before.version !== body.version) throw versionConflict();
      if (body.ownerId !== undefined) checkOwner(actor, family, body.ownerId);
      await checkGoalAndHelpers(trx, m, familyId, body.goalId, body.helperIds);
      const change: TaskChange = {};
      const changes: ChangeList = [];
      const set = <K extends keyof TaskChange>(
        field: string,
        key: K,
        from: TaskChange[K],
        to: TaskChange[K] | undefined,
      ) => {
        if (to === undefined || to === from) return;
        change[key] = to;
        changes.push({ field, from, to });
      };
      set('state', 'state', before.state, body.state);
      set('dueOn', 'due_on', before.due_on, body.dueOn);
      set('ownerId', 'owner_id', before.owner_id, body.ownerId);
      set('goalId', 'goal_id', before.goal_id, body.goalId);
      let helpersChanged = false;
      if (body.helperIds !== undefined) {
        const had = ((await helpersOf(trx, m, [before])).get(taskId) ?? []).map((h) => h.id).sort();
        const next = [...new Set(body.helperIds)].sort();
        if (JSON.stringify(had) !== JSON.stringify(next)) {
          helpersChanged = true;
          await setTaskHelpers(trx, m, taskId, next);
          changes.push({ field: 'helperIds', from: had, to: next });
        }
      }
      if (body.state !== undefined)
        set(
          'dropReason',
          'drop_reason',
          before.drop_reason,
          body.state === 'dropped' ? body.dropReason : null,
        );
      if (changes.length > 0 || helpersChanged) {
        await updateTask(trx, m, taskId, change, now);
        await recordTaskChange(trx, {
          municipalityId: m,
          familyId,
          taskId,
          action: 'update',
          changes,
          by: actor.userId,
        });
      }
      return oneTask(trx, actor, taskId, familyId, () => works);
    },
  });

  /** The rule's proposals for a task, from the municipality's staff, their levels and load. */
  async function proposalsFor(
    trx: Parameters<typeof routingStaff>[0],
    m: string,
    row: TaskRow,
    family: FamilyRelation,
  ) {
    const staff = await routingStaff(trx, m, today());
    const levels = await domainLevels(trx, m, row.domain_id);
    const input: RoutingStaff[] = staff.map((s) => {
      const level = levels.find((l) => l.user_id === s.id)?.level;
      return {
        id: s.id,
        homeDepartmentId: s.department_id,
        competences: level ? { [row.domain_id]: level as TaskLevel } : {},
        openTasks: Number(s.open_tasks ?? 0),
        families: Number(s.families ?? 0),
        active: true,
        absent: Boolean(s.absent),
      };
    });
    const routing = routeTask(
      { domainId: row.domain_id, level: row.level as TaskLevel, pair: family.pairIds },
      input,
    );
    const names = new Map(staff.map((s) => [s.id, s.display_name]));
    return {
      routing,
      staff: routing.proposals.map((p) => ({ id: p.staffId, displayName: names.get(p.staffId) ?? '' })),
    };
  }

  route({
    method: 'GET',
    url: '/families/:familyId/tasks/:taskId/proposals',
    access,
    action: planActions.proposals,
    audit: (_c, _r) => ({ action: 'read', entity: 'task', entityId: null, fields: ['proposals'] }),
    schema: {
      tags,
      summary: 'Whom the level rule proposes for a task, and why',
      params: TaskParams,
      response: { 200: TaskProposals, ...errors },
    },
    handler: async ({ trx, actor, familyId, family }, request) => {
      const row = await findTask(trx, actor.municipalityId, request.params.taskId, familyId);
      if (!row) throw notFound();
      return proposalsFor(trx, actor.municipalityId, row, family);
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/tasks/:taskId/route',
    access,
    action: planActions.routeTask,
    audit: (_c, t: Task) => ({ action: 'update', entity: 'task', entityId: t.id, fields: ['routedTo'] }),
    schema: {
      tags,
      summary: 'Ask one of the proposed specialists to take a task',
      params: TaskParams,
      body: RouteTaskBody,
      response: { 200: Task, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now }, request) => {
      const m = actor.municipalityId;
      const { taskId } = request.params;
      const { staffId, version } = request.body;
      const row = atVersion(await findTask(trx, m, taskId, familyId), version);
      if (row.level < 2 || isClosed(row.state) || row.routing_state === 'accepted')
        throw fieldError('staffId', 'errors.taskNotRoutable');
      // The server computes the proposals itself: a person the rule did not propose is refused.
      const { routing } = await proposalsFor(trx, m, row, family);
      if (!routing.proposals.some((p) => p.staffId === staffId))
        throw fieldError('staffId', 'errors.taskNotProposed');
      await updateTask(
        trx,
        m,
        taskId,
        { routed_to: staffId, routing_state: 'asked', hand_back_reason: null },
        now,
      );
      await recordTaskChange(trx, {
        municipalityId: m,
        familyId,
        taskId,
        action: 'update',
        changes: [
          { field: 'routedTo', from: row.routed_to, to: staffId },
          { field: 'routingState', from: row.routing_state, to: 'asked' },
        ],
        by: actor.userId,
      });
      return oneTask(trx, actor, taskId, familyId, () => true);
    },
  });

  /** A list of the actor's own open tasks (one query), audited as one list read of their families. */
  function myList(url: string, summary: string, tasks: typeof myTasks) {
    app.get(
      url,
      {
        config: { access: plansPolicy.own },
        schema: { tags, summary, response: { 200: MyTaskList, ...errors } },
      },
      async (request) => {
        const actor = actorOf(request);
        const now = Date.now();
        return k.transaction().execute(async (trx) => {
          const rows = await tasks(trx, actor.municipalityId, actor.userId);
          const helpers = await helpersOf(trx, actor.municipalityId, rows);
          await audit(trx, actor, {
            action: 'list',
            entity: 'task',
            householdIds: [...new Set(rows.map((r) => r.household_id))],
            fields: ['words', 'state', 'routing'],
            purpose: 'case_work',
          });
          return { items: rows.map((r) => toListItem(actor, r, now, helpers)) };
        });
      },
    );
  }

  myList('/tasks/mine', 'My tasks: open tasks I own or whose family I am pair of', myTasks);
  myList('/tasks/asked', 'Asked of me: open tasks routed to me, with their age', askedTasks);

  /** The routed specialist's answer: accept, or hand back with a reason. Only they may give it. */
  function answer(url: string, summary: string, body: typeof HandBackBody | undefined, accept: boolean) {
    app.post(
      url,
      {
        config: { access: plansPolicy.own },
        schema: {
          tags,
          summary,
          params: TaskIdParams,
          ...(body ? { body } : {}),
          response: { 200: Task, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const m = actor.municipalityId;
        const { taskId } = request.params as { taskId: string };
        const now = new Date();
        const name = accept ? 'accept' : 'handBack';
        return k.transaction().execute(async (trx) => {
          const task = await lockTask(trx, m, taskId);
          if (!task)
            throw refused(notFound(), {
              entity: 'task',
              entityId: taskId,
              fields: [name],
              purpose: 'not_found',
            });
          const allowedStates = accept ? ['asked'] : ['asked', 'accepted'];
          if (
            task.routed_to !== actor.userId ||
            !allowedStates.includes(task.routing_state) ||
            isClosed(task.state)
          ) {
            throw refused(forbidden(), {
              entity: 'task',
              entityId: taskId,
              householdId: task.household_id,
              fields: [name],
              purpose: 'access_check',
            });
          }
          const reason = accept ? null : (request.body as { reason: string }).reason;
          const to = accept ? 'accepted' : 'handed_back';
          await updateTask(trx, m, taskId, { routing_state: to, hand_back_reason: reason }, now);
          const changes: ChangeList = [{ field: 'routingState', from: task.routing_state, to }];
          if (reason) changes.push({ field: 'handBackReason', from: null, to: reason });
          await recordTaskChange(trx, {
            municipalityId: m,
            familyId: task.household_id,
            taskId,
            action: 'update',
            changes,
            by: actor.userId,
          });
          await audit(trx, actor, {
            action: 'update',
            entity: 'task',
            entityId: taskId,
            householdId: task.household_id,
            fields: ['routingState'],
            purpose: 'case_work',
          });
          return oneTask(trx, actor, taskId, undefined, (row) => pairOf(row).includes(actor.userId));
        });
      },
    );
  }
  answer('/tasks/:taskId/accept', 'Accept a task routed to me', undefined, true);
  answer('/tasks/:taskId/hand-back', 'Hand a task routed to me back, with a reason', HandBackBody, false);
};
