import type { Shape } from '../i18n/shape';
import type { appDa } from './i18n.da';

/** The web app's English texts for the app shell and what every page shares: exactly the shape of the Danish ones. */
export const appEn: Shape<typeof appDa> = {
  app: {
    name: 'Staircase',
    documentTitle: '{{page}} – Staircase',
  },
  common: {
    loading: 'Loading…',
    networkError: 'We could not reach Staircase. Check your connection and try again.',
    yes: 'Yes',
    no: 'No',
  },
  shell: {
    team: 'Team',
    skipToMain: 'Skip to main content',
    mainNav: 'Main menu',
    families: 'Families',
    audit: 'Audit log',
    settings: 'Settings',
    signOut: 'Sign out',
    otherLanguage: 'Dansk',
    switchLanguage: 'Dansk – change the language to Danish',
    signedInAs: '{{name}} ({{role}})',
    users: 'Users',
    organisation: 'Areas and teams',
    breakGlass: 'Break the glass',
    breakGlassFlagged_one: 'Break the glass ({{count}} new)',
    breakGlassFlagged_other: 'Break the glass ({{count}} new)',
  },
  forms: {
    dateFormat: 'Write the date as dd.mm.yyyy, e.g. 24.12.2026',
    errorSummaryHeading: 'Correct the following before you continue:',
    fieldError: '{{label}}: {{message}}',
    choose: 'Choose',
    cancel: 'Cancel',
    conflict:
      'Someone else changed this while you were working. Load the new version and make your change again.',
    reload: 'Load the new version',
    saved: 'The changes are saved',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address may be mistyped, or the page has moved.',
    home: 'Go to the front page',
  },
  forbidden: {
    title: 'You do not have access to this page',
    body: 'Your role does not give access here. Contact your team leader or administrator if you think this is a mistake.',
  },
  welcome: {
    title: 'Welcome, {{name}}',
    body: 'There are no pages for your role in this version of Staircase yet.',
  },
};
