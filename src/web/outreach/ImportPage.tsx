import { Alert, BodyShort, Button, Checkbox, Table, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ImportJob } from '../../shared/outreach/outreach.contract';
import { announce } from '../app/Announcer';
import { ErrorAlert } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { ImportPager } from './ImportPager';
import {
  outreachApi,
  outreachKeys,
  uploadRegisterFile,
  useImportJob,
  useImportRows,
  useMyArea,
} from './outreach.api';
import { RecentImports } from './RecentImports';
import './outreach.css';

/**
 * The register import (issue 15 §2): choose a file, watch it go up and be read, see every row's
 * errors and what saving will do, then save all or nothing. The server does the work, so a
 * closed tab loses nothing; this page polls the job.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const area = useMyArea();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const [sent, setSent] = useState<{ done: number; total: number } | null>(null);
  // The job's id in the address (not personal data): a reload or the recent list opens it again.
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const job = useImportJob(jobId);
  // Each mutation remembers the job that was open when it ran (`from`, `variables`): its error is
  // that job's and is shown only while that job is; switching jobs clears it, so coming back to
  // the job does not bring back an error about what it was then.
  const upload = useMutation({
    mutationFn: ({ file }: { file: File; from: string | null }) =>
      uploadRegisterFile(area.data!.areaId!, file, (done, total) => setSent({ done, total })),
    onSuccess: (created) => {
      setSent(null);
      queryClient.setQueryData(outreachKeys.job(created.id), created);
      setParams({ job: created.id });
      void queryClient.invalidateQueries({ queryKey: outreachKeys.jobsAll });
      announce(t('outreachImport.summary'));
    },
    onError: () => setSent(null),
  });
  const commit = useMutation({
    mutationFn: (id: string) => outreachApi.commit(id),
    onSuccess: (started) => {
      queryClient.setQueryData(outreachKeys.job(started.id), started);
      void queryClient.invalidateQueries({ queryKey: outreachKeys.jobsAll });
    },
    // Refused because the job moved on (saved from another tab, say): show what it is now.
    onError: (_error, id) => {
      void queryClient.invalidateQueries({ queryKey: outreachKeys.job(id) });
      void queryClient.invalidateQueries({ queryKey: outreachKeys.jobsAll });
    },
  });
  const { reset: resetUpload } = upload;
  const { reset: resetCommit } = commit;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the open job is what ends the errors
  useEffect(() => {
    resetUpload();
    resetCommit();
  }, [jobId, resetUpload, resetCommit]);
  const uploadError = upload.variables?.from === jobId ? upload.error : null;
  const commitError = commit.variables === jobId ? commit.error : null;
  const current = job.data;
  const settled = current?.state === 'committed';
  // Saved households change the buildings, their pictures and the funnel: read them anew.
  useEffect(() => {
    if (settled) void queryClient.invalidateQueries({ queryKey: outreachKeys.all });
  }, [settled, queryClient]);
  return (
    <VStack gap="space-32">
      <PageHeading title={t('outreachImport.title')} />
      <BodyShort>{t('outreachImport.intro')}</BodyShort>
      <form
        className="sc-no-print"
        onSubmit={(e) => {
          e.preventDefault();
          const file = fileRef.current?.files?.[0];
          if (file && area.data?.areaId) upload.mutate({ file, from: jobId });
        }}
      >
        <VStack gap="space-8">
          <label htmlFor={fileId} className="navds-label">
            {t('outreachImport.file')}
          </label>
          <input id={fileId} ref={fileRef} type="file" accept=".csv,.txt,.xlsx,text/csv" />
          <div>
            <Button type="submit" loading={upload.isPending} disabled={!area.data?.areaId}>
              {t('outreachImport.upload')}
            </Button>
          </div>
        </VStack>
      </form>
      {sent && <Progress label={t('outreachImport.uploading')} done={sent.done} total={sent.total} />}
      {uploadError && <ErrorAlert error={uploadError} />}
      {current && (
        <JobView
          job={current}
          onCommit={() => commit.mutate(current.id)}
          committing={commit.isPending && commit.variables === current.id}
        />
      )}
      {job.error && <ErrorAlert error={job.error} />}
      {commitError && <ErrorAlert error={commitError} />}
      <RecentImports current={jobId} />
    </VStack>
  );
}

function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <VStack gap="space-4">
      <label htmlFor={id}>{label}</label>
      <progress id={id} className="sc-progress" max={Math.max(total, 1)} value={done} />
      <BodyShort size="small">{t('outreachImport.progress', { done, total })}</BodyShort>
    </VStack>
  );
}

function JobView({
  job,
  onCommit,
  committing,
}: {
  job: ImportJob;
  onCommit: () => void;
  committing: boolean;
}) {
  const { t } = useTranslation();
  if (job.state === 'failed')
    return (
      <Alert variant="error" role="alert">
        {t('outreachImport.failed')}: {t(`outreachImport.failure.${job.failure ?? 'unreadable'}`)}
        {job.missingColumns.length > 0 &&
          ` — ${t('outreachImport.missingColumns', {
            columns: job.missingColumns.map((c) => t(`outreachImport.column.${c}`)).join(', '),
          })}`}
      </Alert>
    );
  if (job.state === 'receiving')
    return (
      <Progress
        label={t('outreachImport.uploading')}
        done={job.bytesRead}
        total={job.bytesTotal ?? job.bytesRead}
      />
    );
  return (
    <Section id="import-preview" title={t('outreachImport.summary')}>
      <ul>
        <li>{t('outreachImport.format', { format: job.format })}</li>
        <li>{t('outreachImport.rows', { count: job.rowCount })}</li>
        <li>{t('outreachImport.errorRows', { count: job.errorRowCount })}</li>
        <li>{t('outreachImport.householdsCreate', { count: job.createCount })}</li>
        <li>{t('outreachImport.householdsUpdate', { count: job.updateCount })}</li>
        <li>{t('outreachImport.unsure', { count: job.unsureCount })}</li>
        {job.extraColumns.length > 0 && (
          <li>{t('outreachImport.extraColumns', { columns: job.extraColumns.join(', ') })}</li>
        )}
      </ul>
      {job.state === 'previewed' &&
        (job.errorRowCount > 0 ? (
          <Alert variant="warning">{t('outreachImport.fixAndRetry')}</Alert>
        ) : (
          <div>
            <Button type="button" onClick={onCommit} loading={committing}>
              {t('outreachImport.commit')}
            </Button>
          </div>
        ))}
      {job.state === 'committing' && (
        <Progress
          label={t('outreachImport.committing')}
          done={job.committedCount}
          total={job.householdCount}
        />
      )}
      {job.state === 'committed' && (
        <Alert variant="success" role="status">
          {t('outreachImport.committed', { count: job.committedCount })}
        </Alert>
      )}
      <PreviewRows jobId={job.id} />
    </Section>
  );
}

function PreviewRows({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [problems, setProblems] = useState(false);
  const rows = useImportRows(jobId, page, problems ? 'problems' : 'all');
  const pages = Math.max(1, Math.ceil((rows.data?.total ?? 0) / 50));
  return (
    <VStack gap="space-16">
      <Checkbox
        checked={problems}
        onChange={(e) => {
          setProblems(e.target.checked);
          setPage(1);
        }}
      >
        {t('outreachImport.onlyProblems')}
      </Checkbox>
      {rows.error && <ErrorAlert error={rows.error} />}
      <ScrollTable label={t('outreachImport.summary')}>
        <Table size="small" zebraStripes>
          <TableHeadings
            labels={[
              'outreachImport.line',
              'outreachImport.name',
              'outreachImport.cpr',
              'outreachImport.birthDate',
              'outreachImport.address',
              'outreachImport.plan',
              'outreachImport.errors',
            ]}
          />
          <Table.Body>
            {rows.data?.items.map((r) => (
              <Table.Row key={r.line}>
                <Table.HeaderCell scope="row">{r.line}</Table.HeaderCell>
                <Table.DataCell>{r.name}</Table.DataCell>
                <Table.DataCell>{r.cpr ?? ''}</Table.DataCell>
                <Table.DataCell>{r.birthDate ?? ''}</Table.DataCell>
                <Table.DataCell>{r.address}</Table.DataCell>
                <Table.DataCell>{t(`outreachImport.planName.${r.plan}`)}</Table.DataCell>
                <Table.DataCell>
                  {r.errors
                    .map((e) =>
                      e.column
                        ? `${t(`outreachImport.column.${e.column}`)} ${t(`outreachImport.error.${e.code}`)}`
                        : t(`outreachImport.error.${e.code}`),
                    )
                    .join('; ')}
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ScrollTable>
      <ImportPager page={page} pages={pages} onPage={setPage} />
    </VStack>
  );
}
