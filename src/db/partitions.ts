import { sql } from 'kysely';
import type { Db } from './client';

/**
 * Monthly partitions of the audit log for this month and the next `ahead` months.
 * Made ahead of time, so rows never land in the default partition (which would block
 * creating that month's partition later). Called by migrate and once a day by the server.
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
  }
}
