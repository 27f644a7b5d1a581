import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Decision 0018.
 *
 * - `user_session.verified_by`: how a signed-in session was verified — 'password' alone,
 *   'password_totp' (a TOTP or recovery code after the password) or 'sso' (the identity
 *   provider vouches for the second factor, decision 0004). Null while signing in. The gate
 *   refuses a 'password' session once the municipality requires a second factor; sessions
 *   signed in before this migration have none and count as 'password' (the weakest).
 * - `audit_event.subject_hash`: HMAC-SHA256 (keyed with the installation's secret key) of a
 *   username nobody has, typed at sign-in: repeated attempts can be matched without the log
 *   holding what was typed. Nullable without a default: no partition is rewritten.
 * - `app_user.credential_reset`: an administrator's reset of the password or second factor the
 *   account holder has not been told of yet; moved to `user_session.reset_notice` at the next
 *   full sign-in, which shows it once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table user_session add column verified_by text
      check (verified_by in ('password', 'password_totp', 'sso'));
    alter table user_session add column reset_notice jsonb;
    alter table audit_event add column subject_hash text;
    alter table app_user add column credential_reset jsonb;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
