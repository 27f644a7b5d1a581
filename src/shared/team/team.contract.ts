import { z } from 'zod';
import { Role } from '../auth/auth.contract';

/** The five departments the team draws on (seed: "ten full-time employees from five departments"). */
export const DepartmentCode = z.enum([
  'employment',
  'social_family',
  'children_youth',
  'health',
  'culture_leisure',
]);
export type DepartmentCode = z.infer<typeof DepartmentCode>;

export const StaffMember = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: Role,
  departmentCode: DepartmentCode.nullable(),
  familyCount: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const StaffList = z.object({ items: z.array(StaffMember) });

export const Area = z.object({ id: z.uuid(), name: z.string() });
export const AreaList = z.object({ items: z.array(Area) });
