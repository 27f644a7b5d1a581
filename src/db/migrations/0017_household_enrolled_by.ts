import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Who enrolled a family: the family-access core gives them full access to it until the leader
 * has assigned its pair (issue 13, `enrolledAwaitingPair` in src/server/access/family-access.ts).
 * Families enrolled before this migration take it from their history's "create" entry, which
 * every enrolment has written since migration 0001; a family without one keeps null (no enroller).
 *
 * The column is nullable, so adding it changes only the catalogue; the backfill is one update of
 * the households, done once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table household add column enrolled_by uuid;
    alter table household add foreign key (municipality_id, enrolled_by)
      references app_user (municipality_id, id);
    update household h
       set enrolled_by = c.changed_by
      from change_record c
     where c.municipality_id = h.municipality_id
       and c.household_id = h.id
       and c.entity = 'household'
       and c.action = 'create'
       and c.entity_id = h.id;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
