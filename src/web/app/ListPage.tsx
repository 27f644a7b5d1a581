import { BodyShort, Pagination, Skeleton, VStack } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/** What a list page's query gives: a page of items and the total count. */
export interface ListQuery<T> {
  isPending: boolean;
  isFetching?: boolean;
  error: unknown;
  data?: { items: T[]; total: number; pageSize: number } | undefined;
}

/** A click on a sortable heading: that column ascending, or the other way round if it is sorted already. */
export function toggleSort<K extends string>(current: { sort: K; dir: 'asc' | 'desc' }, sort: K) {
  return { sort, dir: current.sort === sort && current.dir === 'asc' ? ('desc' as const) : ('asc' as const) };
}

/** A list's page in its URL state and the change to another page (useUrlListState). */
export type PageState = readonly [{ page: number }, (changes: { page: number }) => void];

export interface ListResultsProps<T> {
  query: ListQuery<T>;
  /**
   * Where the list's texts are (`users`, `families.list`): `<texts>.count` (the live count above
   * the list, read out when it changes), `<texts>.empty` and `<texts>.pagination`.
   */
  texts: string;
  /** A count other than `<texts>.count` of the total. */
  count?: string;
  /**
   * The list's problem: an ErrorAlert by default (not FormProblem, which hides a problem with
   * field errors; a list has no fields to show them at).
   */
  problem?: ReactNode;
  /** Nothing to ask yet (the filters are wrong): no list, no loading. */
  hidden?: boolean;
  skeletonRows?: number;
  /** What an empty list says, and how to get items back; `<texts>.empty` by default. */
  empty?: ReactNode;
  /** The table (SortableTable or ScrollTable) with the page's items: cards on a phone by CSS. */
  children: (items: T[]) => ReactNode;
  state: PageState;
  /** Pages there are; by default as many as the total fills. */
  pageCount?: number;
}

/**
 * The part every list page shares under its filters (decision 0030): the count, the problem, a
 * skeleton while loading, the empty state, the table, and the pagination.
 */
export function ListResults<T>({
  query,
  texts,
  count,
  problem,
  hidden = false,
  skeletonRows = 5,
  empty,
  children,
  state: [{ page }, update],
  pageCount,
}: ListResultsProps<T>) {
  const { t } = useTranslation();
  const data = hidden ? undefined : query.data;
  const pages = pageCount ?? (data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1);
  return (
    <>
      <BodyShort role="status" aria-live="polite">
        {count ?? (data ? t(`${texts}.count`, { count: data.total }) : '')}
      </BodyShort>
      {problem === undefined ? query.error ? <ErrorAlert error={query.error} /> : null : problem}
      {hidden ? null : query.isPending ? (
        <VStack gap="space-8" aria-hidden>
          {Array.from({ length: skeletonRows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
            <Skeleton key={i} variant="rectangle" height="2.5rem" />
          ))}
        </VStack>
      ) : data && data.items.length === 0 ? (
        (empty ?? <BodyShort>{t(`${texts}.empty`)}</BodyShort>)
      ) : data ? (
        children(data.items)
      ) : null}
      {data && pages > 1 && (
        <Pagination
          page={page}
          count={pages}
          onPageChange={(next) => update({ page: next })}
          size="small"
          srHeading={{ tag: 'h2', text: t(`${texts}.pagination`) }}
        />
      )}
    </>
  );
}
