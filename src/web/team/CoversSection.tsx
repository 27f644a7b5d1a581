import { zodResolver } from '@hookform/resolvers/zod';
import {
  BodyLong,
  BodyShort,
  Button,
  Heading,
  HStack,
  Modal,
  Select,
  Skeleton,
  Table,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { Controller, type FieldErrors, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type Cover, NewCover } from '../../shared/team/cover.contract';
import type { TeamPageMember } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDate } from '../app/format';
import { type FieldError, fieldId, problemToErrors } from '../app/forms';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useFieldErrors } from '../app/useFieldErrors';
import { teamApi, teamKeys, useCovers } from './team.api';

/** Covers for absent pair members (decision 0034): the leader's part of the team page. */
export function CoversSection({ members }: { members: TeamPageMember[] }) {
  const { t } = useTranslation();
  const covers = useCovers(true);
  const [cancelling, setCancelling] = useState<Cover | null>(null);
  const shown = covers.data?.items.filter((c) => c.state === 'in_force' || c.state === 'planned') ?? [];
  return (
    <Section id="covers" title={t('team.covers.title')}>
      <BodyLong>{t('team.covers.intro')}</BodyLong>
      <FormProblem error={covers.error} />
      {covers.isPending ? (
        <Skeleton variant="rectangle" height="4rem" />
      ) : shown.length === 0 ? (
        <BodyShort>{t('team.covers.none')}</BodyShort>
      ) : (
        <ScrollTable label={t('team.covers.title')}>
          <Table size="small" zebraStripes>
            <caption className="aksel-sr-only">{t('team.covers.title')}</caption>
            <TableHeadings
              labels={[
                'team.covers.absent',
                'team.covers.backup',
                'team.covers.startsOn',
                'team.covers.endsOn',
                'team.covers.state',
              ]}
              actions="team.actions"
            />
            <Table.Body>
              {shown.map((c) => (
                <Table.Row key={c.id}>
                  <Table.HeaderCell scope="row">{c.absent.displayName}</Table.HeaderCell>
                  <Table.DataCell>{c.backup.displayName}</Table.DataCell>
                  <Table.DataCell className="sc-nowrap">{formatDate(c.startsOn)}</Table.DataCell>
                  <Table.DataCell className="sc-nowrap">{formatDate(c.endsOn)}</Table.DataCell>
                  <Table.DataCell>{t(`team.covers.states.${c.state}`)}</Table.DataCell>
                  <Table.DataCell>
                    <Button
                      type="button"
                      size="small"
                      variant="tertiary"
                      data-color="danger"
                      onClick={() => setCancelling(c)}
                    >
                      {t('team.covers.cancel')}
                      <span className="aksel-sr-only">
                        {' '}
                        {t('team.covers.cancelFor', {
                          absent: c.absent.displayName,
                          backup: c.backup.displayName,
                        })}
                      </span>
                    </Button>
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
      {cancelling && <CancelModal cover={cancelling} onClose={() => setCancelling(null)} />}
      <NewCoverForm members={members} />
    </Section>
  );
}

function CancelModal({ cover, onClose }: { cover: Cover; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = { absent: cover.absent.displayName, backup: cover.backup.displayName };
  const cancel = useMutation({
    mutationFn: () => teamApi.cancelCover(cover.id),
    onSuccess: async () => {
      // The row and its button go: focus moves to the section's heading (the dialog closed first,
      // since while it is open the rest of the page is inert).
      flushSync(onClose);
      document.getElementById('covers-heading')?.focus();
      announce(t('team.covers.cancelled', names));
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
  return (
    <Modal open onClose={onClose} header={{ heading: t('team.covers.cancelHeading', names) }} width="medium">
      <Modal.Body>
        <VStack gap="space-16">
          <BodyLong>{t('team.covers.cancelBody', names)}</BodyLong>
          <FormProblem error={cancel.error} />
        </VStack>
      </Modal.Body>
      <Modal.Footer>
        <Button type="button" variant="danger" loading={cancel.isPending} onClick={() => cancel.mutate()}>
          {t('team.covers.confirmCancel')}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('team.covers.keep')}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}

const empty: NewCover = { absentId: '', backupId: '', startsOn: '', endsOn: '' };

function NewCoverForm({ members }: { members: TeamPageMember[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useFieldErrors();
  const formId = 'new-cover';
  const labels: Record<string, string> = {
    absentId: t('team.covers.absent'),
    backupId: t('team.covers.backup'),
    startsOn: t('team.covers.startsOn'),
    endsOn: t('team.covers.endsOn'),
  };
  const { control, handleSubmit, reset, getValues } = useForm<NewCover>({
    resolver: zodResolver(NewCover),
    defaultValues: empty,
  });
  const create = useMutation({
    mutationFn: teamApi.createCover,
    onSuccess: async (cover) => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      announce(
        t('team.covers.created', { absent: cover.absent.displayName, backup: cover.backup.displayName }),
      );
      reset(empty);
    },
    onError: (error) => setErrors(problemToErrors(error)),
  });
  const onInvalid = (invalid: FieldErrors<NewCover>) => {
    const values = getValues();
    const list: FieldError[] = [];
    for (const field of ['absentId', 'backupId', 'startsOn', 'endsOn'] as const) {
      const message = invalid[field]?.message;
      if (!message) continue;
      // An empty field is missing, whatever the schema's word for a malformed value.
      const key = values[field] === '' ? 'errors.required' : message;
      list.push({ field, key, message: t(key) });
    }
    setErrors(list);
  };
  const errorAt = (field: string) => errors.find((e) => e.field === field)?.message;
  const memberOptions = members.map((m) => (
    <option key={m.id} value={m.id}>
      {m.displayName}
    </option>
  ));
  return (
    <form
      id={formId}
      noValidate
      aria-labelledby="new-cover-heading"
      onSubmit={handleSubmit((body) => {
        setErrors([]);
        create.mutate(body);
      }, onInvalid)}
    >
      <VStack gap="space-16" className="sc-form-narrow">
        <Heading id="new-cover-heading" level="3" size="small">
          {t('team.covers.new')}
        </Heading>
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={create.error} />
        <Controller
          control={control}
          name="absentId"
          render={({ field }) => (
            <Select
              id={fieldId(formId, 'absentId')}
              label={labels.absentId}
              error={errorAt('absentId')}
              {...field}
            >
              <option value="">{t('forms.choose')}</option>
              {memberOptions}
            </Select>
          )}
        />
        <Controller
          control={control}
          name="backupId"
          render={({ field }) => (
            <Select
              id={fieldId(formId, 'backupId')}
              label={labels.backupId}
              error={errorAt('backupId')}
              {...field}
            >
              <option value="">{t('forms.choose')}</option>
              {memberOptions}
            </Select>
          )}
        />
        <HStack gap="space-16" wrap>
          <Controller
            control={control}
            name="startsOn"
            render={({ field }) => (
              <DateField
                id={fieldId(formId, 'startsOn')}
                label={labels.startsOn}
                error={errorAt('startsOn')}
                value={field.value}
                onChange={field.onChange}
              />
            )}
          />
          <Controller
            control={control}
            name="endsOn"
            render={({ field }) => (
              <DateField
                id={fieldId(formId, 'endsOn')}
                label={labels.endsOn}
                error={errorAt('endsOn')}
                value={field.value}
                onChange={field.onChange}
              />
            )}
          />
        </HStack>
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t('team.covers.submit')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
