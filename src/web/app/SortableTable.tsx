import { Table } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from './ScrollTable';

/** A column of a list: its heading (a translation key), and the sort key if it sorts. */
export interface ListColumn<K extends string> {
  key: K | null;
  label: string;
}

/**
 * The lists' table (families, users): a sideways-scrolling region on a phone, headings that
 * sort (click again to turn the direction), rows from the caller, and busy while refetching.
 */
export function SortableTable<K extends string>({
  label,
  columns,
  sort,
  dir,
  onSort,
  busy,
  children,
}: {
  label: string;
  columns: ListColumn<K>[];
  sort: K;
  dir: 'asc' | 'desc';
  /** The key whose heading was chosen: the caller turns it into sort and direction. */
  onSort: (key: string) => void;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ScrollTable label={label}>
      <Table
        size="small"
        zebraStripes
        sort={{ orderBy: sort, direction: dir === 'asc' ? 'ascending' : 'descending' }}
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
