import { BodyShort, Button, Link, Skeleton, Table, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import { NewBuilding } from '../../shared/outreach/outreach.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useContractForm } from '../app/useContractForm';
import { outreachApi, outreachKeys, useBuildings, useMyArea } from './outreach.api';
import { STATUS_LOOK, STATUS_ORDER } from './status';
import './outreach.css';

/** The outreach worker's start: the area's buildings, each with its households by status. */
export function OutreachPage() {
  const { t } = useTranslation();
  const area = useMyArea();
  const areaId = area.data?.areaId ?? null;
  const buildings = useBuildings(areaId);
  return (
    <VStack gap="space-32">
      <PageHeading title={t('outreach.title')} />
      <FormProblem error={area.error ?? buildings.error} />
      {area.data && areaId === null && <BodyShort>{t('outreach.noArea')}</BodyShort>}
      {area.data?.areaName && <BodyShort>{t('outreach.area', { name: area.data.areaName })}</BodyShort>}
      {areaId && (
        <div>
          <Link as={RouterLink} to="/outreach/walk">
            {t('visits.link')}
          </Link>
        </div>
      )}
      {areaId && (
        <div>
          <Link as={RouterLink} to="/outreach/funnel">
            {t('funnel.link')}
          </Link>
        </div>
      )}
      {area.data?.abilities.import && (
        <div>
          <Link as={RouterLink} to="/outreach/import">
            {t('outreach.importLink')}
          </Link>
        </div>
      )}
      {areaId && (
        <Section id="outreach-buildings" title={t('outreach.buildings')}>
          {buildings.isPending ? (
            <Skeleton variant="rectangle" height="6rem" />
          ) : buildings.data?.items.length === 0 ? (
            <BodyShort>{t('outreach.noBuildings')}</BodyShort>
          ) : (
            <ScrollTable label={t('outreach.buildings')}>
              <Table size="small" zebraStripes>
                <TableHeadings
                  labels={[
                    'outreach.building',
                    'outreach.staircases',
                    'outreach.apartments',
                    'outreach.households',
                  ]}
                />
                <Table.Body>
                  {buildings.data?.items.map((b) => (
                    <Table.Row key={b.id}>
                      <Table.HeaderCell scope="row">
                        <Link as={RouterLink} to={`/outreach/buildings/${b.id}`}>
                          {b.name}
                        </Link>
                      </Table.HeaderCell>
                      <Table.DataCell>{b.staircaseCount}</Table.DataCell>
                      <Table.DataCell>{b.apartmentCount}</Table.DataCell>
                      <Table.DataCell>
                        {STATUS_ORDER.filter((s) => s !== 'none' && (b.counts[s] ?? 0) > 0)
                          .map(
                            (s) =>
                              `${STATUS_LOOK[s].symbol} ${t(`outreach.statusName.${s}`)}: ${b.counts[s]}`,
                          )
                          .join(' · ')}
                      </Table.DataCell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </ScrollTable>
          )}
          <NewBuildingForm areaId={areaId} />
        </Section>
      )}
    </VStack>
  );
}

const BuildingName = z.object({ name: NewBuilding.shape.name });

function NewBuildingForm({ areaId }: { areaId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(BuildingName, { name: '' });
  const formId = 'new-building';
  const create = useMutation({
    mutationFn: (name: string) => outreachApi.createBuilding(areaId, name),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
      announce(t('outreach.buildingAdded', { name: created.name }));
      form.reset({ name: '' });
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => create.mutate(body.name),
    () => create.reset(),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('outreach.addBuilding')} className="sc-no-print">
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('outreach.buildingName')} />
        <FormProblem error={create.error} />
        <TextField
          id={fieldId(formId, 'name')}
          label={t('outreach.buildingName')}
          {...form.register('name')}
          error={errorFor(errors, 'name')}
          autoComplete="off"
        />
        <div>
          <Button type="submit" variant="secondary" loading={create.isPending}>
            {t('outreach.addBuilding')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
