import { BodyShort, Link, Loader, Table, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDateTime } from '../app/format';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { ImportPager } from './ImportPager';
import { importJobsPageSize, useImportJobs } from './outreach.api';

/**
 * The team's recent imports (the job lives on the server): each opens its preview or progress
 * again by its id in the address, so a reload or a closed tab finds it.
 */
export function RecentImports({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const jobs = useImportJobs(page);
  const pages = Math.max(1, Math.ceil((jobs.data?.total ?? 0) / importJobsPageSize));
  return (
    <Section id="recent-imports" title={t('outreachImport.recent.title')}>
      {jobs.isPending && <Loader size="small" title={t('outreachImport.recent.loading')} />}
      {jobs.error && <ErrorAlert error={jobs.error} />}
      {jobs.data?.items.length === 0 && <BodyShort>{t('outreachImport.recent.empty')}</BodyShort>}
      {jobs.data && jobs.data.items.length > 0 && (
        <VStack gap="space-16">
          <ScrollTable label={t('outreachImport.recent.tableLabel')}>
            <Table size="small" zebraStripes>
              <TableHeadings
                labels={[
                  'outreachImport.recent.file',
                  'outreachImport.recent.startedBy',
                  'outreachImport.recent.startedAt',
                  'outreachImport.recent.state',
                  'outreachImport.recent.counts',
                ]}
              />
              <Table.Body>
                {jobs.data.items.map((j) => (
                  <Table.Row key={j.id} selected={j.id === current}>
                    <Table.HeaderCell scope="row">
                      <Link
                        as={RouterLink}
                        to={`/outreach/import?job=${encodeURIComponent(j.id)}`}
                        aria-current={j.id === current ? 'true' : undefined}
                      >
                        {j.fileName}
                      </Link>
                    </Table.HeaderCell>
                    <Table.DataCell>{j.createdBy}</Table.DataCell>
                    <Table.DataCell>{formatDateTime(j.createdAt)}</Table.DataCell>
                    <Table.DataCell>
                      {j.state === 'previewed' && j.errorRowCount > 0
                        ? t('outreachImport.recent.withErrors')
                        : t(`outreachImport.recent.stateName.${j.state}`)}
                    </Table.DataCell>
                    <Table.DataCell>
                      {t('outreachImport.recent.countsText', {
                        rows: j.rowCount,
                        errors: j.errorRowCount,
                        created: j.createCount,
                        updated: j.updateCount,
                      })}
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
          {pages > 1 && <ImportPager page={page} pages={pages} onPage={setPage} />}
        </VStack>
      )}
    </Section>
  );
}
