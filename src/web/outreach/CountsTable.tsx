import { Table } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../app/ScrollTable';

/** A count as shown: the number, or "hidden" when it is suppressed (null). */
export function useCount() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (n: number | null | undefined) =>
    n === null || n === undefined ? t('funnel.hidden') : number.format(n);
}

interface Props<C extends string> {
  /** The table's name, for its region and caption. */
  label: string;
  /** The heading of the first column, whose cells name each row. */
  rowHeading: string;
  /** The count columns: their keys, each with its heading. */
  columns: readonly { key: C; heading: string }[];
  rows: readonly { key: string; heading: string; counts: Record<C, number | null> }[];
}

/**
 * Rows of counts, each named in its first cell, small counts shown as hidden: the funnel's
 * months and the comparison group's areas.
 */
export function CountsTable<C extends string>({ label, rowHeading, columns, rows }: Props<C>) {
  const count = useCount();
  return (
    <ScrollTable label={label}>
      <Table size="small" zebraStripes>
        <caption className="navds-sr-only">{label}</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">{rowHeading}</Table.HeaderCell>
            {columns.map((c) => (
              <Table.HeaderCell key={c.key} scope="col" align="right">
                {c.heading}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.key}>
              <Table.HeaderCell scope="row">{r.heading}</Table.HeaderCell>
              {columns.map((c) => (
                <Table.DataCell key={c.key} align="right">
                  {count(r.counts[c.key])}
                </Table.DataCell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </ScrollTable>
  );
}
