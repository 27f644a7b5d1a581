import { BodyLong, Button, Modal, Select, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { AreaBody, CreateTeam } from '../../shared/admin/organisation.contract';
import { announce } from '../app/Announcer';
import { CreateForm, useCreateForm } from '../app/CreateForm';
import { FormProblem } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { RenamableRow, RenamableTable } from '../app/RenamableRow';
import { Section } from '../app/Section';
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
        <RenamableTable
          query={areas}
          label={t('organisation.areasTable')}
          headings={['organisation.name', 'organisation.teamCount']}
          actions="organisation.actions"
          row={(area) => (
            <AreaOrTeamRow
              key={area.id}
              kind="area"
              id={area.id}
              name={area.name}
              cells={[String(area.teamCount)]}
            />
          )}
        />
        <NewAreaForm />
      </Section>

      <Section id="teams" title={t('organisation.teams')}>
        <RenamableTable
          query={teams}
          label={t('organisation.teamsTable')}
          headings={['organisation.name', 'organisation.area', 'organisation.staffCount']}
          actions="organisation.actions"
          empty={t('organisation.noTeams')}
          row={(team) => (
            <AreaOrTeamRow
              key={team.id}
              kind="team"
              id={team.id}
              name={team.name}
              cells={[team.area.name, String(team.staffCount)]}
            />
          )}
        />
        <NewTeamForm />
      </Section>

      <OrgUnitsSections />
    </VStack>
  );
}

/** An area's or a team's row: renamed in place, or deleted (DeleteModal). */
function AreaOrTeamRow({
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
  const [deleting, setDeleting] = useState(false);
  return (
    <RenamableRow
      id={id}
      name={name}
      schema={AreaBody}
      save={async (next) => {
        if (kind === 'area') await adminApi.renameArea(id, { name: next });
        else await adminApi.renameTeam(id, { name: next });
      }}
      saved={async () => {
        await queryClient.invalidateQueries({ queryKey: ['admin'] });
        announce(t('forms.saved'));
      }}
      text={{
        form: t('organisation.renameLabel', { name }),
        field: t('organisation.newName', { name }),
        submit: t('organisation.saveName'),
        open: t('organisation.rename', { name }),
      }}
      cells={cells}
      actions={
        <Button
          type="button"
          size="small"
          variant="tertiary"
          data-color="danger"
          onClick={() => setDeleting(true)}
        >
          {t('organisation.delete', { name })}
        </Button>
      }
    >
      {deleting && <DeleteModal kind={kind} id={id} name={name} onClose={() => setDeleting(false)} />}
    </RenamableRow>
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
  const { field, frame } = useCreateForm(
    'new-area',
    AreaBody,
    { name: '' },
    adminApi.createArea,
    async (area, form) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      await queryClient.invalidateQueries({ queryKey: ['areas'] });
      announce(t('organisation.areaCreated', { name: area.name }));
      form.reset();
    },
  );
  const labels = { name: t('organisation.newAreaName') };
  return (
    <CreateForm
      {...frame}
      label={t('organisation.newArea')}
      labels={labels}
      submitLabel={t('organisation.createArea')}
    >
      <TextField label={labels.name} {...field('name')} autoComplete="off" />
    </CreateForm>
  );
}

function NewTeamForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const areas = useAdminAreas();
  const { field, frame } = useCreateForm(
    'new-team',
    CreateTeam,
    { name: '', areaId: '' },
    adminApi.createTeam,
    async (team, form) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      announce(t('organisation.teamCreated', { name: team.name }));
      // The area stays chosen for the next team.
      form.setValue('name', '');
    },
  );
  const labels: Record<string, string> = {
    name: t('organisation.newTeamName'),
    areaId: t('organisation.area'),
  };
  return (
    <CreateForm
      {...frame}
      label={t('organisation.newTeam')}
      labels={labels}
      submitLabel={t('organisation.createTeam')}
    >
      <TextField label={labels.name} {...field('name')} autoComplete="off" />
      <Select label={labels.areaId} {...field('areaId')}>
        <option value="">{t('forms.choose')}</option>
        {areas.data?.items.map((area) => (
          <option key={area.id} value={area.id}>
            {area.name}
          </option>
        ))}
      </Select>
    </CreateForm>
  );
}
