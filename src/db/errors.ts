import { parse as parseConnectionString } from 'pg-connection-string';
/** A unique index or constraint refused a row (on PGlite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  // Also by the message, for a driver that leaves `constraint` empty: both name the index there.
  return e?.code === '23505' && (e.constraint === index || Boolean(e.message?.includes(index)));
}

/** A foreign key refused a change: a row still refers to the one being deleted (or the reverse). */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}

/**
 * The sentence for an operator when the PostgreSQL server of DATABASE_URL cannot be used at all
 * (not running, wrong address, refused the user, no such database, starting up, full), or
 * undefined for any other error, which the caller reports as it is. It names the host, port,
 * user and database — never the password. The address is read as pg reads it
 * (pg-connection-string: `?host=/run/postgresql`, `?user=` and socket paths too).
 */
export function databaseProblem(error: unknown, url: string | undefined): string | undefined {
  if (!url) return undefined;
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  const kind = problemKind(code, message);
  if (!kind) return undefined;
  let where: { host: string; user: string; database: string };
  try {
    const parsed = parseConnectionString(url);
    const host = parsed.host || 'localhost';
    where = {
      host: host.startsWith('/') ? `the socket in ${host}` : `${host}:${parsed.port || '5432'}`,
      user: parsed.user || '(default)',
      database: parsed.database || '(default)',
    };
  } catch {
    where = { host: 'the server of DATABASE_URL', user: '(unreadable)', database: '(unreadable)' };
  }
  const tag = code || (kind === 'timeout' ? 'timeout' : 'no code');
  switch (kind) {
    case 'unreachable':
      return `Cannot reach the PostgreSQL server at ${where.host} (${tag}). Is it running, and does DATABASE_URL name it?`;
    case 'refused':
      return `The PostgreSQL server at ${where.host} refused the user "${where.user}" (${tag}): check the user and password in DATABASE_URL, and that the server's pg_hba.conf lets this host in.`;
    case 'no-database':
      return `The database "${where.database}" does not exist on ${where.host}. Create it there, or change DATABASE_URL.`;
    case 'timeout':
      return `The PostgreSQL server at ${where.host} did not answer in time (${tag}). Is it running, does DATABASE_URL name it, and does a firewall let this host through?`;
    case 'starting':
      return `The PostgreSQL server at ${where.host} is starting up or shutting down (${tag}). Try again in a moment.`;
    case 'full':
      return `The PostgreSQL server at ${where.host} has no free connections (${tag}). Raise its max_connections, or lower the number of Staircase instances.`;
    case 'tls':
      return `The connection to the PostgreSQL server at ${where.host} failed on TLS (${tag}: ${message}). Check sslmode in DATABASE_URL against the server's settings.`;
  }
}

type ProblemKind = 'unreachable' | 'timeout' | 'refused' | 'no-database' | 'starting' | 'full' | 'tls';

/** pg's words when the connect timeout ran out (pg-pool for a new connection, pg's client, a full pool). */
const TIMED_OUT = [
  'Connection terminated due to connection timeout',
  'timeout expired',
  'timeout exceeded when trying to connect',
];

function problemKind(code: string, message: string): ProblemKind | undefined {
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
    return 'unreachable';
  // A socket path that does not exist.
  if (code === 'ENOENT' && message.includes('connect')) return 'unreachable';
  if (TIMED_OUT.includes(message)) return 'timeout';
  if (code === 'ECONNRESET' || message.startsWith('Connection terminated unexpectedly')) return 'unreachable';
  if (code === '28P01' || code === '28000') return 'refused';
  if (code === '3D000') return 'no-database';
  if (code === '57P03') return 'starting';
  if (code === '53300') return 'full';
  if (/SSL|TLS|certificate/i.test(message) && !code.match(/^[0-9A-Z]{5}$/)) return 'tls';
  return undefined;
}

/**
 * pg's and PGlite's own words when a connection or the database is gone. They come without a
 * code: pg's client once its connection has failed or closed (a terminated backend, a cut link,
 * the pool shutting down), and PGlite while it closes. Each is a state to try again from, not a
 * fault of ours.
 */
const CONNECTION_GONE = [
  // pg's client after its connection failed: every later query on it, and those queued behind
  // the one that was running when the connection broke.
  'Client has encountered a connection error and is not queryable',
  // pg's client after it was ended (by the pool or by us) while a query waited for it.
  'Client was closed and is not queryable',
  // pg's client when the server or the network ended the connection during a query; the first
  // is said when the client was ending anyway.
  'Connection terminated',
  'Connection terminated unexpectedly',
  // pg-pool after the pool was ended (the process is shutting down).
  'Cannot use a pool after calling end on the pool',
  // PGlite while it is closing, and after (the process is shutting down).
  'PGlite is closed',
  'PGlite is closing',
];

/**
 * SQLSTATE classes and codes for "the database cannot be used just now": 08 — connection
 * exception (08000, 08003 no connection, 08006 connection failure, 08001/08004 could not
 * connect); 57P — operator intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now, 57P05 idle session timeout); 53300 too many connections. 57014 (a query
 * cancelled by statement_timeout) is not among them: that is a query of ours to fix.
 */
function unavailableCode(code: string): boolean {
  return code.startsWith('08') || code.startsWith('57P') || code === '53300';
}

/**
 * The database cannot be used for now (unreachable, timed out, starting up or shutting down,
 * out of connections, or the connection was cut): a request that meets this is answered 503
 * with Retry-After, to be tried again, not 500. The one place that decides it, read from the
 * error alone (and the errors it wraps: pg-pool puts the socket's error in `cause`), so the URL
 * plays no part.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as ErrorLike | null | undefined, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const kind = problemKind(code, message);
    if (kind === 'unreachable' || kind === 'timeout' || kind === 'starting' || kind === 'full') return true;
    if (unavailableCode(code) || CONNECTION_GONE.includes(message)) return true;
  }
  return false;
}

type ErrorLike = { code?: unknown; message?: unknown; cause?: ErrorLike | null };

/**
 * The connection a query ran on is unusable after this error: the database is unavailable
 * through it (above), or the server ended the session with a FATAL or PANIC. Such a
 * connection must not go back to the pool, where the next request would get it and fail too.
 */
export function endsConnection(error: unknown): boolean {
  const severity = (error as { severity?: unknown } | null)?.severity;
  return isDatabaseUnavailable(error) || severity === 'FATAL' || severity === 'PANIC';
}

/**
 * A migration found data it cannot take forward without someone deciding about it. Nothing was
 * changed (the migrations run in one transaction); the message says what to resolve and how.
 */
export class MigrationRefusedError extends Error {
  override name = 'MigrationRefusedError';
}
