import type { Shape } from '../i18n/shape';
import type { authDa } from './i18n.da';

/** The web app's English texts for signing in: exactly the shape of the Danish ones. */
export const authEn: Shape<typeof authDa> = {
  signIn: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    cancel: 'Cancel and sign out',
    oidc: {
      heading: "Sign in with the municipality's account",
      body: 'Use single sign-on if your municipality has set it up.',
      button: 'Sign in with single sign-on',
    },
    demo: {
      heading: 'This is a demo',
      body: 'All families and people here are made-up demo data.',
      secondFactorOff: 'The second factor is turned off in the demo.',
      password: 'The password for every demo user is',
      accounts: 'Demo users',
    },
    totp: {
      title: "Confirm that it's you",
      intro: 'Enter the six-digit code from the authenticator app on your phone.',
      recoveryIntro:
        'Enter one of the recovery codes you saved when you set up the second factor. Each code works once.',
      codeLabel: 'Code from the authenticator app',
      recoveryLabel: 'Recovery code',
      submit: 'Confirm',
      useRecovery: 'Use a recovery code instead',
      useApp: 'Use the code from the app instead',
    },
    enrol: {
      title: 'Set up the second factor',
      intro: 'Your account must be protected by a code from an authenticator app when you sign in.',
      stepApp:
        'Install an authenticator app on your phone, e.g. Microsoft Authenticator or Google Authenticator.',
      stepScan: 'Scan the QR code with the app – or type the key below the QR code into the app.',
      stepCode: 'Enter the six-digit code the app shows.',
      qrAlt: 'QR code for the authenticator app',
      secretLabel: 'Key for manual entry',
      codeLabel: 'Code from the authenticator app',
      submit: 'Turn on the second factor',
    },
    recovery: {
      title: 'Save your recovery codes',
      heading: 'Save these codes now – they are shown only this once',
      body: 'If you lose your phone, you can sign in with one of these codes. Each code works once. Keep them somewhere safe, e.g. in a password manager.',
      listLabel: 'Recovery codes',
      download: 'Download the codes as a text file',
      continue: 'I have saved the codes – continue',
      fileHeading: 'Staircase – recovery codes (each code works once)',
    },
    resetNotice: {
      heading: 'Your account was reset',
      password: 'Your password was reset by {{by}} on {{date}}.',
      second_factor: 'Your second factor was reset by {{by}} on {{date}}.',
      password_and_second_factor: 'Your password and second factor were reset by {{by}} on {{date}}.',
      single_sign_on:
        'Your account was moved to single sign-on by {{by}} on {{date}}: your password and second factor were removed.',
      commandLine: 'an operator (at the server’s command line)',
      unknownAdministrator: 'an administrator',
      signIns: 'Sign-ins since then',
      signIn: '{{date}} – {{method}}',
      moreSignIns_one: '… and {{count}} earlier sign-in',
      moreSignIns_other: '… and {{count}} earlier sign-ins',
      method: {
        password: 'password',
        password_totp: 'password and code',
        sso: 'single sign-on',
      },
      body: 'If you did not ask for this, or a sign-in above was not yours, contact your manager or the municipality’s IT security at once: someone else may have used your account.',
      shownUntil: 'This notice is shown at every sign-in until {{date}}.',
      dismiss: 'Hide until next sign-in',
    },
  },
};
