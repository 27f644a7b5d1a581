import { journalDa as sharedJournalDa } from '../../shared/journal/i18n.da';
import type { Shape } from '../i18n/shape';

/** The journal's contact notes in Danish (the appointments have their own file). */
export const journalDa = {
  journal: {
    ...sharedJournalDa,
    title: 'Journal',
    none: 'Ingen notater endnu',
    add: 'Skriv et notat',
    pagination: 'Sider i journalen',
    sensitiveHidden: 'Følsomt notat, {{date}}',
    sensitiveHiddenHelp: 'Kun parret, teamlederen og de specialister, notatet vedrører, kan læse det.',
    sensitiveTag: 'Følsomt: {{category}}',
    occurredOn: 'Dato for kontakten',
    kindLabel: 'Kontaktform',
    text: 'Notat',
    members: 'Familiemedlemmer til stede',
    staff: 'Medarbejdere til stede',
    others: 'Andre til stede (efter rolle, adskilt med komma)',
    othersHelp: 'Fx skolelærer, egen læge – ikke navne',
    interpreterUsed: 'Der blev brugt tolk',
    interpreterLanguage: 'Tolkesprog',
    tasks: 'Opgaver, notatet vedrører',
    sensitive: 'Notatet er følsomt',
    sensitiveHelp:
      'Kun parret, teamlederen og specialister på de tilknyttede opgaver kan læse det. Andre ser kun, at der findes et følsomt notat og datoen.',
    categoryLabel: 'Hvorfor er det følsomt?',
    save: 'Gem notat',
    added: 'Notatet er gemt',
    participants: 'Til stede: {{names}}',
    interpreter: 'Tolk: {{language}}',
    linkedTasks: 'Vedrører: {{tasks}}',
    hiddenTask: 'en opgave',
    writtenBy: 'Skrevet af {{name}}',
    corrected: 'Rettet {{date}}',
    correct: 'Ret notatet',
    correctTitle: 'Ret notatet',
    correctHelp: 'Den tidligere tekst gemmes og vises som tidligere udgave.',
    saveCorrection: 'Gem rettelse',
    correctedDone: 'Rettelsen er gemt',
    showEarlier: 'Vis tidligere udgaver',
    hideEarlier: 'Skjul tidligere udgaver',
    earlierTitle: 'Tidligere udgaver',
    earlierVersion: 'Tidligere udgave {{version}}, skrevet {{date}} af {{name}}',
  },
};
export type WebJournalMessages = Shape<typeof journalDa>;
