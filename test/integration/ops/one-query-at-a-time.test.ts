import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import type { Database } from '../../../src/db/schema';
import { databaseKinds } from '../../support/databases';

/**
 * Issue 12 (5): pg warned "client.query() when the client is already executing a query" under
 * connection kills. The path: queries sent at once in a transaction (`Promise.all`) wait in
 * Kysely's queue; when the first fails, Kysely rolls back while the rest still wait — and they
 * then ran after the rollback, outside the transaction (a write of a failed transaction was
 * committed: the first test below failed so on both drivers before src/db/one-query-at-a-time.ts),
 * or on a connection already back in the pool.
 */
for (const { kind, url } of databaseKinds) {
  describe(`one unit of work at a time on a connection [${kind}]`, () => {
    const withTable = async (work: (db: Kysely<Database>, table: string) => Promise<void>) => {
      const db = openDatabase({ url, poolSize: 1 });
      const table = `probe_${Math.random().toString(36).slice(2)}`;
      try {
        await sql`create table ${sql.table(table)} (n int)`.execute(db.kysely);
        await work(db.kysely, table);
      } finally {
        await sql`drop table if exists ${sql.table(table)}`.execute(db.kysely);
        await db.close();
      }
    };
    const rowsOf = async (db: Kysely<Database>, table: string) =>
      (await sql<{ n: number }>`select n from ${sql.table(table)} order by n`.execute(db)).rows;

    it('commits nothing of a failed transaction, not even writes queued behind the query that failed', async () => {
      await withTable(async (db, table) => {
        const attempt = db.transaction().execute(async (trx) => {
          await Promise.all([
            sql`select 1 / 0`.execute(trx),
            sql`insert into ${sql.table(table)} values (1)`.execute(trx),
            sql`insert into ${sql.table(table)} values (2)`.execute(trx),
          ]);
        });
        await expect(attempt).rejects.toThrow('division by zero');
        // The queued writes are refused once the rollback has begun; give them every chance.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await rowsOf(db, table)).toEqual([]);
      });
    });

    it('runs queries one after another in a transaction, and at once on separate connections', async () => {
      const db = openDatabase({ url, poolSize: 2 });
      try {
        const inOrder = await db.kysely.transaction().execute(async (trx) => {
          const a = await sql<{ n: number }>`select 1 as n`.execute(trx);
          const b = await sql<{ n: number }>`select 2 as n`.execute(trx);
          return [a.rows[0]!.n, b.rows[0]!.n];
        });
        expect(inOrder).toEqual([1, 2]);
        const apart = await Promise.all([
          sql<{ n: number }>`select 3 as n`.execute(db.kysely),
          sql<{ n: number }>`select 4 as n`.execute(db.kysely),
        ]);
        expect(apart.map((r) => r.rows[0]!.n)).toEqual([3, 4]);
      } finally {
        await db.close();
      }
    });
  });
}
