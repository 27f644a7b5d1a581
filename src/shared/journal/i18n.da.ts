/**
 * Danish (default) texts of the journal area that server and web share: the kinds of contact,
 * the sensitive categories and the kinds of participant (decision 0037).
 */
export const journalDa = {
  kind: {
    home_visit: 'Hjemmebesøg',
    office: 'Samtale på kontoret',
    phone: 'Telefonsamtale',
    text: 'Sms eller skriftlig besked',
    authority_meeting: 'Møde med anden myndighed',
    network_meeting: 'Netværksmøde',
  },
  category: {
    health: 'Helbred',
    violence: 'Vold',
    abuse: 'Overgreb',
    criminal: 'Strafbare forhold',
    other: 'Andet',
  },
  participantKind: {
    member: 'Familiemedlem',
    staff: 'Medarbejder',
    other: 'Andre (efter rolle)',
  },
};

/** Every locale has exactly the shape of the Danish texts. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type JournalMessages = Shape<typeof journalDa>;
