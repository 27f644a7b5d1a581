import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { freeText, optionalFreeText } from '../common/text';
import { Language, StaffRef } from '../families/families.contract';
import { AppointmentKind } from '../journal/appointments.contract';
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
  /** The plan's goal the task serves (decision 0039). */
  goalId: Id.nullable().optional(),
  /** Colleagues who help the owner: active team staff. */
  helperIds: z.array(Id).max(10).optional(),
});
export type NewTask = z.input<typeof NewTask>;

export const TaskUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    state: TaskState.optional(),
    dueOn: IsoDate.nullable().optional(),
    ownerId: Id.optional(),
    goalId: Id.nullable().optional(),
    helperIds: z.array(Id).max(10).optional(),
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
  /** Change everything the pair keeps: state, due date, owner, goal, helpers. */
  update: z.boolean(),
  /** Move the state on (a specialist who took the task over, decision 0045, or whoever may update). */
  moveOn: z.boolean(),
  /** Link a journal note to it. */
  linkNote: z.boolean(),
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
  /** Colleagues who help the owner. */
  helpers: z.array(StaffRef),
  /** The plan's goal the task serves, if any. */
  goalId: Id.nullable(),
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

/*
 * The family's plan in its own words (issue 14 point 3; decision 0039): dreams per member as said,
 * in the language said, with an optional Danish rendering; goals per domain with the family's
 * priority, the date agreed and who agreed. Every change makes a numbered version; each write
 * names the version it was made on, and a plan changed meanwhile is a 409.
 */

export const DREAM_WORDS_MAX = 2000;
export const GOAL_WORDS_MAX = 1000;
/** The family's own order of its goals: 1 first. */
export const GoalPriority = z.number({ message: 'errors.required' }).int().min(1).max(9);
/** The plan's version the change was made on (0: the empty plan). */
export const PlanVersionNumber = z.number().int().min(0);

const danish = optionalFreeText(DREAM_WORDS_MAX);

export const NewDream = z.strictObject({
  version: PlanVersionNumber,
  /** The family member whose dream it is. */
  personId: Id,
  /** As said, in the language said. */
  words: freeText(DREAM_WORDS_MAX),
  /** The language it was said in (ISO 639-1): any of the person's languages. */
  language: Language,
  /** A Danish rendering, when the words are in another language. */
  danish,
});
export type NewDream = z.input<typeof NewDream>;

export const DreamUpdate = z.strictObject({
  version: PlanVersionNumber,
  words: freeText(DREAM_WORDS_MAX).optional(),
  language: Language.optional(),
  danish,
});
export type DreamUpdate = z.input<typeof DreamUpdate>;

export const NewGoal = z.strictObject({
  version: PlanVersionNumber,
  domainId: Id,
  words: freeText(GOAL_WORDS_MAX),
  priority: GoalPriority,
  agreedOn: IsoDate.nullable().optional(),
  /** The family members who agreed the goal. */
  agreedByPersonIds: z.array(Id).max(20).optional(),
});
export type NewGoal = z.input<typeof NewGoal>;

export const GoalUpdate = z.strictObject({
  version: PlanVersionNumber,
  domainId: Id.optional(),
  words: freeText(GOAL_WORDS_MAX).optional(),
  priority: GoalPriority.optional(),
  agreedOn: IsoDate.nullable().optional(),
  agreedByPersonIds: z.array(Id).max(20).optional(),
});
export type GoalUpdate = z.input<typeof GoalUpdate>;

/** A removal names the version it was made on, in the query (a number, nothing personal). */
export const PlanRemoveQuery = z.strictObject({ version: z.coerce.number().int().min(0) });
export const DreamParams = z.strictObject({ familyId: Id, dreamId: Id });
export const GoalParams = z.strictObject({ familyId: Id, goalId: Id });
export const PlanVersionParams = z.strictObject({ familyId: Id, version: z.coerce.number().int().min(1) });

export const Dream = z.object({
  id: Id,
  personId: Id,
  words: z.string(),
  language: z.string(),
  danish: z.string().nullable(),
});
export type Dream = z.infer<typeof Dream>;

export const Goal = z.object({
  id: Id,
  domainId: Id,
  words: z.string(),
  priority: z.number().int(),
  agreedOn: z.string().nullable(),
  agreedByPersonIds: z.array(Id),
});
export type Goal = z.infer<typeof Goal>;

/** What one version changed: one dream or goal added, edited (the fields, from → to) or removed. */
export const PlanChange = z.object({
  kind: z.enum(['dream', 'goal']),
  action: z.enum(['add', 'edit', 'remove']),
  id: Id,
  /** The words of the dream or goal (after the change; before it, for a removal). */
  words: z.string(),
  fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type PlanChange = z.infer<typeof PlanChange>;

/** The plan's content: what a version holds. */
export const PlanContent = z.object({ dreams: z.array(Dream), goals: z.array(Goal) });
export type PlanContent = z.infer<typeof PlanContent>;

export const PlanVersionSummary = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: StaffRef,
  changes: z.array(PlanChange),
});
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

export const PlanVersion = PlanVersionSummary.extend(PlanContent.shape);
export type PlanVersion = z.infer<typeof PlanVersion>;
export const PlanVersionList = z.object({ items: z.array(PlanVersionSummary) });
export type PlanVersionList = z.infer<typeof PlanVersionList>;

/** A family member as the plan names them, with their languages (a dream is in one of them). */
export const PlanPerson = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  languages: z.array(z.string()),
});
export type PlanPerson = z.infer<typeof PlanPerson>;

/** One of the pair as printed on the plan: name and work phone. */
export const PlanStaff = StaffRef.extend({ workPhone: z.string().nullable() });
export type PlanStaff = z.infer<typeof PlanStaff>;

/**
 * One of the family's next appointments as the printed plan shows it (decision 0045): when (the
 * instants, and the Danish date and times), what kind (translated in the print's language), place,
 * and with whom — the staff by name, another authority as written.
 */
/** How many of the next appointments the plan shows. */
export const PLAN_APPOINTMENTS = 10;

export const PlanAppointment = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  kind: AppointmentKind,
  title: z.string().nullable(),
  place: z.string().nullable(),
  otherAuthority: z.string().nullable(),
  participants: z.array(z.string()),
});
export type PlanAppointment = z.infer<typeof PlanAppointment>;

export const Plan = PlanContent.extend({
  /** The current version (0: nothing written yet). */
  version: z.number().int(),
  familyReference: z.string(),
  people: z.array(PlanPerson),
  pair: z.array(PlanStaff),
  /** The next appointments (not cancelled, not yet over), soonest first, at most PLAN_APPOINTMENTS. */
  appointments: z.array(PlanAppointment),
  abilities: z.object({ edit: z.boolean() }),
});
export type Plan = z.infer<typeof Plan>;
