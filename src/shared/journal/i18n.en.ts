import type { JournalMessages } from './i18n.da';

export const journalEn: JournalMessages = {
  kind: {
    home_visit: 'Home visit',
    office: 'Meeting at the office',
    phone: 'Phone call',
    text: 'Text or written message',
    authority_meeting: 'Meeting with another authority',
    network_meeting: 'Network meeting',
  },
  category: {
    health: 'Health',
    violence: 'Violence',
    abuse: 'Abuse',
    criminal: 'Criminal matters',
    other: 'Other',
  },
  participantKind: {
    member: 'Family member',
    staff: 'Staff member',
    other: 'Others (by role)',
  },
};
