/** A unique index or constraint refused a row (on PGlite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  // Also by the message, for a driver that leaves `constraint` empty: both name the index there.
  return e?.code === '23505' && (e.constraint === index || Boolean(e.message?.includes(index)));
}

/**
 * The sentence for an operator when the PostgreSQL server of DATABASE_URL cannot be used at all
 * (not running, wrong address, wrong user or password, no such database), or undefined for any
 * other error. It names the host, port, user and database — never the password.
 */
export function databaseProblem(error: unknown, url: string | undefined): string | undefined {
  if (!url) return undefined;
  const code = (error as { code?: string } | null)?.code;
  let where: { host: string; user: string; database: string };
  try {
    const parsed = new URL(url);
    where = {
      host: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
      user: decodeURIComponent(parsed.username) || '(default)',
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)',
    };
  } catch {
    return 'DATABASE_URL is not a valid postgres:// address.';
  }
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `Cannot reach the PostgreSQL server at ${where.host} (${code}). Is it running, and does DATABASE_URL name it?`;
    case '28P01':
    case '28000':
      return `The PostgreSQL server at ${where.host} refused the user "${where.user}" (${code}). Check the user and password in DATABASE_URL.`;
    case '3D000':
      return `The database "${where.database}" does not exist on ${where.host}. Create it (createdb ${where.database}) or change DATABASE_URL.`;
    default:
      return undefined;
  }
}
