import { Table } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ListResults, type ListResultsProps, toggleSort } from './ListPage';
import { ScrollTable } from './ScrollTable';

/** A column of a list: its heading (a translation key), and the sort key if it sorts. */
export interface ListColumn<K extends string> {
  key: K | null;
  label: string;
}

/** A list's sort and direction in its URL state, and the change to another (useUrlListState). */
export type SortState<K extends string> = readonly [
  { sort: K; dir: 'asc' | 'desc' },
  (changes: { sort: K; dir: 'asc' | 'desc' }) => void,
];

/**
 * The lists' table (families, users): a sideways-scrolling region on a phone, headings that
 * sort (click again to turn the direction), rows from the caller, and busy while refetching.
 */
export function SortableTable<K extends string>({
  label,
  columns,
  state: [sorting, update],
  busy,
  children,
}: {
  label: string;
  columns: ListColumn<K>[];
  state: SortState<K>;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // The table gives the chosen heading's key as a string: it is one of the columns' keys.
  const onSort = (key: string) => {
    const column = columns.find((c) => c.key === key)?.key;
    if (column) update(toggleSort(sorting, column));
  };
  return (
    <ScrollTable label={label}>
      <Table
        size="small"
        zebraStripes
        sort={{ orderBy: sorting.sort, direction: sorting.dir === 'asc' ? 'ascending' : 'descending' }}
        onSortChange={onSort}
        aria-busy={busy}
      >
        <Table.Header>
          <Table.Row>
            {columns.map((c) =>
              c.key ? (
                <Table.ColumnHeader key={c.label} sortKey={c.key} sortable scope="col">
                  {t(c.label)}
                </Table.ColumnHeader>
              ) : (
                <Table.HeaderCell key={c.label} scope="col">
                  {t(c.label)}
                </Table.HeaderCell>
              ),
            )}
          </Table.Row>
        </Table.Header>
        <Table.Body>{children}</Table.Body>
      </Table>
    </ScrollTable>
  );
}

/**
 * A sortable list's results (families, accounts): ListResults around a SortableTable, one row a
 * item, labelled `<texts>.tableLabel`; the state is the list's URL state (page and sort).
 */
export function SortableList<T, K extends string>({
  columns,
  row,
  state,
  ...results
}: Omit<ListResultsProps<T>, 'children' | 'state'> & {
  columns: ListColumn<K>[];
  row: (item: T) => ReactNode;
  state: readonly [
    { page: number; sort: K; dir: 'asc' | 'desc' },
    (changes: { page?: number; sort?: K; dir?: 'asc' | 'desc' }) => void,
  ];
}) {
  const { t } = useTranslation();
  return (
    <ListResults {...results} state={state}>
      {(items) => (
        <SortableTable
          label={t(`${results.texts}.tableLabel`)}
          columns={columns}
          state={state}
          busy={results.query.isFetching ?? false}
        >
          {items.map(row)}
        </SortableTable>
      )}
    </ListResults>
  );
}
