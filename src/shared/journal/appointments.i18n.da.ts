/**
 * The appointments' shared texts in Danish (decision 0038): their field errors and the kinds of
 * meeting, merged into the shared texts (src/shared/i18n) — the server's problems and the ICS
 * feed use them, and the web app through the shared tree.
 */
export const appointmentsSharedDa = {
  errors: {
    clockTime: 'Skal være et klokkeslæt (tt:mm, fx 09:30)',
    appointmentEndBeforeStart: 'Sluttidspunktet skal ligge efter starttidspunktet',
    appointmentWithWhom: 'Angiv en anden myndighed, når aftalen ikke er med en familie',
    appointmentParticipant: 'Deltagerne skal være aktive teammedarbejdere i kommunen',
    appointmentCancelled: 'Aftalen er aflyst og kan ikke ændres',
    isoWeek: 'Skal være en uge (åååå-Wuu, fx 2026-W50)',
  },
  appointmentKind: {
    home_visit: 'Hjemmebesøg',
    office_meeting: 'Møde på kontoret',
    network_meeting: 'Netværksmøde',
    authority_meeting: 'Møde med myndighed',
    phone_call: 'Telefonsamtale',
    other: 'Aftale',
  },
  /** Texts of the ICS files. */
  calendar: {
    cancelled: 'AFLYST',
    family: 'Familie',
    authority: 'Myndighed',
    participants: 'Deltagere',
    feedName: 'Mine aftaler (Staircase)',
  },
};
