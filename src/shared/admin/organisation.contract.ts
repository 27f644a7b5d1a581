import { z } from 'zod';
import { Id } from '../common/common.contract';
import { nameText } from '../common/text';

/** Areas (a housing area such as Gellerup) and the teams working in them, as the administrator keeps them. */
export const AdminArea = z.object({ id: Id, name: z.string(), teamCount: z.number().int() });
export type AdminArea = z.infer<typeof AdminArea>;
export const AdminAreaList = z.object({ items: z.array(AdminArea) });

export const AdminTeam = z.object({
  id: Id,
  name: z.string(),
  area: z.object({ id: Id, name: z.string() }),
  /** Active accounts on the team. */
  staffCount: z.number().int(),
});
export type AdminTeam = z.infer<typeof AdminTeam>;
export const AdminTeamList = z.object({ items: z.array(AdminTeam) });

export const AreaBody = z.strictObject({ name: nameText(100) });
export type AreaBody = z.input<typeof AreaBody>;
export const AreaParams = z.strictObject({ areaId: Id });

export const CreateTeam = z.strictObject({ name: nameText(100), areaId: Id });
export type CreateTeam = z.input<typeof CreateTeam>;
/** A team is renamed; it stays in its area (its families are registered there). */
export const RenameTeam = z.strictObject({ name: nameText(100) });
export type RenameTeam = z.input<typeof RenameTeam>;
export const TeamParams = z.strictObject({ teamId: Id });

// Departments and competence domains are the team area's contracts (src/shared/team).
export { Department, DepartmentList } from '../team/team.contract';
