import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The time step of the last TOTP code accepted per account: a code is refused if its step is
 * not after it, so a code seen over a shoulder or in a log cannot be used again (RFC 6238 §5.2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table app_user add column totp_last_step bigint;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
