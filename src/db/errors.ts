/** A unique index or constraint refused a row (on PGlite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  // Also by the message, for a driver that leaves `constraint` empty: both name the index there.
  return e?.code === '23505' && (e.constraint === index || Boolean(e.message?.includes(index)));
}
