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
 * The database cannot be used for now (unreachable, timed out, starting up, out of connections,
 * or the connection was cut): a request that meets this is answered 503, to be tried again, not
 * 500. Read from the error alone, so the URL plays no part.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  const kind = problemKind(code, message);
  return (
    kind === 'unreachable' ||
    kind === 'timeout' ||
    kind === 'starting' ||
    kind === 'full' ||
    code.startsWith('57P')
  );
}

/**
 * A migration found data it cannot take forward without someone deciding about it. Nothing was
 * changed (the migrations run in one transaction); the message says what to resolve and how.
 */
export class MigrationRefusedError extends Error {
  override name = 'MigrationRefusedError';
}
