/** The web app's Danish texts for the app shell and what every page shares. */
export const appDa = {
  app: {
    name: 'Staircase',
    documentTitle: '{{page}} – Staircase',
  },
  common: {
    loading: 'Indlæser…',
    networkError: 'Vi kunne ikke få forbindelse til Staircase. Tjek din forbindelse, og prøv igen.',
    yes: 'Ja',
    no: 'Nej',
  },
  shell: {
    team: 'Team',
    skipToMain: 'Gå til hovedindholdet',
    mainNav: 'Hovedmenu',
    families: 'Familier',
    audit: 'Adgangslog',
    settings: 'Indstillinger',
    signOut: 'Log ud',
    otherLanguage: 'English',
    switchLanguage: 'English – skift sproget til engelsk',
    signedInAs: '{{name}} ({{role}})',
    users: 'Brugere',
    organisation: 'Områder og teams',
    breakGlass: 'Nødadgang',
    breakGlassFlagged_one: 'Nødadgang ({{count}} ny)',
    breakGlassFlagged_other: 'Nødadgang ({{count}} nye)',
  },
  forms: {
    dateFormat: 'Skriv datoen som dd.mm.åååå, fx 24.12.2026',
    errorSummaryHeading: 'Ret følgende, før du går videre:',
    fieldError: '{{label}}: {{message}}',
    choose: 'Vælg',
    cancel: 'Annullér',
    conflict:
      'En anden har ændret oplysningerne, mens du arbejdede. Hent den nye udgave, og lav din ændring igen.',
    reload: 'Hent den nye udgave',
    saved: 'Ændringerne er gemt',
  },
  notFound: {
    title: 'Siden findes ikke',
    body: 'Adressen er måske skrevet forkert, eller siden er flyttet.',
    home: 'Gå til forsiden',
  },
  forbidden: {
    title: 'Du har ikke adgang til denne side',
    body: 'Din rolle giver ikke adgang her. Kontakt din teamleder eller administrator, hvis du mener, det er en fejl.',
  },
  welcome: {
    title: 'Velkommen, {{name}}',
    body: 'Der er endnu ingen sider til din rolle i denne version af Staircase.',
  },
};
