import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { FamilyListQuery, type FamilySort, type FamilyStatus } from '../../shared/families/families.contract';

export type SortKey = z.infer<typeof FamilySort>;

export interface ListParams {
  sort: SortKey;
  dir: 'asc' | 'desc';
  status: FamilyStatus | undefined;
  areaId: string | undefined;
  mine: boolean;
  /** The leader's work list: families without a pair yet. */
  noPair: boolean;
  page: number;
}

const field = FamilyListQuery.shape;

/** The value if the list's contract accepts it, else the field's default: a bad value is dropped, not sent. */
function valid<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value ?? undefined);
  return parsed.success && parsed.data !== undefined ? parsed.data : fallback;
}

/**
 * Reads the URL with the shared contract (FamilyListQuery), one field at a time: an edited or
 * stale link (`?areaId=not-a-uuid`) shows the list without that filter instead of a 400.
 */
export function parseListParams(search: URLSearchParams): ListParams {
  const page = search.get('page');
  return {
    sort: valid(field.sort, search.get('sort'), 'reference'),
    dir: valid(field.dir, search.get('dir'), 'asc'),
    status: valid(field.status, search.get('status'), undefined),
    areaId: valid(field.areaId, search.get('areaId'), undefined),
    mine: search.get('mine') === 'true',
    noPair: search.get('noPair') === 'true',
    page: valid(field.page, page === null ? undefined : Number(page), 1),
  };
}

/**
 * The family list's sort, filters and page live in the URL, so a view can be bookmarked and the
 * back button works. The search text does not: it may be a person's name (no personal data in URLs).
 */
export function useListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseListParams(search), [search]);

  const update = useCallback(
    (changes: Partial<ListParams>) => {
      const next = { ...params, page: 1, ...changes };
      const out = new URLSearchParams();
      if (next.sort !== 'reference') out.set('sort', next.sort);
      if (next.dir !== 'asc') out.set('dir', next.dir);
      if (next.status) out.set('status', next.status);
      if (next.areaId) out.set('areaId', next.areaId);
      if (next.mine) out.set('mine', 'true');
      if (next.noPair) out.set('noPair', 'true');
      if (next.page > 1) out.set('page', String(next.page));
      setSearch(out, { replace: !('page' in changes), flushSync: true });
    },
    [params, setSearch],
  );

  return [params, update] as const;
}
