import type { appointmentsSharedDa } from './appointments.i18n.da';

/** The same keys as the Danish texts, strings at the leaves. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The appointments' shared texts in English (see the Danish file). */
export const appointmentsSharedEn: Shape<typeof appointmentsSharedDa> = {
  errors: {
    clockTime: 'Must be a time of day (hh:mm, e.g. 09:30)',
    appointmentEndBeforeStart: 'The end time must be after the start time',
    appointmentWithWhom: 'Give another authority when the appointment is not with a family',
    appointmentParticipant: 'Participants must be active team staff of the municipality',
    appointmentCancelled: 'The appointment is cancelled and cannot be changed',
    isoWeek: 'Must be a week (yyyy-Www, e.g. 2026-W50)',
  },
  appointmentKind: {
    home_visit: 'Home visit',
    office_meeting: 'Meeting at the office',
    network_meeting: 'Network meeting',
    authority_meeting: 'Meeting with an authority',
    phone_call: 'Phone call',
    other: 'Appointment',
  },
  calendar: {
    cancelled: 'CANCELLED',
    family: 'Family',
    authority: 'Authority',
    participants: 'Participants',
    feedName: 'My appointments (Staircase)',
  },
};
