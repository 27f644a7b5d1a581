import { z } from 'zod';
import { hasNoControlCharacters, Locale } from '../common/common.contract';

export const Role = z.enum(['team_member', 'team_leader', 'analyst', 'administrator']);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1, { message: 'errors.required' })
    .max(100)
    .refine((v) => hasNoControlCharacters(v), { message: 'errors.controlCharacter' }),
  password: z.string().min(1, { message: 'errors.required' }).max(256),
});

/** Where the sign-in stands: a second factor to give, one to enrol, or signed in. */
export const SignInStage = z.enum(['totp', 'enrol', 'done']);
export type SignInStage = z.infer<typeof SignInStage>;
export const LoginResult = z.object({ stage: SignInStage });

export const TotpBody = z.union([
  z.strictObject({ code: z.string().regex(/^\d{6}$/, { message: 'errors.totpFormat' }) }),
  z.strictObject({ recoveryCode: z.string().trim().min(8).max(20) }),
]);

export const Enrolment = z.object({ otpauthUrl: z.string(), secret: z.string(), qrSvg: z.string() });
export const EnrolmentConfirm = z.strictObject({
  code: z.string().regex(/^\d{6}$/, { message: 'errors.totpFormat' }),
});
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * An administrator's reset of the account's password or second factor, told once at the next
 * sign-in (decision 0018): what, when, and by whom — by name, or the operator's command line.
 */
export const ResetNotice = z.object({
  what: z.enum(['password', 'second_factor', 'password_and_second_factor', 'single_sign_on']),
  at: z.string(),
  /** The administrator's name; null for the command line (or an account since removed). */
  byName: z.string().nullable(),
  commandLine: z.boolean(),
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
  /** Shown once after signing in; null when there is nothing to tell. */
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
