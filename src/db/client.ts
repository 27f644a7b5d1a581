import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './lock';
import { namedStatementPool } from './named-statements';
import { oneQueryAtATime } from './one-query-at-a-time';
import type { Database } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tarball (backups, test templates). */
  dump?: () => Promise<Blob>;
}

export interface DbOptions {
  /** postgres://… — a PostgreSQL server. Without it, PGlite runs in-process. */
  url?: string | undefined;
  /** PGlite's data folder; omitted = in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /** PGlite only: start from this dumped data folder (tests start from a migrated template). */
  template?: Blob | undefined;
  /**
   * PostgreSQL only: a pooled connection failed (the server restarted, or ended it). The pool
   * drops it and opens another when needed; this only reports it. Default: one line on stderr
   * with the error's code (never its message, which may quote values).
   */
  onConnectionError?: (error: Error & { code?: string }) => void;
  /** PostgreSQL only: how long to wait for a connection (default CONNECT_TIMEOUT_MILLIS). */
  connectTimeoutMillis?: number;
}

const reportConnectionError = (error: Error & { code?: string }) =>
  process.stderr.write(`database connection lost (${error.code ?? error.name}); it will be replaced\n`);

// DATE columns stay 'yyyy-mm-dd' strings: a date has no time zone, and a JS Date would add one.
// bigint ids come back as strings on both drivers; we never do arithmetic on them.
const keepAsString = (v: string) => v;
pg.types.setTypeParser(1082, keepAsString);
pg.types.setTypeParser(20, keepAsString);

/**
 * How long an idle pooled connection is kept (pg's default is 10 s). Each connection holds its
 * named prepared statements (decision 0010): one closed after a quiet spell must prepare and
 * plan every statement again, which a fresh connection pays for on its first requests.
 */
export const POOL_IDLE_MILLIS = 5 * 60_000;

/**
 * How long to wait for a connection, new or from a full pool (pg waits for ever by default).
 * A server behind a firewall that drops packets otherwise holds a start for the operating
 * system's two minutes, and a request for as long as the client waits; this way the start says
 * so in a sentence (src/db/errors.ts) and the request gets a 503 to try again.
 */
export const CONNECT_TIMEOUT_MILLIS = 10_000;

/**
 * Connections per instance to a PostgreSQL server (`DATABASE_POOL_SIZE`). Connections beyond
 * the database server's cores mostly queue inside it rather than in the pool (bench/README.md).
 */
export const DEFAULT_POOL_SIZE = 20;

export function openDatabase(options: DbOptions): Db {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      idleTimeoutMillis: POOL_IDLE_MILLIS,
      connectionTimeoutMillis: options.connectTimeoutMillis ?? CONNECT_TIMEOUT_MILLIS,
    });
    // A connection the server ends (a restart, a failover, a terminated backend) emits 'error';
    // with no listener that ends the process. pg's pool listens only while a connection is idle,
    // so each connection gets a listener of its own for its whole life, idle or checked out
    // (the pool's own 'error', for idle ones, then needs nothing more). The pool drops the
    // broken connection; a query that was on it fails (500), the next one gets a new connection.
    const report = options.onConnectionError ?? reportConnectionError;
    pool.on('connect', (client) => client.on('error', report));
    pool.on('error', () => {});
    const kysely = new Kysely<Database>({
      dialect: oneQueryAtATime(new PostgresDialect({ pool: namedStatementPool(pool) })),
    });
    return { kysely, kind: 'postgres', close: () => kysely.destroy() };
  }
  // One process per data folder: PGlite itself does not lock it (src/db/lock.ts).
  const lock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let client: PGlite;
  try {
    client = new PGlite({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.template ? { loadDataDir: options.template } : {}),
      parsers: { 1082: keepAsString, 20: keepAsString },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const kysely = new Kysely<Database>({ dialect: oneQueryAtATime(new PGliteDialect(client)) });
  return {
    kysely,
    kind: 'pglite',
    close: async () => {
      // PGlite's start-up and its close both set process.exitCode (Emscripten's exit): a command
      // that has already failed would otherwise exit 0.
      const exitCode = process.exitCode;
      try {
        await kysely.destroy();
        // Kysely closes the client only after a query; one that ran none is still starting up in
        // the background, writing to the folder whose lock is about to be released.
        if (!client.closed) await client.close();
      } finally {
        process.exitCode = exitCode;
        lock?.release();
      }
    },
    dump: () => client.dumpDataDir('none'),
  };
}
