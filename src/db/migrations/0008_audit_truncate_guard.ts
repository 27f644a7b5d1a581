import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The audit log refuses TRUNCATE as it refuses UPDATE and DELETE (0001's row trigger does not
 * fire for TRUNCATE, which empties a table without visiting its rows). A statement trigger
 * `before truncate` on the partitioned table refuses `truncate audit_event`; PostgreSQL does not
 * clone statement triggers to partitions, so each existing partition (the default one included)
 * gets its own here, and `ensureAuditPartitions` (src/db/partitions.ts) gives one to each
 * partition it makes from now on. The same function as 0001's, so the same message:
 * "audit_event is append-only".
 *
 * A trigger binds everyone except the tables' owner and superusers, who can disable it
 * (docs/operations.md, "The audit log").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_append_only();

    do $$
    declare
      part regclass;
    begin
      for part in select inhrelid::regclass from pg_inherits where inhparent = 'audit_event'::regclass loop
        execute format(
          'create trigger audit_event_no_truncate before truncate on %s for each statement execute function audit_event_append_only()',
          part
        );
      end loop;
    end;
    $$;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
