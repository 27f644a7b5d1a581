import { z } from 'zod';
import { Id } from '../common/common.contract';

/*
 * The routing rule's input and output (routing.ts, decision 0035). Plain data, so the later
 * plans API can take a task and the team's staff from the database, run the rule and send the
 * result to the web app, which translates each reason (plans/i18n.*.ts).
 */

/** A task's level (DESIGN.md §2): 1 anyone on the team, 2 the pair advised by a specialist, 3 the specialist takes over. */
export const TaskLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type TaskLevel = z.infer<typeof TaskLevel>;

/** A competence level (1–3) in a domain; a domain a person has no level in is absent from their map. */
export const CompetenceLevel = TaskLevel;
export type CompetenceLevel = TaskLevel;

/**
 * Domains and departments are data kept by the team area; the rule only compares their ids, so
 * it takes any non-empty id and leaves their form to that area.
 */
const RefId = z.string().min(1).max(100);

export const RoutingTask = z.object({
  domainId: RefId,
  level: TaskLevel,
  /** The family's pair: two people, fewer while a pair is being assigned. */
  pair: z
    .array(Id)
    .max(2)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'errors.pairDistinct' }),
  /** The department whose authority the task's domain falls under, when the team records one. */
  authorityDepartmentId: RefId.nullable().default(null),
});
export type RoutingTask = z.input<typeof RoutingTask>;

export const RoutingStaff = z.object({
  id: Id,
  homeDepartmentId: RefId.nullable(),
  competences: z.record(RefId, CompetenceLevel),
  openTasks: z.number().int().min(0),
  families: z.number().int().min(0),
  /** False for a closed account or someone who has left the team. */
  active: z.boolean(),
  /** True while on leave, ill, or otherwise away (cover, issue 14 point 2). */
  absent: z.boolean(),
});
export type RoutingStaff = z.infer<typeof RoutingStaff>;

export const DEFAULT_PROPOSALS = 3;
export const MAX_PROPOSALS = 10;

export const RoutingOptions = z.object({
  proposals: z.number().int().min(1).max(MAX_PROPOSALS).default(DEFAULT_PROPOSALS),
});
export type RoutingOptions = z.input<typeof RoutingOptions>;

export const RoutingInput = z.object({
  task: RoutingTask,
  staff: z
    .array(RoutingStaff)
    .refine((s) => new Set(s.map((m) => m.id)).size === s.length, { message: 'errors.invalidValue' }),
  options: RoutingOptions.default({ proposals: DEFAULT_PROPOSALS }),
});

/** Why a person was proposed; each code is a key under `routing.reason` (plans/i18n.*.ts). */
export const RoutingReason = z.discriminatedUnion('code', [
  /** One of the family's pair: the family keeps its single entrance (principle 3). */
  z.object({ code: z.literal('pairMember') }),
  z.object({ code: z.literal('competence'), domainId: RefId, level: CompetenceLevel }),
  /** From the department whose authority the task's domain falls under. */
  z.object({ code: z.literal('homeDepartment'), departmentId: RefId }),
  z.object({ code: z.literal('load'), openTasks: z.number().int(), families: z.number().int() }),
]);
export type RoutingReason = z.infer<typeof RoutingReason>;

export const RoutingProposal = z.object({
  staffId: Id,
  /** Level 2: advises the pair; level 3: takes the task over. */
  role: z.enum(['adviser', 'specialist']),
  reasons: z.array(RoutingReason),
});
export type RoutingProposal = z.infer<typeof RoutingProposal>;

/** What the rule found; each code is a key under `routing.finding`. */
export const RoutingFinding = z.discriminatedUnion('code', [
  /** Level 1: the pair handles it, anyone on the team may; no specialist. */
  z.object({ code: z.literal('anyoneOnTeam') }),
  /** One of the pair has the level: they bring the specialist knowledge themselves. */
  z.object({ code: z.literal('pairHasSpecialist'), domainId: RefId, level: TaskLevel }),
  z.object({ code: z.literal('proposed'), domainId: RefId, level: TaskLevel }),
  /** Some have the level, but every one of them is absent or inactive: wait, or escalate. */
  z.object({ code: z.literal('noneAvailable'), domainId: RefId, level: TaskLevel, unavailable: z.array(Id) }),
  /** Nobody on the team has the level in the domain: the leader escalates. */
  z.object({ code: z.literal('noneQualified'), domainId: RefId, level: TaskLevel }),
]);
export type RoutingFinding = z.infer<typeof RoutingFinding>;

/** Something the pair or the leader should know besides the proposals; keys under `routing.note`. */
export const RoutingNote = z.discriminatedUnion('code', [
  /** A pair member is absent or inactive (or not on the team's list): cover may be needed. */
  z.object({ code: z.literal('pairMemberUnavailable'), staffId: Id }),
]);
export type RoutingNote = z.infer<typeof RoutingNote>;

export const RoutingResult = z.object({
  level: TaskLevel,
  /** Who carries the task: keys under `routing.handling`. */
  handling: z.enum(['pair', 'pairWithAdvice', 'specialist']),
  /** The pair is responsible for every task of its family, whoever solves it. */
  responsible: z.array(Id),
  /** Best first; never more than options.proposals; empty at level 1. */
  proposals: z.array(RoutingProposal),
  finding: RoutingFinding,
  notes: z.array(RoutingNote),
});
export type RoutingResult = z.infer<typeof RoutingResult>;
