import { z } from 'zod';
import { Locale } from '../common/common.contract';
import { isWellFormedText, nameText, textMeta, typedString } from '../common/text';

export const Role = z.enum(['team_member', 'team_leader', 'analyst', 'administrator']);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.strictObject({
  // A username holds none of what nameText refuses (users.contract.ts), so refusing it here
  // with a 400 tells nothing about any account.
  username: nameText(100),
  password: z
    .string()
    .refine(isWellFormedText, { message: 'errors.malformedText', abort: true })
    .min(1, { message: 'errors.required' })
    .max(256)
    .meta(textMeta('secret')),
});

/** Where the sign-in stands: a second factor to give, one to enrol, or signed in. */
export const SignInStage = z.enum(['totp', 'enrol', 'done']);
export type SignInStage = z.infer<typeof SignInStage>;
export const LoginResult = z.object({ stage: SignInStage });

/**
 * The second factor: a code from the app or a recovery code, exactly one. One object rather
 * than a union, so that an error names its field (a union's failure named none).
 */
export const TotpBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, { message: 'errors.totpFormat' })
      .optional(),
    recoveryCode: typedString().min(8).max(20).meta(textMeta('code')).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.code === undefined && body.recoveryCode === undefined)
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'errors.required' });
    if (body.code !== undefined && body.recoveryCode !== undefined)
      ctx.addIssue({ code: 'custom', path: ['recoveryCode'], message: 'errors.codeOrRecoveryCode' });
  });

export const Enrolment = z.object({ otpauthUrl: z.string(), secret: z.string(), qrSvg: z.string() });
export const EnrolmentConfirm = z.strictObject({
  code: z.string().regex(/^\d{6}$/, { message: 'errors.totpFormat' }),
});
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * How long after a reset its notice is shown, at every sign-in (decision 0018). The notice is
 * meant for the case where the one who reset the account signs in as its holder: they see it
 * first and could dismiss it for good, so it stays until the holder has surely signed in
 * themselves — 30 days covers holidays and sick leave — and lists every sign-in since the reset.
 */
export const RESET_NOTICE_DAYS = 30;
/** At most this many sign-ins since the reset are listed with its notice, newest first. */
export const RESET_NOTICE_SIGN_INS = 20;

/** How a sign-in was verified: the password alone, password and a code, or single sign-on. */
export const SignInMethod = z.enum(['password', 'password_totp', 'sso']);
export type SignInMethod = z.infer<typeof SignInMethod>;

/**
 * An administrator's reset of the account's password or second factor (or its move to single
 * sign-on), shown at every sign-in for RESET_NOTICE_DAYS days (decision 0018): what, when, by
 * whom — by name, or the operator's command line — and the account's sign-ins since then, so
 * its holder sees one that was not theirs.
 */
export const ResetNotice = z.object({
  what: z.enum(['password', 'second_factor', 'password_and_second_factor', 'single_sign_on']),
  at: z.string(),
  /** The administrator's name; null for the command line (or an account since removed). */
  byName: z.string().nullable(),
  commandLine: z.boolean(),
  /** The account's sign-ins since the reset, newest first, at most RESET_NOTICE_SIGN_INS. */
  signIns: z.array(z.object({ at: z.string(), method: SignInMethod })),
  /** How many sign-ins there were since the reset: more than `signIns` holds says "and N more". */
  signInsTotal: z.number().int(),
});
export type ResetNotice = z.infer<typeof ResetNotice>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  municipalityName: z.string(),
  locale: Locale,
  stage: SignInStage,
  csrfToken: z.string(),
  /** Null when there is nothing to tell, or it was dismissed in this session. */
  resetNotice: ResetNotice.nullable(),
});
export type Me = z.infer<typeof Me>;

export const AuthConfig = z.object({
  oidc: z.boolean(),
  demo: z.boolean(),
  demoLogins: z.array(z.object({ username: z.string(), role: Role })).optional(),
  /** In a demo: true while the demo municipality does not ask for the second factor. */
  demoSecondFactorOff: z.boolean().optional(),
});
export type AuthConfig = z.infer<typeof AuthConfig>;

export const LocaleBody = z.strictObject({ locale: Locale });

/** NIST SP 800-63B: length over composition rules; common and breached passwords refused. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
