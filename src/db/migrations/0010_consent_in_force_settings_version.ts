import { type Kysely, sql } from 'kysely';
import { MigrationRefusedError } from '../errors';
import { runScript } from '../sql-script';

/**
 * - `consent_in_force`: at most one consent in force (not withdrawn) per family and purpose
 *   (decision 0019). The server checks it before it records a consent; the index decides
 *   whatever else writes the table. A database that already holds two consents in force for one
 *   family and purpose is not changed: which one still applies is the family's and their pair's
 *   to say, not a migration's. The migration stops with the number of families concerned, and
 *   nothing is changed (all migrations run in one transaction), so the previous version still
 *   runs on it while the pairs withdraw the consents that no longer apply (docs/operations.md,
 *   "Two consents in force for one purpose").
 * - `municipality.version`: optimistic locking of the administrator's settings, so two
 *   administrators saving at once do not overwrite each other unseen (as `app_user.version`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ families: number; municipalities: number }>`
    select count(*)::int as families, count(distinct municipality_id)::int as municipalities
    from (
      select distinct municipality_id, household_id
      from consent
      where withdrawn_on is null
      group by municipality_id, household_id, purpose
      having count(*) > 1
    ) twice
  `.execute(db);
  const { families, municipalities } = rows[0] ?? { families: 0, municipalities: 0 };
  if (families > 0) throw new MigrationRefusedError(refusal(families, municipalities));

  await runScript(
    db,
    /* sql */ `
    create unique index consent_in_force on consent (municipality_id, household_id, purpose)
      where withdrawn_on is null;

    alter table municipality add column version integer not null default 1;
  `,
  );
}

function refusal(families: number, municipalities: number): string {
  const who = families === 1 ? '1 family has' : `${families} families have`;
  const where = municipalities === 1 ? '1 municipality' : `${municipalities} municipalities`;
  return (
    `Migration 0010 stopped and changed nothing: ${who} (in ${where}) more than one consent in force ` +
    'for the same purpose, which Staircase no longer allows (decision 0019). Start the previous ' +
    'version again; on each such family’s page, the pair or the team leader withdraws the consent ' +
    'that no longer applies. docs/operations.md ("Two consents in force for one purpose") has the ' +
    'query that lists the families. Then start this version.'
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
