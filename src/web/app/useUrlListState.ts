import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

/** One piece of a list's state in the URL: how it is read from the search text, and its default. */
export interface UrlField<T> {
  read: (raw: string | null) => T;
  initial: T;
}

type Values<F> = { [K in keyof F]: F[K] extends UrlField<infer T> ? T : never };

/**
 * A value the contract accepts, else the default: an edited or stale link (`?teamId=not-a-uuid`)
 * shows the list without that filter instead of a 400.
 */
export function urlValue<T>(schema: z.ZodType<T>): UrlField<T | undefined>;
export function urlValue<T>(schema: z.ZodType<T>, initial: T): UrlField<T>;
export function urlValue<T>(schema: z.ZodType<T>, initial?: T): UrlField<T | undefined> {
  return {
    read: (raw) => {
      const parsed = schema.safeParse(raw ?? undefined);
      return parsed.success && parsed.data !== undefined ? parsed.data : initial;
    },
    initial,
  };
}

/** A switch: on only when the URL says `true`. */
export const urlFlag: UrlField<boolean> = { read: (raw) => raw === 'true', initial: false };

/** The page: a whole number from 1, else the first page. */
export const urlPage: UrlField<number> = {
  read: (raw) => {
    const page = Number(raw);
    return Number.isInteger(page) && page > 0 ? page : 1;
  },
  initial: 1,
};

export function readUrlList<F extends Record<string, UrlField<unknown>>>(
  fields: F,
  search: URLSearchParams,
): Values<F> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, field.read(search.get(key))]),
  ) as Values<F>;
}

/** Only what differs from the defaults, so a plain list has a plain URL. */
export function writeUrlList<F extends Record<string, UrlField<unknown>>>(
  fields: F,
  values: Values<F>,
): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, field] of Object.entries(fields)) {
    const value = values[key as keyof F];
    if (value !== undefined && value !== field.initial) out.set(key, String(value));
  }
  return out;
}

/**
 * A list page's sort, filters and page live in the URL, so a view can be bookmarked and the back
 * button works; search text does not (it may be a person's name: no personal data in URLs).
 * Any change but the page's starts again at the first page; only a page change is a new history entry.
 */
export function useUrlListState<F extends Record<string, UrlField<unknown>> & { page: UrlField<number> }>(
  fields: F,
) {
  const [search, setSearch] = useSearchParams();
  const values = useMemo(() => readUrlList(fields, search), [fields, search]);
  const update = useCallback(
    (changes: Partial<Values<F>>) => {
      const next = { ...values, page: 1, ...changes } as Values<F>;
      setSearch(writeUrlList(fields, next), { replace: !('page' in changes), flushSync: true });
    },
    [fields, values, setSearch],
  );
  return [values, update] as const;
}
