import { Button, HStack, Skeleton, Table, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CompetenceDomain, type Department, OrgUnitName } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById, useFocusFirstField } from '../app/focus';
import { errorFor, fieldId } from '../app/forms';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { teamApi, teamKeys, type UnitKind, useUnits } from './team.api';
import { departmentName, domainName } from './unitNames';

/** The administrator's departments and competence domains (decision 0033): listed, added, renamed; never deleted. */
export function OrgUnitsSections() {
  return (
    <>
      <UnitSection kind="departments" />
      <UnitSection kind="domains" />
    </>
  );
}

function UnitSection({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  const units = useUnits(kind);
  const nameOf = (u: Department | CompetenceDomain) =>
    kind === 'departments' ? departmentName(t, u as Department) : domainName(t, u as CompetenceDomain);
  return (
    <Section id={`team-${kind}`} title={t(`team.units.${kind}.title`)}>
      <FormProblem error={units.error} />
      {units.isPending ? (
        <Skeleton variant="rectangle" height="6rem" />
      ) : (
        <ScrollTable label={t(`team.units.${kind}.tableLabel`)}>
          <Table size="small" zebraStripes>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('team.units.name')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">
                  <span className="aksel-sr-only">{t('team.actions')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {units.data?.items.map((u) => (
                <RenameRow key={u.id} kind={kind} id={u.id} name={nameOf(u)} />
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
      <NewUnitForm kind={kind} />
    </Section>
  );
}

function RenameRow({ kind, id, name }: { kind: UnitKind; id: string; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { form, errors, showProblem } = useContractForm(OrgUnitName, { name });
  const formId = `rename-${id}`;
  const openerId = `${formId}-open`;
  const formRef = useFocusFirstField<HTMLFormElement>(editing);
  const close = () => {
    setEditing(false);
    focusById(openerId);
  };
  const rename = useMutation({
    mutationFn: (next: string) => teamApi.renameUnit(kind, id, { name: next }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      announce(t('forms.saved'));
      close();
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => rename.mutate(body.name),
    () => rename.reset(),
  );
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">
        {editing ? (
          <form ref={formRef} onSubmit={submit} noValidate aria-label={t('team.units.renameLabel', { name })}>
            <VStack gap="space-8">
              <FormProblem error={rename.error} />
              <TextField
                id={fieldId(formId, 'name')}
                label={t('team.units.newName', { name })}
                size="small"
                {...form.register('name')}
                error={errorFor(errors, 'name')}
                autoComplete="off"
              />
              <HStack gap="space-8">
                <Button type="submit" size="small" loading={rename.isPending}>
                  {t('team.units.saveName')}
                </Button>
                <Button type="button" size="small" variant="tertiary" onClick={close}>
                  {t('forms.cancel')}
                </Button>
              </HStack>
            </VStack>
          </form>
        ) : (
          name
        )}
      </Table.HeaderCell>
      <Table.DataCell>
        {!editing && (
          <Button
            type="button"
            id={openerId}
            size="small"
            variant="tertiary"
            onClick={() => {
              form.reset({ name });
              setEditing(true);
            }}
          >
            {t('team.units.rename')}
            <span className="aksel-sr-only"> {name}</span>
          </Button>
        )}
      </Table.DataCell>
    </Table.Row>
  );
}

function NewUnitForm({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(OrgUnitName, { name: '' });
  const formId = `new-${kind}`;
  const label = t(`team.units.${kind}.newName`);
  const create = useMutation({
    mutationFn: (body: OrgUnitName) => teamApi.createUnit(kind, body),
    onSuccess: async (_created, body) => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      announce(t(`team.units.${kind}.created`, { name: body.name }));
      form.reset({ name: '' });
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => create.mutate({ name: body.name }),
    () => create.reset(),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t(`team.units.${kind}.new`)}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => label} />
        <FormProblem error={create.error} />
        <TextField
          id={fieldId(formId, 'name')}
          label={label}
          {...form.register('name')}
          error={errorFor(errors, 'name')}
          autoComplete="off"
        />
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t(`team.units.${kind}.create`)}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
