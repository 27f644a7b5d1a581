import {
  BodyShort,
  Button,
  Checkbox,
  CheckboxGroup,
  HStack,
  Link,
  Modal,
  Select,
  Tag,
  TextField,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import {
  type Appointment,
  AppointmentKind,
  AppointmentUpdate,
  NewAppointment,
  NewAuthorityAppointment,
} from '../../shared/journal/appointments.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { useMe } from '../app/auth';
import { ConflictAlert } from '../app/ConflictAlert';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDate, isolate } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { focusSection, Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { appointmentKeys, appointmentsApi, icsUrl, useFamilyAppointments } from './appointments.api';

const SECTION = 'appointments';

interface StaffRef {
  id: string;
  displayName: string;
}

/** One appointment in words: when, what, where, with whom; its .ics; edit and cancel where allowed. */
export function AppointmentCard({
  appointment: a,
  showFamily,
  onCancel,
  cancelling,
  onEdit,
}: {
  appointment: Appointment;
  showFamily: boolean;
  onCancel?: (a: Appointment) => void;
  cancelling?: boolean;
  onEdit?: (a: Appointment) => void;
}) {
  const { t } = useTranslation();
  const date = formatDate(a.date);
  return (
    <VStack gap="space-4" className="sc-task">
      <HStack gap="space-8" align="center" wrap>
        <BodyShort weight="semibold">
          {t('appointments.when', { date, start: a.startTime, end: a.endTime })}
        </BodyShort>
        {a.cancelled && (
          <Tag size="small" variant="warning">
            {t('appointments.cancelled')}
          </Tag>
        )}
      </HStack>
      <BodyShort>
        {t(`enums.appointmentKind.${a.kind}`)}
        {a.title && (
          <>
            {': '}
            <span dir="auto">{isolate(a.title)}</span>
          </>
        )}
      </BodyShort>
      {showFamily && a.familyId && a.familyReference && (
        <BodyShort size="small">
          <Link as={RouterLink} to={`/families/${a.familyId}`}>
            {t('appointments.family', { reference: a.familyReference })}
          </Link>
        </BodyShort>
      )}
      {a.place && (
        <BodyShort size="small" dir="auto">
          {a.place}
        </BodyShort>
      )}
      {a.otherAuthority && (
        <BodyShort size="small">{t('appointments.with', { authority: isolate(a.otherAuthority) })}</BodyShort>
      )}
      <BodyShort size="small">
        {t('appointments.people', { names: a.participants.map((p) => isolate(p.displayName)).join(', ') })}
      </BodyShort>
      <HStack gap="space-8" align="center" wrap>
        <Link
          href={icsUrl(a.id)}
          download
          aria-label={t('appointments.downloadNamed', { date, time: a.startTime })}
        >
          {t('appointments.download')}
        </Link>
        {onEdit && a.abilities.update && (
          <Button
            type="button"
            size="small"
            variant="tertiary"
            aria-label={t('appointments.editNamed', { date, time: a.startTime })}
            onClick={() => onEdit(a)}
          >
            {t('appointments.edit')}
          </Button>
        )}
        {onCancel && a.abilities.update && (
          <Button
            type="button"
            size="small"
            variant="tertiary"
            loading={cancelling}
            aria-label={t('appointments.cancelNamed', { date, time: a.startTime })}
            onClick={() => onCancel(a)}
          >
            {t('appointments.cancel')}
          </Button>
        )}
      </HStack>
    </VStack>
  );
}

/** The family's appointments (issue 14 §6), a form to add one, and cancelling. */
export function AppointmentsSection({ familyId, pair }: { familyId: string; pair: readonly StaffRef[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const appointments = useFamilyAppointments(familyId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Appointment | null>(null);
  const cancel = useMutation({
    mutationFn: (a: Appointment) => appointmentsApi.cancel(familyId, a.id, a.version),
    onSuccess: async () => {
      announce(t('appointments.cancelledNotice'));
      await queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
      focusSection(SECTION);
    },
  });
  const items = appointments.data?.items ?? [];
  return (
    <Section
      id={SECTION}
      title={t('appointments.title')}
      actions={
        appointments.data?.abilities.create && !adding ? (
          <Button type="button" size="small" variant="secondary" onClick={() => setAdding(true)}>
            {t('appointments.add')}
          </Button>
        ) : undefined
      }
    >
      <FormProblem error={appointments.error ?? cancel.error} />
      {adding && (
        <AddAppointmentForm
          familyId={familyId}
          pair={pair}
          onDone={() => {
            setAdding(false);
            focusSection(SECTION);
          }}
        />
      )}
      {appointments.data && items.length === 0 && <BodyShort>{t('appointments.none')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((a) => (
          <li key={a.id}>
            <AppointmentCard
              appointment={a}
              showFamily={false}
              onCancel={(x) => cancel.mutate(x)}
              cancelling={cancel.isPending && cancel.variables?.id === a.id}
              onEdit={setEditing}
            />
          </li>
        ))}
      </ul>
      {editing && (
        <EditAppointmentDialog familyId={familyId} appointment={editing} onClose={() => setEditing(null)} />
      )}
    </Section>
  );
}

/**
 * Adds an appointment: the family's (with its pair to pick), or without a family (`familyId`
 * left out: from My work, with another authority only — the authority is then required).
 */
export function AddAppointmentForm({
  familyId,
  pair,
  onDone,
}: {
  familyId?: string;
  pair: readonly StaffRef[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const people: StaffRef[] = [
    { id: me.id, displayName: t('appointments.me', { name: me.displayName }) },
    ...pair.filter((p) => p.id !== me.id),
  ];
  const { form, errors, showProblem } = useContractForm(familyId ? NewAppointment : NewAuthorityAppointment, {
    kind: familyId ? 'home_visit' : 'authority_meeting',
    title: '',
    date: '',
    startTime: '',
    endTime: '',
    place: '',
    otherAuthority: '',
    participantIds: [me.id],
  });
  const formId = familyId ? 'add-appointment' : 'add-own-appointment';
  const create = useMutation({
    mutationFn: (body: NewAppointment) =>
      familyId ? appointmentsApi.create(familyId, body) : appointmentsApi.createOwn(body),
    onSuccess: async () => {
      announce(t('appointments.added'));
      await queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
      onDone();
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => create.mutate(body),
    () => create.reset(),
  );
  const labels: Record<string, string> = {
    kind: t('appointments.kind'),
    title: t('appointments.titleField'),
    date: t('appointments.date'),
    startTime: t('appointments.startTime'),
    endTime: t('appointments.endTime'),
    place: t('appointments.place'),
    otherAuthority: t('appointments.otherAuthority'),
    participantIds: t('appointments.participants'),
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={familyId ? t('appointments.add') : t('appointments.addOwn')}
    >
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
        <FormProblem error={create.error} />
        <Select
          id={fieldId(formId, 'kind')}
          label={labels.kind}
          {...form.register('kind')}
          error={errorFor(errors, 'kind')}
        >
          {AppointmentKind.options.map((k) => (
            <option key={k} value={k}>
              {t(`enums.appointmentKind.${k}`)}
            </option>
          ))}
        </Select>
        <TextField
          id={fieldId(formId, 'title')}
          label={labels.title}
          {...form.register('title')}
          error={errorFor(errors, 'title')}
        />
        <Controller
          control={form.control}
          name="date"
          render={({ field }) => (
            <DateField
              id={fieldId(formId, 'date')}
              label={labels.date!}
              error={errorFor(errors, 'date')}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        <HStack gap="space-16" wrap>
          <TextField
            id={fieldId(formId, 'startTime')}
            label={labels.startTime}
            description={t('appointments.timeHint')}
            inputMode="numeric"
            htmlSize={8}
            {...form.register('startTime')}
            error={errorFor(errors, 'startTime')}
          />
          <TextField
            id={fieldId(formId, 'endTime')}
            label={labels.endTime}
            description={t('appointments.timeHint')}
            inputMode="numeric"
            htmlSize={8}
            {...form.register('endTime')}
            error={errorFor(errors, 'endTime')}
          />
        </HStack>
        <TextField
          id={fieldId(formId, 'place')}
          label={labels.place}
          {...form.register('place')}
          error={errorFor(errors, 'place')}
        />
        <TextField
          id={fieldId(formId, 'otherAuthority')}
          label={familyId ? labels.otherAuthority : t('appointments.authorityRequired')}
          {...form.register('otherAuthority')}
          error={errorFor(errors, 'otherAuthority')}
        />
        <Controller
          control={form.control}
          name="participantIds"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(formId, 'participantIds')}
              legend={labels.participantIds}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errorFor(errors, 'participantIds')}
            >
              {people.map((p) => (
                <Checkbox key={p.id} value={p.id}>
                  {p.displayName}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
        />
        <HStack gap="space-8">
          <Button type="submit" size="small" loading={create.isPending}>
            {t('appointments.save')}
          </Button>
          <Button type="button" size="small" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}

/**
 * Edits an appointment in a dialog, at the version it was opened on: a change saved meanwhile is a
 * conflict (409) offering to load it; a bad field is named at the field and in the summary.
 */
function EditAppointmentDialog({
  familyId,
  appointment: a,
  onClose,
}: {
  familyId: string;
  appointment: Appointment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formId = `edit-appointment-${a.id}`;
  const { form, errors, showProblem } = useContractForm(AppointmentUpdate, {
    version: a.version,
    kind: a.kind,
    title: a.title ?? '',
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    place: a.place ?? '',
    otherAuthority: a.otherAuthority ?? '',
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
  const save = useMutation({
    mutationFn: (body: AppointmentUpdate) => appointmentsApi.update(familyId, a.id, body),
    onSuccess: async () => {
      announce(t('appointments.updated'));
      onClose();
      await refresh();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });
  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );
  const labels: Record<string, string> = {
    kind: t('appointments.kind'),
    title: t('appointments.titleField'),
    date: t('appointments.date'),
    startTime: t('appointments.startTime'),
    endTime: t('appointments.endTime'),
    place: t('appointments.place'),
    otherAuthority: t('appointments.otherAuthority'),
  };
  return (
    <Modal open onClose={onClose} header={{ heading: t('appointments.editTitle') }} width="medium">
      <form onSubmit={submit} noValidate aria-label={t('appointments.editTitle')}>
        <Modal.Body>
          <VStack gap="space-8">
            <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
            {isConflict(save.error) ? (
              <ConflictAlert onReload={() => refresh().then(onClose)} />
            ) : (
              <FormProblem error={save.error} />
            )}
            <Select
              id={fieldId(formId, 'kind')}
              label={labels.kind}
              {...form.register('kind')}
              error={errorFor(errors, 'kind')}
            >
              {AppointmentKind.options.map((k) => (
                <option key={k} value={k}>
                  {t(`enums.appointmentKind.${k}`)}
                </option>
              ))}
            </Select>
            <TextField
              id={fieldId(formId, 'title')}
              label={labels.title}
              {...form.register('title')}
              error={errorFor(errors, 'title')}
            />
            <Controller
              control={form.control}
              name="date"
              render={({ field }) => (
                <DateField
                  id={fieldId(formId, 'date')}
                  label={labels.date!}
                  error={errorFor(errors, 'date')}
                  value={field.value ?? ''}
                  onChange={field.onChange}
                />
              )}
            />
            <HStack gap="space-16" wrap>
              <TextField
                id={fieldId(formId, 'startTime')}
                label={labels.startTime}
                description={t('appointments.timeHint')}
                inputMode="numeric"
                htmlSize={8}
                {...form.register('startTime')}
                error={errorFor(errors, 'startTime')}
              />
              <TextField
                id={fieldId(formId, 'endTime')}
                label={labels.endTime}
                description={t('appointments.timeHint')}
                inputMode="numeric"
                htmlSize={8}
                {...form.register('endTime')}
                error={errorFor(errors, 'endTime')}
              />
            </HStack>
            <TextField
              id={fieldId(formId, 'place')}
              label={labels.place}
              {...form.register('place')}
              error={errorFor(errors, 'place')}
            />
            <TextField
              id={fieldId(formId, 'otherAuthority')}
              label={labels.otherAuthority}
              {...form.register('otherAuthority')}
              error={errorFor(errors, 'otherAuthority')}
            />
          </VStack>
        </Modal.Body>
        <Modal.Footer>
          <Button type="submit" loading={save.isPending}>
            {t('appointments.saveChanges')}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('forms.cancel')}
          </Button>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
