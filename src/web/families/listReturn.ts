/**
 * The family page's "back to the families" link returns to the list as it was: the list's link
 * to a family carries the list's query (sort, filters, page) in the history entry's state, which
 * lasts through a reload. The search text is not in it: it stays in sessionStorage (useListSearch).
 */
interface ListReturnState {
  familyListSearch: string;
}

export function listState(search: string): ListReturnState {
  return { familyListSearch: search };
}

/** Where "back to the families" goes: the list with the query it had, or the plain list. */
export function listPathFrom(state: unknown): string {
  if (state && typeof state === 'object' && 'familyListSearch' in state) {
    const search = (state as ListReturnState).familyListSearch;
    if (typeof search === 'string' && (search === '' || search.startsWith('?'))) return `/families${search}`;
  }
  return '/families';
}
