/*
 * Who is eligible for the programme (issue 15 §2). The rule is configuration per area
 * (`EligibilityRule`, kept in area_eligibility_rule); the judgement is a pure function of the
 * household and the rule, so the server (at import, and when a rule changes) and the web app
 * (explaining a cell of the building picture) give the same answer, with its reasons.
 */

export interface EligibilityRule {
  /** At least this many children living at home (default 1). */
  minChildrenAtHome: number;
  /** At least one parent unemployed at least this many months (default 12). */
  minUnemployedMonths: number;
  /** The area's postal codes; empty: any postal code counts as in the area. */
  postalCodes: string[];
  /** The area's streets; empty: any street counts as in the area. */
  streets: string[];
}

export const DEFAULT_ELIGIBILITY_RULE: EligibilityRule = {
  minChildrenAtHome: 1,
  minUnemployedMonths: 12,
  postalCodes: [],
  streets: [],
};

export interface EligibilityMember {
  role: 'parent' | 'other_adult' | 'child';
  /** Months of unemployment (adults, from the register); null when not given. */
  unemployedMonths: number | null;
  /** Whether a child lives at home; null counts as at home (the register lists the household). */
  livesAtHome: boolean | null;
}

export interface EligibilityInput {
  street: string;
  postalCode: string | null;
  members: EligibilityMember[];
}

export type EligibilityCriterion = 'livesInArea' | 'childAtHome' | 'parentUnemployed';

/** One criterion judged: met or not, what the household has and what the rule asks. */
export interface EligibilityReason {
  criterion: EligibilityCriterion;
  met: boolean;
  /** Children at home; the longest unemployment of a parent in months; null for the area. */
  value: number | null;
  required: number | null;
}

export interface Eligibility {
  eligible: boolean;
  reasons: EligibilityReason[];
}

/** Street names compared as people type them: case, spaces and "vej"/"Vej" alike. */
export const foldStreet = (street: string) => street.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ');

/** The area part of the rule: the street and the postal code among the area's (if it lists any). */
export function livesInArea(
  household: Pick<EligibilityInput, 'street' | 'postalCode'>,
  rule: Pick<EligibilityRule, 'streets' | 'postalCodes'>,
): boolean {
  const inStreets =
    rule.streets.length === 0 || rule.streets.some((s) => foldStreet(s) === foldStreet(household.street));
  const inPostal =
    rule.postalCodes.length === 0 ||
    (household.postalCode !== null && rule.postalCodes.includes(household.postalCode.trim()));
  return inStreets && inPostal;
}

export function judgeEligibility(household: EligibilityInput, rule: EligibilityRule): Eligibility {
  const children = household.members.filter((m) => m.role === 'child' && m.livesAtHome !== false).length;
  const parentMonths = household.members
    .filter((m) => m.role === 'parent' && m.unemployedMonths !== null)
    .map((m) => m.unemployedMonths as number);
  const longest = parentMonths.length > 0 ? Math.max(...parentMonths) : null;
  const reasons: EligibilityReason[] = [
    { criterion: 'livesInArea', met: livesInArea(household, rule), value: null, required: null },
    {
      criterion: 'childAtHome',
      met: children >= rule.minChildrenAtHome,
      value: children,
      required: rule.minChildrenAtHome,
    },
    {
      criterion: 'parentUnemployed',
      met: longest !== null && longest >= rule.minUnemployedMonths,
      value: longest,
      required: rule.minUnemployedMonths,
    },
  ];
  return { eligible: reasons.every((r) => r.met), reasons };
}
