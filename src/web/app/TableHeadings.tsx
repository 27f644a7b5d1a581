import { Table } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';

/**
 * A table's column headings from translation keys (they also label each cell when the rows stack
 * on a phone, ScrollTable). An actions column is named for screen readers only.
 */
export function TableHeadings({ labels, actions }: { labels: string[]; actions?: string | false }) {
  const { t } = useTranslation();
  return (
    <Table.Header>
      <Table.Row>
        {labels.map((label) => (
          <Table.HeaderCell key={label} scope="col">
            {t(label)}
          </Table.HeaderCell>
        ))}
        {actions && (
          <Table.HeaderCell scope="col">
            <span className="aksel-sr-only">{t(actions)}</span>
          </Table.HeaderCell>
        )}
      </Table.Row>
    </Table.Header>
  );
}
