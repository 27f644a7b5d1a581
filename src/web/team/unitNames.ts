import type { TFunction } from 'i18next';
import type { CompetenceDomain, Department } from '../../shared/team/team.contract';

/** A department as shown: the name the administrator gave it, else its default's name in the reader's language. */
export const departmentName = (t: TFunction, d: Department) =>
  d.name ?? (d.code ? t(`enums.department.${d.code}`) : '');

export const domainName = (t: TFunction, d: CompetenceDomain) =>
  d.name ?? (d.code ? t(`enums.domain.${d.code}`) : '');
