import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { FamilySort, FamilyStatus } from '../../shared/families/families.contract';

export type SortKey = (typeof FamilySort.options)[number];

export interface ListParams {
  sort: SortKey;
  dir: 'asc' | 'desc';
  status: FamilyStatus | undefined;
  areaId: string | undefined;
  mine: boolean;
  page: number;
}

function parse(search: URLSearchParams): ListParams {
  const sort = FamilySort.safeParse(search.get('sort'));
  const status = FamilyStatus.safeParse(search.get('status'));
  const page = Number(search.get('page'));
  return {
    sort: sort.success ? sort.data : 'reference',
    dir: search.get('dir') === 'desc' ? 'desc' : 'asc',
    status: status.success ? status.data : undefined,
    areaId: search.get('areaId') || undefined,
    mine: search.get('mine') === 'true',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/**
 * The family list's sort, filters and page live in the URL, so a view can be bookmarked and the
 * back button works. The search text does not: it may be a person's name (no personal data in URLs).
 */
export function useListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parse(search), [search]);

  const update = useCallback(
    (changes: Partial<ListParams>) => {
      const next = { ...params, page: 1, ...changes };
      const out = new URLSearchParams();
      if (next.sort !== 'reference') out.set('sort', next.sort);
      if (next.dir !== 'asc') out.set('dir', next.dir);
      if (next.status) out.set('status', next.status);
      if (next.areaId) out.set('areaId', next.areaId);
      if (next.mine) out.set('mine', 'true');
      if (next.page > 1) out.set('page', String(next.page));
      setSearch(out, { replace: !('page' in changes), flushSync: true });
    },
    [params, setSearch],
  );

  return [params, update] as const;
}
