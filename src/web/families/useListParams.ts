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
