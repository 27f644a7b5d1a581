import type { Q } from '../../db/queryable';
import type { ComparisonCounts } from '../../shared/outreach/enrollment.contract';
import { comparisonCounts } from './enrollment.queries';

/** Analysts see no count below this (DESIGN.md §6: no published cell below 5 persons). */
export const MINIMUM_CELL = 5;

/**
 * The comparison group per area as analysts may see it (decision 0049), for the funnel page's
 * section and the funnel's file alike (decision 0060): a count of households is of families, of
 * adults and children of persons, each shown only from the minimum up, and no total is given
 * from which a hidden cell could be derived.
 */
export async function comparisonGroup(db: Q, municipalityId: string): Promise<ComparisonCounts> {
  const rows = await comparisonCounts(db, municipalityId);
  const cell = (v: string | number) => (Number(v) >= MINIMUM_CELL ? Number(v) : null);
  return {
    minimumCell: MINIMUM_CELL,
    areas: rows.map((r) => ({
      areaId: r.id,
      areaName: r.name,
      households: cell(r.households),
      adults: cell(r.adults),
      children: cell(r.children),
    })),
  };
}
