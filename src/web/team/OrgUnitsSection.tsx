import { TextField } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type CompetenceDomain, type Department, OrgUnitName } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { CreateForm } from '../app/CreateForm';
import { fieldProps } from '../app/fieldProps';
import { RenamableRow, RenamableTable } from '../app/RenamableRow';
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
      <RenamableTable
        query={units}
        label={t(`team.units.${kind}.tableLabel`)}
        headings={['team.units.name']}
        actions="team.actions"
        row={(u) => <UnitRow key={u.id} kind={kind} id={u.id} name={nameOf(u)} />}
      />
      <NewUnitForm kind={kind} />
    </Section>
  );
}

function UnitRow({ kind, id, name }: { kind: UnitKind; id: string; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <RenamableRow
      id={id}
      name={name}
      schema={OrgUnitName}
      save={(next) => teamApi.renameUnit(kind, id, { name: next })}
      saved={async () => {
        await queryClient.invalidateQueries({ queryKey: teamKeys.all });
        announce(t('forms.saved'));
      }}
      text={{
        form: t('team.units.renameLabel', { name }),
        field: t('team.units.newName', { name }),
        submit: t('team.units.saveName'),
        open: (
          <>
            {t('team.units.rename')}
            <span className="aksel-sr-only"> {name}</span>
          </>
        ),
      }}
      autoComplete="off"
    />
  );
}

function NewUnitForm({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(OrgUnitName, { name: '' });
  const formId = `new-${kind}`;
  const labels = { name: t(`team.units.${kind}.newName`) };
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
    <CreateForm
      formId={formId}
      label={t(`team.units.${kind}.new`)}
      labels={labels}
      errors={errors}
      saving={create}
      submit={submit}
      submitLabel={t(`team.units.${kind}.create`)}
    >
      <TextField label={labels.name} {...fieldProps(form, formId, errors)('name')} autoComplete="off" />
    </CreateForm>
  );
}
