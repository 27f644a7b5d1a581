import {
  type CompetenceDomain,
  type Department,
  DepartmentCode,
  DomainCode,
} from '../../shared/team/team.contract';

/**
 * A department row as the contract has it. A code this version does not know (written by a newer
 * one) is dropped rather than failing the response; such a row has a name unless it is a default.
 */
export const toDepartment = (id: string, code: string | null, name: string | null): Department => ({
  id,
  code: DepartmentCode.safeParse(code).data ?? null,
  name,
});

export const toDomain = (id: string, code: string | null, name: string | null): CompetenceDomain => ({
  id,
  code: DomainCode.safeParse(code).data ?? null,
  name,
});
