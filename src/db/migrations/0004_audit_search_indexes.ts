import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Indexes for the audit search's filters at national scale (docs/decisions/0012-audit-search-bounded.md).
 * The period and the leader's scope ride on the primary key (municipality_id, at, id), read
 * newest first; the actor and family filters have their indexes since 0001. Added here: the
 * action filter (and the leader's 7-day break-the-glass count), and break-the-glass events —
 * few among millions, so a partial index holds only them. `id` last, so each index yields the
 * page's order (at desc, id desc) without a sort.
 *
 * An index on the partitioned table is made on every partition, now and when a month's
 * partition is created. PostgreSQL cannot build it CONCURRENTLY on a partitioned table: on a
 * large log, take the migration at a quiet hour (the build locks writes to the log).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create index audit_event_action on audit_event (municipality_id, action, at, id);
    create index audit_event_break_glass on audit_event (municipality_id, at, id) where break_glass;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
