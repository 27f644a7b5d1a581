import { BodyLong, Button, Modal, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  type Appointment,
  AppointmentUpdate,
  AuthorityAppointmentUpdate,
  NewAppointment,
  NewAuthorityAppointment,
} from '../../shared/journal/appointments.contract';
import { announce } from '../app/Announcer';
import { useMe } from '../app/auth';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate } from '../app/format';
import { useSavingForm, VersionedForm } from '../app/VersionedForm';
import { AppointmentFields, appointmentLabels, type StaffRef } from './AppointmentFields';
import { appointmentKeys, appointmentsApi } from './appointments.api';

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
  const formId = familyId ? 'add-appointment' : 'add-own-appointment';
  const { form, errors, saving, submit } = useSavingForm(
    familyId ? NewAppointment : NewAuthorityAppointment,
    {
      kind: familyId ? 'home_visit' : 'authority_meeting',
      title: '',
      date: '',
      startTime: '',
      endTime: '',
      place: '',
      otherAuthority: '',
      participantIds: [me.id],
    },
    (body) => (familyId ? appointmentsApi.create(familyId, body) : appointmentsApi.createOwn(body)),
    async () => {
      announce(t('appointments.added'));
      await queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
      onDone();
    },
  );
  const labels = appointmentLabels(t, Boolean(familyId));
  return (
    <VersionedForm
      formId={formId}
      label={familyId ? t('appointments.add') : t('appointments.addOwn')}
      labels={labels}
      errors={errors}
      saving={saving}
      submit={submit}
      submitLabel={t('appointments.save')}
      onCancel={onDone}
      narrow
    >
      <AppointmentFields form={form} formId={formId} errors={errors} labels={labels} people={people} />
    </VersionedForm>
  );
}

/**
 * Edits an appointment in a dialog, at the version it was opened on: a change saved meanwhile is a
 * conflict (409) offering to load it; a bad field is named at the field and in the summary. One
 * without a family goes to its own route, where the authority may not be cleared (decision 0053).
 */
export function EditAppointmentDialog({
  appointment: a,
  onClose,
}: {
  appointment: Appointment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formId = `edit-appointment-${a.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
  const { form, errors, saving, submit } = useSavingForm(
    a.familyId ? AppointmentUpdate : AuthorityAppointmentUpdate,
    {
      version: a.version,
      kind: a.kind,
      title: a.title ?? '',
      date: a.date,
      startTime: a.startTime,
      endTime: a.endTime,
      place: a.place ?? '',
      otherAuthority: a.otherAuthority ?? '',
    },
    (body) => appointmentsApi.update(a, body),
    async () => {
      announce(t('appointments.updated'));
      onClose();
      await refresh();
    },
  );
  const labels = appointmentLabels(t, a.familyId !== null);
  return (
    <Modal open onClose={onClose} header={{ heading: t('appointments.editTitle') }} width="medium">
      <Modal.Body>
        <VersionedForm
          formId={formId}
          label={t('appointments.editTitle')}
          labels={labels}
          errors={errors}
          saving={saving}
          submit={submit}
          submitLabel={t('appointments.saveChanges')}
          onReload={() => refresh().then(onClose)}
          onCancel={onClose}
        >
          <AppointmentFields form={form} formId={formId} errors={errors} labels={labels} />
        </VersionedForm>
      </Modal.Body>
    </Modal>
  );
}

/**
 * Cancels an appointment once confirmed: it cannot be undone (the appointment stays, marked
 * cancelled, and the participants' calendars show it so). A stale version is the server's 409.
 */
export function CancelAppointmentDialog({
  appointment: a,
  onClose,
  onCancelled,
}: {
  appointment: Appointment;
  onClose: () => void;
  onCancelled?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const when = { date: formatDate(a.date), time: a.startTime };
  const cancel = useMutation({
    mutationFn: () => appointmentsApi.cancel(a),
    onSuccess: async () => {
      onClose();
      announce(t('appointments.cancelledNotice'));
      onCancelled?.();
      await queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
    },
  });
  return (
    <Modal open onClose={onClose} header={{ heading: t('appointments.cancelHeading', when) }} width="small">
      <Modal.Body>
        <VStack gap="space-16">
          <BodyLong>{t('appointments.cancelBody')}</BodyLong>
          <FormProblem error={cancel.error} />
        </VStack>
      </Modal.Body>
      <Modal.Footer>
        <Button type="button" variant="danger" loading={cancel.isPending} onClick={() => cancel.mutate()}>
          {t('appointments.cancelConfirm')}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('appointments.keep')}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}
