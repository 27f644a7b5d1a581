import { BodyShort, Link, Table, Tag } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate } from '../app/format';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useFollowUpsDue } from './measures.api';

/**
 * "Follow-ups due" on My work (issue 15 §5): the families the user is pair of whose baseline,
 * follow-up (every six months) or exit measurement is due within two weeks or overdue, each
 * linking to the family's measurements. Placed on the My-work page.
 */
export function FollowUpsDue({ headingId = 'follow-ups-due' }: { headingId?: string }) {
  const { t } = useTranslation();
  const due = useFollowUpsDue();
  const items = due.data?.items ?? [];
  return (
    <Section id={headingId} title={t('followUpsDue.title')}>
      <FormProblem error={due.error} />
      {due.data && items.length === 0 && <BodyShort>{t('followUpsDue.none')}</BodyShort>}
      {items.length > 0 && (
        <ScrollTable label={t('followUpsDue.title')}>
          <Table size="small">
            <TableHeadings
              labels={[
                'followUpsDue.family',
                'followUpsDue.measurement',
                'followUpsDue.dueOn',
                'followUpsDue.state',
              ]}
            />
            <Table.Body>
              {items.map((item) => (
                <Table.Row key={item.familyId}>
                  <Table.DataCell>
                    <Link
                      as={RouterLink}
                      to={`/families/${encodeURIComponent(item.familyId)}#measures-heading`}
                    >
                      {item.familyReference}
                    </Link>
                  </Table.DataCell>
                  <Table.DataCell>{t(`measures.occasionOption.${item.occasion}`)}</Table.DataCell>
                  <Table.DataCell>{formatDate(item.dueOn)}</Table.DataCell>
                  <Table.DataCell>
                    <Tag size="small" variant={item.overdue ? 'warning' : 'info'}>
                      {item.overdue ? t('followUpsDue.overdue') : t('followUpsDue.soon')}
                    </Tag>
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}
