import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import { serverUrl, testDatabaseUrl } from '../../support/databases';

/**
 * A pooled connection that the server ends while it sits idle (a restart, a terminated backend,
 * an idle timeout) must not take the process down: the pool reports it and replaces it.
 * PGlite has no server to lose, so this runs on PostgreSQL; CI has one.
 */
describe.skipIf(!serverUrl)('idle pooled connections the server ends [postgres]', () => {
  it('reports the lost connection and answers the next query on a new one', async () => {
    const lost: { code?: string }[] = [];
    const db = openDatabase({
      url: testDatabaseUrl(),
      poolSize: 1,
      onConnectionError: (error) => lost.push(error),
    });
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
      const pid = first.rows[0]!.pid;
      // Another connection ends the pooled one while it is idle in the pool.
      const killer = openDatabase({ url: testDatabaseUrl(), poolSize: 1 });
      try {
        await sql`select pg_terminate_backend(${pid})`.execute(killer.kysely);
      } finally {
        await killer.close();
      }
      await expect.poll(() => lost.length).toBe(1);
      expect(lost[0]!.code).toBe('57P01');
      const next = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
      expect(next.rows[0]!.pid).not.toBe(pid);
    } finally {
      await db.close();
    }
  });

  it('survives a connection ended while checked out, between two statements of a transaction', async () => {
    const lost: { code?: string }[] = [];
    const db = openDatabase({ url: testDatabaseUrl(), poolSize: 1, onConnectionError: (e) => lost.push(e) });
    const killer = openDatabase({ url: testDatabaseUrl(), poolSize: 1 });
    try {
      const attempt = db.kysely.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(killer.kysely);
        // The connection is checked out and idle between statements when the server ends it.
        await expect.poll(() => lost.length).toBe(1);
        await sql`select 1`.execute(trx);
      });
      await expect(attempt).rejects.toThrow();
      const after = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await killer.close();
      await db.close();
    }
  });

  it('never hands out again a connection the server ended during a query: the waiting request gets a new one', async () => {
    const db = openDatabase({ url: testDatabaseUrl(), poolSize: 1, onConnectionError: () => {} });
    const killer = openDatabase({ url: testDatabaseUrl(), poolSize: 1 });
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely);
      const pid = first.rows[0]!.pid;
      // One connection: the second request waits for the first's, which the server ends mid-query.
      // Both outcomes are caught at once: the first's rejection can arrive before this test awaits it,
      // and a rejection nobody has caught yet is reported by Vitest as an unhandled error.
      const slow = settled(sql`select pg_sleep(5)`.execute(db.kysely));
      const waiting = settled(sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely));
      await expect
        .poll(
          async () =>
            (
              await sql<{
                n: number;
              }>`select count(*)::int as n from pg_stat_activity where pid = ${pid} and query like '%pg_sleep%'`.execute(
                killer.kysely,
              )
            ).rows[0]!.n,
        )
        .toBe(1);
      await sql`select pg_terminate_backend(${pid})`.execute(killer.kysely);
      expect(await slow).toMatchObject({ status: 'rejected', reason: { code: '57P01' } });
      const next = await waiting;
      expect(next.status).toBe('fulfilled');
      expect(next.status === 'fulfilled' && next.value.rows[0]!.pid).not.toBe(pid);
    } finally {
      await killer.close();
      await db.close();
    }
  });
});

/** The promise's outcome as a value, caught from the moment it is made. */
function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  );
}
