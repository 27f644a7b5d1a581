import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Accounts, areas and teams administered in the web app:
 * - `app_user.version`: optimistic locking, so two administrators editing the same account
 *   get a clear conflict instead of one silently overwriting the other;
 * - team names unique within a municipality (as area names already are), case-insensitively,
 *   so a team chosen by name (the CLI's --team) is never ambiguous.
 * Audit rows written by the command line need no change: `actor_id` is nullable and
 * `actor_role` is free text ('command_line').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table app_user add column version integer not null default 1;
    create unique index team_name on team (municipality_id, lower(name));
    create unique index area_name_ci on area (municipality_id, lower(name));
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
