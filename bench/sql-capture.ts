import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { Database } from '../src/db/schema';

/**
 * A Kysely that only compiles: the statements the app's query functions would send, captured
 * in order for EXPLAIN (bench/audit.ts, bench/audit-filters.ts). The dummy driver answers no
 * row, so a query function that insists on one throws after its statement is captured.
 */
export function compileOnly(): { db: Kysely<Database>; captured: CompiledQuery[] } {
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured.push(event.query);
    },
  });
  return { db, captured };
}

/** A parameter written into SQL text, for `EXECUTE name(…)` of a prepared statement. */
export const sqlLiteral = (v: unknown): string =>
  Array.isArray(v)
    ? // An array as PostgreSQL's literal '{"a","b"}' (the leader's team family ids).
      sqlLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
    : v instanceof Date
      ? `'${v.toISOString()}'`
      : typeof v === 'string'
        ? `'${v.replace(/'/g, "''")}'`
        : String(v);
