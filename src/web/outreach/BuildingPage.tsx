import { BodyShort, Button, HStack, Link, Skeleton, Table, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { z } from 'zod';
import { COMPARABLE, ENROLLABLE } from '../../shared/outreach/enrollment.contract';
import {
  type ApartmentCell,
  type BuildingPicture,
  NewStaircase,
} from '../../shared/outreach/outreach.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useContractForm } from '../app/useContractForm';
import { outreachApi, outreachKeys, useBuilding } from './outreach.api';
import { STATUS_LOOK, STATUS_ORDER } from './status';
import './outreach.css';

const floorName = (t: TFunction, floor: number) =>
  floor === 0
    ? t('outreach.ground')
    : floor === -1
      ? t('outreach.basement')
      : t('outreach.floorN', { floor });

const statusOf = (a: ApartmentCell) => a.household?.status ?? 'none';

/** An eligible household not yet enrolled opens the enrollment flow (or the comparison group's choice). */
const opensFlow = (h: NonNullable<ApartmentCell['household']>) =>
  h.eligible === true && COMPARABLE.includes(h.status);

/** Why a household is or is not eligible, criterion by criterion. */
function reasonsText(t: TFunction, a: ApartmentCell): string {
  if (!a.household) return '';
  return a.household.reasons
    .map((r) => {
      const text =
        r.criterion === 'parentUnemployed' && r.value === null
          ? t('outreach.criterion.parentUnemployedUnknown', { required: r.required })
          : t(`outreach.criterion.${r.criterion}`, { value: r.value, required: r.required });
      return `${text}: ${r.met ? t('outreach.met') : t('outreach.notMet')}`;
    })
    .join('; ');
}

/** The outreach worker's main view: the building drawn, its legend, and the same as a table. */
export function BuildingPage() {
  const { t } = useTranslation();
  const { buildingId = '' } = useParams();
  const building = useBuilding(buildingId);
  const b = building.data;
  return (
    <VStack gap="space-32">
      <PageHeading title={b?.name ?? t('outreach.building')} />
      <HStack gap="space-16" className="sc-no-print">
        <Link as={RouterLink} to="/outreach">
          {t('outreach.back')}
        </Link>
        <Button type="button" size="small" variant="secondary" onClick={() => window.print()}>
          {t('outreach.print')}
        </Button>
      </HStack>
      <FormProblem error={building.error} />
      {building.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {b && (
        <>
          <Legend />
          <Section id="building-picture" title={t('outreach.picture')}>
            <BodyShort size="small">{t('outreach.pictureHint')}</BodyShort>
            <Picture building={b} />
          </Section>
          <Section id="building-table" title={t('outreach.table')}>
            <ApartmentTable building={b} />
          </Section>
          {b.abilities.edit && <NewStaircaseForm buildingId={b.id} />}
        </>
      )}
    </VStack>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="aksel-sr-only">
        {t('outreach.legend')}
      </h2>
      <ul className="sc-legend" aria-label={t('outreach.legend')}>
        {STATUS_ORDER.map((s) => (
          <li key={s}>
            <span className={`sc-cell ${STATUS_LOOK[s].className}`} aria-hidden="true">
              <span className="sc-cell-symbol">{STATUS_LOOK[s].symbol}</span>
            </span>
            {t(`outreach.statusName.${s}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The drawing. Hidden from screen readers, which get the table below with the same facts: a grid
 * of cells read one by one says less than a table with its headers.
 */
function Picture({ building }: { building: BuildingPicture }) {
  const { t } = useTranslation();
  return (
    <div className="sc-building" aria-hidden="true">
      {building.staircases.map((s) => {
        const cells = building.apartments.filter((a) => a.staircaseId === s.id);
        const floors = [...new Set(cells.map((a) => a.floor))].sort((x, y) => y - x);
        return (
          <div key={s.id} className="sc-staircase">
            <div className="sc-staircase-name">
              {s.street} {s.number}
              {s.entrance}
            </div>
            {floors.map((floor) => (
              <div key={floor} className="sc-floor">
                <span className="sc-floor-label">{floorName(t, floor)}</span>
                {cells
                  .filter((a) => a.floor === floor)
                  .map((a) => {
                    const look = STATUS_LOOK[statusOf(a)];
                    return (
                      <div
                        key={a.id}
                        className={`sc-cell ${look.className}`}
                        title={`${a.door}: ${t(`outreach.statusName.${statusOf(a)}`)}`}
                      >
                        <span className="sc-cell-symbol">{look.symbol}</span>
                        <span>{a.door}</span>
                      </div>
                    );
                  })}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function ApartmentTable({ building }: { building: BuildingPicture }) {
  const { t } = useTranslation();
  const staircaseName = (id: string) => {
    const s = building.staircases.find((x) => x.id === id);
    return s ? `${s.street} ${s.number}${s.entrance}` : '';
  };
  return (
    <ScrollTable label={t('outreach.table')}>
      <Table size="small" zebraStripes>
        <TableHeadings
          labels={[
            'outreach.staircase',
            'outreach.floor',
            'outreach.door',
            'outreach.status',
            'outreach.household',
            'outreach.why',
          ]}
        />
        <Table.Body>
          {building.apartments.map((a) => (
            <Table.Row key={a.id}>
              <Table.HeaderCell scope="row">{staircaseName(a.staircaseId)}</Table.HeaderCell>
              <Table.DataCell>{floorName(t, a.floor)}</Table.DataCell>
              <Table.DataCell>{a.door}</Table.DataCell>
              <Table.DataCell>
                <span aria-hidden="true">{STATUS_LOOK[statusOf(a)].symbol} </span>
                <span>{t(`outreach.statusName.${statusOf(a)}`)}</span>
              </Table.DataCell>
              <Table.DataCell>
                {a.household
                  ? `${a.household.reference} (${t('outreach.members', {
                      adults: a.household.adultCount,
                      children: a.household.childCount,
                    })})`
                  : t('outreach.empty')}
                {a.household && opensFlow(a.household) && (
                  <div className="sc-no-print">
                    <Link as={RouterLink} to={`/outreach/households/${a.household.id}`}>
                      {t(
                        ENROLLABLE.includes(a.household.status) ? 'enrollment.enrollLink' : 'enrollment.open',
                        { reference: a.household.reference },
                      )}
                    </Link>
                  </div>
                )}
              </Table.DataCell>
              <Table.DataCell>{reasonsText(t, a)}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </ScrollTable>
  );
}

/** The form holds text; its schema pipes each field into the contract's. */
const StaircaseForm = z.object({
  street: NewStaircase.shape.street,
  number: NewStaircase.shape.number,
  entrance: z.string(),
  lowestFloor: z.string().transform(Number).pipe(NewStaircase.shape.highestFloor),
  highestFloor: z.string().transform(Number).pipe(NewStaircase.shape.highestFloor),
  doors: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== ''),
    )
    .pipe(NewStaircase.shape.doors),
});

function NewStaircaseForm({ buildingId }: { buildingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(StaircaseForm, {
    street: '',
    number: '',
    entrance: '',
    lowestFloor: '0',
    highestFloor: '3',
    doors: 'tv, th',
  });
  const formId = 'new-staircase';
  const labels: Record<string, string> = {
    street: t('outreach.street'),
    number: t('outreach.number'),
    entrance: t('outreach.entrance'),
    lowestFloor: t('outreach.lowestFloor'),
    highestFloor: t('outreach.highestFloor'),
    doors: t('outreach.doors'),
  };
  const add = useMutation({
    mutationFn: (body: NewStaircase) => outreachApi.addStaircase(buildingId, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
      announce(t('outreach.staircaseAdded'));
      form.reset();
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => add.mutate({ ...body, entrance: body.entrance.trim() }),
    () => add.reset(),
  );
  const field = (name: keyof typeof labels) => (
    <TextField
      id={fieldId(formId, name)}
      label={labels[name]}
      {...form.register(name as 'street')}
      error={errorFor(errors, name)}
      autoComplete="off"
    />
  );
  return (
    <Section id="new-staircase-section" title={t('outreach.addStaircase')}>
      <form onSubmit={submit} noValidate aria-label={t('outreach.addStaircase')} className="sc-no-print">
        <VStack gap="space-8" className="sc-form-narrow">
          <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f] ?? f} />
          <FormProblem error={add.error} />
          {field('street')}
          {field('number')}
          {field('entrance')}
          {field('lowestFloor')}
          {field('highestFloor')}
          {field('doors')}
          <div>
            <Button type="submit" variant="secondary" loading={add.isPending}>
              {t('outreach.addStaircase')}
            </Button>
          </div>
        </VStack>
      </form>
    </Section>
  );
}
