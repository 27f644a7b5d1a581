import type { z } from 'zod';
import { FamilyListQuery, type FamilySort } from '../../shared/families/families.contract';
import { readUrlList, urlFlag, urlPage, urlValue, useUrlListState } from '../app/useUrlListState';

export type SortKey = z.infer<typeof FamilySort>;

const field = FamilyListQuery.shape;

/** The family list's URL, read with the shared contract (FamilyListQuery) one field at a time. */
const listFields = {
  sort: urlValue(field.sort.unwrap(), 'reference'),
  dir: urlValue(field.dir.unwrap(), 'asc'),
  status: urlValue(field.status.unwrap()),
  areaId: urlValue(field.areaId.unwrap()),
  mine: urlFlag,
  /** The leader's work list: families without a pair yet. */
  noPair: urlFlag,
  page: urlPage,
};

export type ListParams = ReturnType<typeof parseListParams>;

export function parseListParams(search: URLSearchParams) {
  return readUrlList(listFields, search);
}

/** The family list's sort, filters and page in the URL (useUrlListState); the search text is not. */
export function useListParams() {
  return useUrlListState(listFields);
}

/**
 * What the list (and its export) asks the server for: the URL's filters and sort with the search
 * text, without the page. A switch that is off is left out rather than sent as false.
 */
export function familyFilters({ page: _page, mine, noPair, ...sortAndFilters }: ListParams, q: string) {
  return { q: q || undefined, ...sortAndFilters, mine: mine || undefined, noPair: noPair || undefined };
}
