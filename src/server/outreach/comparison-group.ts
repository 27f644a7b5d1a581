import type { Q } from '../../db/queryable';
import type { ComparisonCounts } from '../../shared/outreach/enrollment.contract';
import {
  complementOf,
  DEFAULT_SUPPRESSION_THRESHOLD as MINIMUM_CELL,
} from '../../shared/outreach/funnel.suppress';
import { comparisonCounts } from './enrollment.queries';

/**
 * The comparison group per area as analysts may see it (decision 0049), for the funnel page's
 * section and the funnel's file alike (decision 0060): a count of households is of families, of
 * adults and children of persons, each shown only from the minimum up, and no total is given
 * from which a hidden cell could be derived.
 *
 * The funnel beside it gives one such total: the municipality's comparison households. So the
 * households' column is suppressed complementarily too (DESIGN.md §6, as the funnel's own
 * figures, decision 0050): one area's 2 hidden beside a shown 6 and a total of 8 gave the 2
 * away, and the 6 is hidden as well (decision 0062). Areas without any are left out of it: a
 * hidden 0 tells of no one, and counted it would hide every count of a municipality whose group
 * lives in one area.
 */
export async function comparisonGroup(db: Q, municipalityId: string): Promise<ComparisonCounts> {
  const rows = await comparisonCounts(db, municipalityId);
  const cell = (v: string | number) => (Number(v) >= MINIMUM_CELL ? Number(v) : null);
  const households = rows.map((r) => cell(r.households));
  const some = rows.flatMap((r, i) => (Number(r.households) > 0 ? [i] : []));
  const complement = complementOf(
    some.map((i) => Number(rows[i]!.households)),
    some.map((i) => households[i]!),
    MINIMUM_CELL,
  );
  for (const j of complement) households[some[j]!] = null;
  return {
    minimumCell: MINIMUM_CELL,
    areas: rows.map((r, i) => ({
      areaId: r.id,
      areaName: r.name,
      households: households[i]!,
      adults: cell(r.adults),
      children: cell(r.children),
    })),
  };
}
