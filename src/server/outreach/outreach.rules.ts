import type { Q } from '../../db/queryable';
import { DEFAULT_ELIGIBILITY_RULE, type EligibilityRule } from '../../shared/outreach/eligibility';
import { findRule } from './outreach.queries';

/** The area's eligibility rule: its own row, or the default (decision 0041). */
export async function ruleOfArea(
  db: Q,
  municipalityId: string,
  areaId: string,
): Promise<EligibilityRule & { version: number; isDefault: boolean }> {
  const row = await findRule(db, municipalityId, areaId);
  if (!row) return { ...DEFAULT_ELIGIBILITY_RULE, version: 1, isDefault: true };
  return {
    minChildrenAtHome: row.min_children_at_home,
    minUnemployedMonths: row.min_unemployed_months,
    postalCodes: row.postal_codes,
    streets: row.streets,
    version: row.version,
    isDefault: false,
  };
}
