import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * A municipality's name is unique in any case: the command line finds a municipality by its name
 * (create-user --municipality), so two of one name would make it ambiguous. Until now a check
 * before the insert, serialised by an advisory lock, kept it so; the index keeps it whatever
 * writes the row, and lets that check read one index entry. `create-municipality` trims names
 * before they are stored. An installation that already has two municipalities of one name stops
 * here with PostgreSQL's message naming the index: rename one (`update municipality set name =
 * … where id = …`) and start again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, /* sql */ `create unique index municipality_name_key on municipality (lower(name));`);
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
