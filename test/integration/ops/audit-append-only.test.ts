/**
 * The audit log is append-only for everyone but its tables' owner: UPDATE and DELETE are refused
 * by a row trigger (migration 0001), TRUNCATE by a statement trigger on the partitioned table and
 * on each partition (0008; new months by ensureAuditPartitions).
 */
import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { ensureAuditPartitions } from '../../../src/db/partitions';
import { describeEachDatabase } from '../../support/harness';

const partitionOf = (at: Date) =>
  `audit_event_${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

describeEachDatabase('the audit log is append-only', (h) => {
  const municipalityId = randomUUID();
  const now = new Date();

  /**
   * Runs a statement in a transaction that is always rolled back, and fails with its error. A
   * statement that succeeds fails too ("was not refused"), and its effect is undone: the
   * PostgreSQL test database is shared by the test files running at the same time.
   */
  const attempt = (statement: RawBuilder<unknown>) =>
    h()
      .db.kysely.transaction()
      .execute(async (trx) => {
        await statement.execute(trx);
        throw new Error('was not refused (rolled back)');
      });

  const rowsOfThisTest = async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_event where municipality_id = ${municipalityId}
    `.execute(h().db.kysely);
    return rows[0]!.n;
  };

  beforeAll(async () => {
    // One row this month and one in the default partition (a year with no partition of its own).
    await h()
      .db.kysely.insertInto('audit_event')
      .values(
        [now.toISOString(), '1990-06-01T00:00:00Z'].map((at) => ({
          municipality_id: municipalityId,
          at,
          action: 'read',
          entity: 'household',
          purpose: 'append_only_test',
        })),
      )
      .execute();
  });

  it('refuses UPDATE and DELETE', async () => {
    await expect(
      attempt(sql`update audit_event set purpose = 'tampered' where municipality_id = ${municipalityId}`),
    ).rejects.toThrow(/append-only/);
    await expect(
      attempt(sql`delete from audit_event where municipality_id = ${municipalityId}`),
    ).rejects.toThrow(/append-only/);
    expect(await rowsOfThisTest()).toBe(2);
  });

  it('refuses TRUNCATE of the partitioned table, of this month’s partition and of the default one', async () => {
    await expect(attempt(sql`truncate audit_event`)).rejects.toThrow(/append-only/);
    await expect(attempt(sql`truncate ${sql.table(partitionOf(now))}`)).rejects.toThrow(/append-only/);
    await expect(attempt(sql`truncate audit_event_default`)).rejects.toThrow(/append-only/);
    expect(await rowsOfThisTest()).toBe(2);
  });

  it('gives each partition it makes from now on the same guard, once', async () => {
    const later = new Date(Date.UTC(2099, 0, 15));
    await ensureAuditPartitions(h().db, later);
    await ensureAuditPartitions(h().db, later); // again, as the hourly job does: no error, no second trigger
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_trigger
      where tgrelid = to_regclass('audit_event_2099_03') and tgname = 'audit_event_no_truncate'
    `.execute(h().db.kysely);
    expect(rows[0]!.n).toBe(1);
    await expect(attempt(sql`truncate audit_event_2099_01`)).rejects.toThrow(/append-only/);
    await expect(attempt(sql`truncate audit_event_2099_03`)).rejects.toThrow(/append-only/);
  });
});
