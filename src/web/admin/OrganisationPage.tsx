import {
  BodyLong,
  BodyShort,
  Button,
  HStack,
  Modal,
  Select,
  Skeleton,
  Table,
  TextField,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { AreaBody, CreateTeam } from '../../shared/admin/organisation.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById, useFocusFirstField } from '../app/focus';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { OrgUnitsSections } from '../team/OrgUnitsSection';
import { adminApi, useAdminAreas, useAdminTeams } from './users.api';

/** The municipality's areas and the teams working in each: created, renamed and (when empty) deleted here. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const areas = useAdminAreas();
  const teams = useAdminTeams();
  return (
    <VStack gap="space-32">
      <PageHeading title={t('organisation.title')} />
      <BodyLong>{t('organisation.intro')}</BodyLong>

      <Section id="areas" title={t('organisation.areas')}>
        <FormProblem error={areas.error} />
        {areas.isPending ? (
          <Skeleton variant="rectangle" height="6rem" />
        ) : (
          <ScrollTable label={t('organisation.areasTable')}>
            <Table size="small" zebraStripes>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('organisation.name')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('organisation.teamCount')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    <span className="aksel-sr-only">{t('organisation.actions')}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {areas.data?.items.map((area) => (
                  <RenameRow
                    key={area.id}
                    kind="area"
                    id={area.id}
                    name={area.name}
                    cells={[String(area.teamCount)]}
                  />
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
        )}
        <NewAreaForm />
      </Section>

      <Section id="teams" title={t('organisation.teams')}>
        <FormProblem error={teams.error} />
        {teams.isPending ? (
          <Skeleton variant="rectangle" height="6rem" />
        ) : teams.data?.items.length === 0 ? (
          <BodyShort>{t('organisation.noTeams')}</BodyShort>
        ) : (
          <ScrollTable label={t('organisation.teamsTable')}>
            <Table size="small" zebraStripes>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('organisation.name')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('organisation.area')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('organisation.staffCount')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    <span className="aksel-sr-only">{t('organisation.actions')}</span>
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {teams.data?.items.map((team) => (
                  <RenameRow
                    key={team.id}
                    kind="team"
                    id={team.id}
                    name={team.name}
                    cells={[team.area.name, String(team.staffCount)]}
                  />
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
        )}
        <NewTeamForm />
      </Section>

      <OrgUnitsSections />
    </VStack>
  );
}

/** A row whose name can be changed in place. */
function RenameRow({
  kind,
  id,
  name,
  cells,
}: {
  kind: 'area' | 'team';
  id: string;
  name: string;
  cells: string[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const { form, errors, showProblem } = useContractForm(AreaBody, { name });
  const formId = `rename-${id}`;
  const renameButtonId = `${formId}-open`;
  const formRef = useFocusFirstField<HTMLFormElement>(editing);
  // Saved or cancelled, focus goes back to the "Rename" button that opened the form.
  const close = () => {
    setEditing(false);
    focusById(renameButtonId);
  };
  const rename = useMutation({
    mutationFn: async (next: string) => {
      if (kind === 'area') await adminApi.renameArea(id, { name: next });
      else await adminApi.renameTeam(id, { name: next });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
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
          <form
            ref={formRef}
            onSubmit={submit}
            noValidate
            aria-label={t('organisation.renameLabel', { name })}
          >
            <VStack gap="space-8">
              <FormProblem error={rename.error} />
              <TextField
                id={fieldId(formId, 'name')}
                label={t('organisation.newName', { name })}
                size="small"
                {...form.register('name')}
                error={errorFor(errors, 'name')}
              />
              <HStack gap="space-8">
                <Button type="submit" size="small" loading={rename.isPending}>
                  {t('organisation.saveName')}
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
      {cells.map((cell, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the cells are fixed columns
        <Table.DataCell key={i}>{cell}</Table.DataCell>
      ))}
      <Table.DataCell>
        {!editing && (
          <HStack gap="space-8" wrap={false}>
            <Button
              type="button"
              id={renameButtonId}
              size="small"
              variant="tertiary"
              onClick={() => {
                form.reset({ name });
                setEditing(true);
              }}
            >
              {t('organisation.rename', { name })}
            </Button>
            <Button
              type="button"
              size="small"
              variant="tertiary"
              data-color="danger"
              onClick={() => setDeleting(true)}
            >
              {t('organisation.delete', { name })}
            </Button>
          </HStack>
        )}
        {deleting && <DeleteModal kind={kind} id={id} name={name} onClose={() => setDeleting(false)} />}
      </Table.DataCell>
    </Table.Row>
  );
}

/**
 * Deleting an area or a team, confirmed first. The server refuses one that still has teams,
 * accounts or families, and says what to do first; the refusal is shown here.
 */
function DeleteModal({
  kind,
  id,
  name,
  onClose,
}: {
  kind: 'area' | 'team';
  id: string;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => (kind === 'area' ? adminApi.deleteArea(id) : adminApi.deleteTeam(id)),
    onSuccess: async () => {
      // The row and its buttons are about to go: focus moves to the table's section first. The
      // dialog must be gone before (while it is open the rest of the page is inert), and the
      // focus must not wait for the list to be fetched again, or it lands on the page's body.
      flushSync(onClose);
      document.getElementById(`${kind === 'area' ? 'areas' : 'teams'}-heading`)?.focus();
      announce(t(kind === 'area' ? 'organisation.areaDeleted' : 'organisation.teamDeleted', { name }));
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      await queryClient.invalidateQueries({ queryKey: ['areas'] });
    },
  });
  return (
    <Modal
      open
      onClose={onClose}
      header={{
        heading: t(kind === 'area' ? 'organisation.deleteAreaHeading' : 'organisation.deleteTeamHeading', {
          name,
        }),
      }}
      width="medium"
    >
      <Modal.Body>
        <VStack gap="space-16">
          <BodyLong>
            {t(kind === 'area' ? 'organisation.deleteAreaBody' : 'organisation.deleteTeamBody')}
          </BodyLong>
          <FormProblem error={remove.error} />
        </VStack>
      </Modal.Body>
      <Modal.Footer>
        <Button type="button" variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
          {t('organisation.confirmDelete')}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('forms.cancel')}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}

function NewAreaForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(AreaBody, { name: '' });
  const formId = 'new-area';
  const create = useMutation({
    mutationFn: adminApi.createArea,
    onSuccess: async (area) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      await queryClient.invalidateQueries({ queryKey: ['areas'] });
      announce(t('organisation.areaCreated', { name: area.name }));
      form.reset();
    },
    onError: showProblem,
  });
  // The name as typed: the server normalises it by the same contract.
  const submit = form.handleSubmit(
    () => create.mutate(form.getValues()),
    () => create.reset(),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('organisation.newArea')}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('organisation.newAreaName')} />
        <FormProblem error={create.error} />
        <TextField
          id={fieldId(formId, 'name')}
          label={t('organisation.newAreaName')}
          {...form.register('name')}
          error={errorFor(errors, 'name')}
          autoComplete="off"
        />
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t('organisation.createArea')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}

function NewTeamForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const areas = useAdminAreas();
  const { form, errors, showProblem } = useContractForm(CreateTeam, { name: '', areaId: '' });
  const formId = 'new-team';
  const labels: Record<string, string> = {
    name: t('organisation.newTeamName'),
    areaId: t('organisation.area'),
  };
  const create = useMutation({
    mutationFn: adminApi.createTeam,
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      announce(t('organisation.teamCreated', { name: team.name }));
      // The area stays chosen for the next team.
      form.setValue('name', '');
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    () => create.mutate(form.getValues()),
    () => create.reset(),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('organisation.newTeam')}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={create.error} />
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          {...form.register('name')}
          error={errorFor(errors, 'name')}
          autoComplete="off"
        />
        <Select
          id={fieldId(formId, 'areaId')}
          label={labels.areaId}
          {...form.register('areaId')}
          error={errorFor(errors, 'areaId')}
        >
          <option value="">{t('forms.choose')}</option>
          {areas.data?.items.map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </Select>
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t('organisation.createTeam')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
