import { BodyShort, Button, HStack, Link, Tag, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Appointment } from '../../shared/journal/appointments.contract';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate, isolate } from '../app/format';
import { focusSection, Section } from '../app/Section';
import type { StaffRef } from './AppointmentFields';
import { AddAppointmentForm, CancelAppointmentDialog, EditAppointmentDialog } from './AppointmentForms';
import { icsUrl, useFamilyAppointments } from './appointments.api';

const SECTION = 'appointments';

/** One appointment in words: when, what, where, with whom; its .ics; edit and cancel where allowed. */
function AppointmentCard({
  appointment: a,
  showFamily,
  onCancel,
  onEdit,
}: {
  appointment: Appointment;
  showFamily: boolean;
  onCancel: (a: Appointment) => void;
  onEdit: (a: Appointment) => void;
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
        {a.abilities.update && (
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
        {a.abilities.update && (
          <Button
            type="button"
            size="small"
            variant="tertiary"
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

/**
 * Appointments as cards, each with its .ics and — where its abilities allow — Edit (a dialog) and
 * Cancel (confirmed first); the family page and My work list them alike. After a cancel the focus
 * goes to `sectionId`, since the button it was on is gone.
 */
export function AppointmentList({
  items,
  showFamily,
  sectionId,
}: {
  items: Appointment[];
  showFamily: boolean;
  sectionId: string;
}) {
  const [editing, setEditing] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  return (
    <>
      <ul className="sc-plain-list">
        {items.map((a) => (
          <li key={a.id}>
            <AppointmentCard
              appointment={a}
              showFamily={showFamily}
              onCancel={setCancelling}
              onEdit={setEditing}
            />
          </li>
        ))}
      </ul>
      {editing && <EditAppointmentDialog appointment={editing} onClose={() => setEditing(null)} />}
      {cancelling && (
        <CancelAppointmentDialog
          appointment={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={() => focusSection(sectionId)}
        />
      )}
    </>
  );
}

/** The family's appointments (issue 14 §6), a form to add one, editing and cancelling. */
export function AppointmentsSection({ familyId, pair }: { familyId: string; pair: readonly StaffRef[] }) {
  const { t } = useTranslation();
  const appointments = useFamilyAppointments(familyId);
  const [adding, setAdding] = useState(false);
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
      <FormProblem error={appointments.error} />
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
      <AppointmentList items={items} showFamily={false} sectionId={SECTION} />
    </Section>
  );
}
