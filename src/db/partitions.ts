import { sql } from 'kysely';
import type { Db } from './client';

/**
 * Monthly partitions of the audit log for this month and the next `ahead` months.
 * Made ahead of time, so rows never land in the default partition (which would block
 * creating that month's partition later). Called by migrate and once a day by the server.
 *
 * Each partition refuses TRUNCATE with its own statement trigger (migration 0008): PostgreSQL
 * clones the parent's row triggers (UPDATE, DELETE) to a new partition, but not its statement
 * triggers, so `truncate audit_event_2027_01` would otherwise empty that month. The trigger is
 * added when missing — looked up first, so the hourly call takes no lock on a month that has it.
 */
export async function ensureAuditPartitions(db: Db, now: Date, ahead = 2): Promise<void> {
  for (let i = 0; i <= ahead; i++) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const name = `audit_event_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
    await sql`
      create table if not exists ${sql.table(name)} partition of audit_event
      for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})
    `.execute(db.kysely);
    const { rows } = await sql`
      select 1 from pg_trigger
      where tgrelid = to_regclass(${name}) and tgname = 'audit_event_no_truncate'
    `.execute(db.kysely);
    if (rows.length === 0) {
      // "or replace": two instances starting at once both find it missing; neither fails.
      await sql`
        create or replace trigger audit_event_no_truncate before truncate on ${sql.table(name)}
        for each statement execute function audit_event_append_only()
      `.execute(db.kysely);
    }
  }
}
