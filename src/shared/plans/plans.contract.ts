import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { freeText } from '../common/text';
import { StaffRef } from '../families/families.contract';
import { RoutingResult, TaskLevel } from './routing.contract';

/*
 * Tasks the family defines, routed by level (issue 14 point 4; decisions 0035, 0036). The family's
 * own words, a competence domain and a level; the pair owns the task (one of them), and a level 2
 * or 3 task may be routed to a specialist the rule proposed, who accepts it or hands it back.
 */

export const TaskState = z.enum([
  'open',
  'in_progress',
  'waiting_family',
  'waiting_authority',
  'done',
  'dropped',
]);
export type TaskState = z.infer<typeof TaskState>;
export const RoutingState = z.enum(['none', 'asked', 'accepted', 'handed_back']);
export type RoutingState = z.infer<typeof RoutingState>;

/** A task is closed once done or dropped: routing ends with it (the specialist's access too). */
export const isClosed = (state: TaskState) => state === 'done' || state === 'dropped';

export const TASK_WORDS_MAX = 2000;
export const REASON_MAX = 1000;

export const NewTask = z.strictObject({
  /** The family's own words, as they said them. */
  words: freeText(TASK_WORDS_MAX),
  domainId: Id,
  level: TaskLevel,
  /** One of the pair; the actor when left out. */
  ownerId: Id.optional(),
  /** The family member who raised it; left out when staff raised it on the family's behalf. */
  raisedByPersonId: Id.nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
});
export type NewTask = z.input<typeof NewTask>;

export const TaskUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    state: TaskState.optional(),
    dueOn: IsoDate.nullable().optional(),
    ownerId: Id.optional(),
    /** Why the task was dropped; required with state `dropped`. */
    dropReason: freeText(REASON_MAX).optional(),
  })
  .refine((u) => u.state !== 'dropped' || (u.dropReason ?? '').length > 0, {
    path: ['dropReason'],
    message: 'errors.required',
  });
export type TaskUpdate = z.input<typeof TaskUpdate>;

export const RouteTaskBody = z.strictObject({ staffId: Id, version: z.number().int().min(1) });
export type RouteTaskBody = z.input<typeof RouteTaskBody>;
export const HandBackBody = z.strictObject({ reason: freeText(REASON_MAX) });
export type HandBackBody = z.input<typeof HandBackBody>;

export const TaskParams = z.strictObject({ familyId: Id, taskId: Id });
export const TaskIdParams = z.strictObject({ taskId: Id });

export const TaskAbilities = z.object({
  update: z.boolean(),
  route: z.boolean(),
  accept: z.boolean(),
  handBack: z.boolean(),
});
export type TaskAbilities = z.infer<typeof TaskAbilities>;

export const Task = z.object({
  id: Id,
  familyId: Id,
  words: z.string(),
  domainId: Id,
  level: TaskLevel,
  owner: StaffRef,
  routedTo: StaffRef.nullable(),
  routingState: RoutingState,
  handBackReason: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: TaskState,
  dropReason: z.string().nullable(),
  raisedByPersonId: Id.nullable(),
  raisedByStaffId: Id.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: TaskAbilities,
});
export type Task = z.infer<typeof Task>;

export const TaskList = z.object({
  items: z.array(Task),
  /** Whether the actor may add a task to the family (the pair, cover, leader). */
  abilities: z.object({ create: z.boolean() }),
});
export type TaskList = z.infer<typeof TaskList>;

/** A task in a person's own lists ("My tasks", "Asked of me"): with its family's reference, and its age in days. */
export const TaskListItem = Task.extend({ familyReference: z.string(), ageDays: z.number().int() });
export type TaskListItem = z.infer<typeof TaskListItem>;
export const MyTaskList = z.object({ items: z.array(TaskListItem) });
export type MyTaskList = z.infer<typeof MyTaskList>;

/** The rule's proposals for one task, with the proposed people's names. */
export const TaskProposals = z.object({
  routing: RoutingResult,
  staff: z.array(StaffRef),
});
export type TaskProposals = z.infer<typeof TaskProposals>;
