import { type RawBuilder, sql } from 'kysely';
import type { CredentialReset } from '../../db/schema';
import { RESET_NOTICE_DAYS, type SignInMethod } from '../../shared/auth/auth.contract';

/**
 * Decision 0018: the database's clock alone says when a reset happened and whether its notice
 * is still shown, so the time of the reset and the times of the sign-ins after it (the audit
 * log's, also the database's) are compared on one clock, not the application server's and the
 * database's.
 */

/** A credential reset stored now, by the database's clock, in the same ISO form as JavaScript's. */
export const credentialResetNow = (what: CredentialReset['what'], by: string | null): RawBuilder<string> =>
  sql<string>`jsonb_build_object(
    'what', ${what}::text,
    'by', ${by}::text,
    'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )`;

/** The moment of the reset in `column` (a CredentialReset), as a timestamp. */
export const resetAt = (column: string) => sql<Date>`(${sql.ref(column)}->>'at')::timestamptz`;

/** Whether the reset in `column` is recent enough for its notice to be shown. */
export const resetIsCurrent = (column: string) =>
  sql<boolean>`(${resetAt(column)} > now() - make_interval(days => ${sql.lit(RESET_NOTICE_DAYS)}))`;

/**
 * How a sign-in was verified, from its audit record's purpose: 'password' alone (no second factor
 * required), a code after the password ('totp', 'recovery_code', or 'totp_enrolment' — the first
 * code of a new second factor), or 'oidc' (single sign-on).
 */
export function signInMethod(purpose: string): SignInMethod {
  if (purpose === 'oidc') return 'sso';
  if (purpose === 'password') return 'password';
  return 'password_totp';
}
