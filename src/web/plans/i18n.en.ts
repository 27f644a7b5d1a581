import { plansEn as sharedPlansEn } from '../../shared/plans/i18n.en';
import type { WebPlansMessages } from './i18n.da';

/** The plans area's texts in English: tasks, routing, "My tasks" and "Asked of me". */
export const plansEn: WebPlansMessages = {
  ...sharedPlansEn,
  tasks: {
    title: 'Tasks',
    none: 'No tasks yet',
    add: 'Add a task',
    words: 'The task in the family’s own words',
    domain: 'Domain',
    level: 'Level',
    levelOption: {
      '1': '1 – the pair handles it',
      '2': '2 – the pair with a specialist’s advice',
      '3': '3 – a specialist takes it over',
    },
    save: 'Add task',
    added: 'The task is added',
    owner: 'Owner: {{name}}',
    state: {
      open: 'Open',
      in_progress: 'In progress',
      waiting_family: 'Waiting for the family',
      waiting_authority: 'Waiting for an authority',
      done: 'Done',
      dropped: 'Dropped',
    },
    routing: {
      none: 'Not routed',
      asked: 'Asked of {{name}}',
      accepted: 'Accepted by {{name}}',
      handed_back: 'Handed back by {{name}}: {{reason}}',
    },
    route: 'Find a specialist',
    ask: 'Ask {{name}}',
    asked: '{{name}} is asked',
    family: 'Family {{reference}}',
    age_one: 'Asked {{count}} day ago',
    age_other: 'Asked {{count}} days ago',
  },
  askedOfMe: {
    title: 'Asked of me',
    none: 'Nothing is asked of you',
    accept: 'Accept',
    accepted: 'You accepted the task',
    handBack: 'Hand back',
    reason: 'Why you hand it back',
    confirm: 'Hand back the task',
    handedBack: 'You handed the task back',
  },
  myTasks: { title: 'My tasks', none: 'You have no open tasks' },
};
