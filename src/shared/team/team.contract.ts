import { z } from 'zod';
import { Role } from '../auth/auth.contract';
import { Id } from '../common/common.contract';
import { nameText } from '../common/text';

/**
 * The five default departments the team draws on (seed: "ten full-time employees from five
 * departments"). Departments are data since migration 0018: a default keeps its code (shown in
 * the reader's language) until the administrator renames it; an added one has only a name.
 */
export const DepartmentCode = z.enum([
  'employment',
  'social_family',
  'children_youth',
  'health',
  'culture_leisure',
]);
export type DepartmentCode = z.infer<typeof DepartmentCode>;

/** The nine default competence domains (issue 14), data like the departments. */
export const DomainCode = z.enum([
  'employment',
  'benefits_economy',
  'debt',
  'children_family',
  'school_education',
  'health_mental_health',
  'housing',
  'language_education',
  'leisure_network',
]);
export type DomainCode = z.infer<typeof DomainCode>;

/** A department: `name` when the administrator named it, else the default's `code`. */
export const Department = z.object({ id: Id, code: DepartmentCode.nullable(), name: z.string().nullable() });
export type Department = z.infer<typeof Department>;
export const DepartmentList = z.object({ items: z.array(Department) });

export const CompetenceDomain = z.object({
  id: Id,
  code: DomainCode.nullable(),
  name: z.string().nullable(),
});
export type CompetenceDomain = z.infer<typeof CompetenceDomain>;
export const CompetenceDomainList = z.object({ items: z.array(CompetenceDomain) });

/** Adding or renaming a department or a domain. */
export const OrgUnitName = z.strictObject({ name: nameText(100) });
export type OrgUnitName = z.input<typeof OrgUnitName>;
export const DepartmentParams = z.strictObject({ departmentId: Id });
export const DomainParams = z.strictObject({ domainId: Id });

export const StaffMember = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: Role,
  department: Department.nullable(),
  familyCount: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const StaffList = z.object({ items: z.array(StaffMember) });

/** A level in a domain: 1 knows the basics, 2 advises colleagues, 3 takes a case over (the routing levels). */
export const Level = z.int({ message: 'errors.level' }).min(1, { message: 'errors.level' }).max(3, {
  message: 'errors.level',
});
export type Level = z.infer<typeof Level>;

export const Competence = z.object({ domainId: Id, level: Level });
export type Competence = z.infer<typeof Competence>;

/** One person on the team page: home department, levels, and load (families as pair; open tasks when tasks exist). */
export const TeamPageMember = z.object({
  id: Id,
  displayName: z.string(),
  role: Role,
  departmentId: Id.nullable(),
  competences: z.array(Competence),
  familyCount: z.number().int(),
});
export type TeamPageMember = z.infer<typeof TeamPageMember>;

export const TeamPage = z.object({
  departments: z.array(Department),
  domains: z.array(CompetenceDomain),
  members: z.array(TeamPageMember),
  abilities: z.object({ editCompetences: z.boolean() }),
});
export type TeamPage = z.infer<typeof TeamPage>;

export const MemberParams = z.strictObject({ userId: Id });

/**
 * What the leader sets for a team member: the home department and the levels. A domain left out
 * has no level; each domain at most once.
 */
export const SetCompetences = z.strictObject({
  departmentId: Id.nullable(),
  competences: z
    .array(z.strictObject({ domainId: Id, level: Level }))
    .max(100)
    .refine((list) => new Set(list.map((c) => c.domainId)).size === list.length, {
      message: 'errors.domainTwice',
    }),
});
export type SetCompetences = z.input<typeof SetCompetences>;

export const Area = z.object({ id: z.uuid(), name: z.string() });
export const AreaList = z.object({ items: z.array(Area) });
