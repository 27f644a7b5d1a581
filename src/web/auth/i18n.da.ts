/** The web app's Danish texts for signing in. */
export const authDa = {
  signIn: {
    title: 'Log ind',
    username: 'Brugernavn',
    password: 'Adgangskode',
    submit: 'Log ind',
    cancel: 'Afbryd og log ud',
    oidc: {
      heading: 'Log ind med kommunens konto',
      body: 'Brug single sign-on, hvis din kommune har sat det op.',
      button: 'Log ind med single sign-on',
    },
    demo: {
      heading: 'Dette er en demo',
      body: 'Alle familier og personer her er opdigtede demodata.',
      secondFactorOff: 'Totrinsbekræftelse er slået fra i demoen.',
      password: 'Adgangskoden til alle demobrugere er',
      accounts: 'Demobrugere',
    },
    totp: {
      title: 'Bekræft, at det er dig',
      intro: 'Skriv den sekscifrede kode fra godkendelsesappen på din telefon.',
      recoveryIntro:
        'Skriv en af de gendannelseskoder, du gemte, da du satte totrinsbekræftelse op. Hver kode virker én gang.',
      codeLabel: 'Kode fra godkendelsesappen',
      recoveryLabel: 'Gendannelseskode',
      submit: 'Bekræft',
      useRecovery: 'Brug en gendannelseskode i stedet',
      useApp: 'Brug koden fra appen i stedet',
    },
    enrol: {
      title: 'Sæt totrinsbekræftelse op',
      intro: 'Din konto skal beskyttes med en kode fra en godkendelsesapp, når du logger ind.',
      stepApp:
        'Installér en godkendelsesapp på din telefon, fx Microsoft Authenticator eller Google Authenticator.',
      stepScan: 'Scan QR-koden med appen – eller skriv nøglen under QR-koden ind i appen.',
      stepCode: 'Skriv den sekscifrede kode, som appen viser.',
      qrAlt: 'QR-kode til godkendelsesappen',
      secretLabel: 'Nøgle til manuel indtastning',
      codeLabel: 'Kode fra godkendelsesappen',
      submit: 'Slå totrinsbekræftelse til',
    },
    recovery: {
      title: 'Gem dine gendannelseskoder',
      heading: 'Gem koderne nu – de vises kun denne ene gang',
      body: 'Mister du din telefon, kan du logge ind med en af disse koder. Hver kode virker én gang. Opbevar dem et sikkert sted, fx i en adgangskodemanager.',
      listLabel: 'Gendannelseskoder',
      download: 'Hent koderne som tekstfil',
      continue: 'Jeg har gemt koderne – fortsæt',
      fileHeading: 'Staircase – gendannelseskoder (hver kode virker én gang)',
    },
    resetNotice: {
      heading: 'Din konto blev nulstillet',
      password: 'Din adgangskode blev nulstillet af {{by}} den {{date}}.',
      second_factor: 'Din totrinsbekræftelse blev nulstillet af {{by}} den {{date}}.',
      password_and_second_factor:
        'Din adgangskode og din totrinsbekræftelse blev nulstillet af {{by}} den {{date}}.',
      single_sign_on:
        'Din konto blev flyttet til single sign-on af {{by}} den {{date}}: din adgangskode og totrinsbekræftelse blev fjernet.',
      commandLine: 'en driftsansvarlig (på serverens kommandolinje)',
      unknownAdministrator: 'en administrator',
      signIns: 'Login siden da',
      signIn: '{{date}} – {{method}}',
      moreSignIns_one: '… og {{count}} tidligere login',
      moreSignIns_other: '… og {{count}} tidligere logins',
      method: {
        password: 'adgangskode',
        password_totp: 'adgangskode og kode',
        sso: 'single sign-on',
      },
      body: 'Hvis du ikke havde bedt om det, eller et login ovenfor ikke var dit, så kontakt straks din leder eller kommunens IT-sikkerhed: en anden kan have brugt din konto.',
      shownUntil: 'Beskeden vises ved hvert login indtil {{date}}.',
      dismiss: 'Skjul indtil næste login',
    },
  },
};
