import { plansDa as sharedPlansDa } from '../../shared/plans/i18n.da';

import type { Shape } from '../i18n/shape';

/** The plans area's texts in Danish: tasks, routing, "Mine opgaver" and "Spurgt om". */
export const plansDa = {
  ...sharedPlansDa,
  tasks: {
    title: 'Opgaver',
    none: 'Ingen opgaver endnu',
    add: 'Tilføj en opgave',
    words: 'Opgaven med familiens egne ord',
    domain: 'Område',
    level: 'Niveau',
    levelOption: {
      '1': '1 – parret klarer den',
      '2': '2 – parret med råd fra en specialist',
      '3': '3 – en specialist overtager den',
    },
    save: 'Tilføj opgave',
    added: 'Opgaven er tilføjet',
    owner: 'Ejer: {{name}}',
    state: {
      open: 'Åben',
      in_progress: 'I gang',
      waiting_family: 'Venter på familien',
      waiting_authority: 'Venter på en myndighed',
      done: 'Løst',
      dropped: 'Droppet',
    },
    routing: {
      none: 'Ikke sendt videre',
      asked: 'Spurgt: {{name}}',
      accepted: 'Accepteret af {{name}}',
      handed_back: 'Givet tilbage af {{name}}: {{reason}}',
    },
    route: 'Find en specialist',
    ask: 'Spørg {{name}}',
    asked: '{{name}} er spurgt',
    family: 'Familie {{reference}}',
    age_one: 'Spurgt for {{count}} dag siden',
    age_other: 'Spurgt for {{count}} dage siden',
  },
  askedOfMe: {
    title: 'Spurgt om',
    none: 'Du er ikke spurgt om noget',
    accept: 'Acceptér',
    accepted: 'Du har accepteret opgaven',
    handBack: 'Giv tilbage',
    reason: 'Hvorfor du giver den tilbage',
    confirm: 'Giv opgaven tilbage',
    handedBack: 'Du har givet opgaven tilbage',
  },
  myTasks: { title: 'Mine opgaver', none: 'Du har ingen åbne opgaver' },
};
export type WebPlansMessages = Shape<typeof plansDa>;
