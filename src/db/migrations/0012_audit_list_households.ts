import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * A list or an export records one audit row naming every family it showed, instead of one row
 * per family (docs/decisions/0022-one-audit-row-per-list.md): `household_ids` holds them. A
 * family's access log finds these rows through the GIN index, partial so that the other
 * events (single-family reads and writes, sign-ins) add nothing to it. Rows written before
 * this migration keep one family each in `household_id`; the search reads both.
 *
 * Adding a nullable column is a change of the catalogue only. The index is built on every
 * partition (not CONCURRENTLY, as 0004 says): every existing row has a null `household_ids`,
 * so the build reads the log once and writes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table audit_event add column household_ids uuid[];
    create index audit_event_household_ids on audit_event using gin (household_ids)
      where household_ids is not null;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
