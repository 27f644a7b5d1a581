import { type RawBuilder, sql } from 'kysely';

/**
 * Search and order of names as Danish users expect, the same on PGlite and PostgreSQL
 * (decision 0021). The rules are SQL functions of migration 0011: `search_fold` (what a search
 * compares: no case, no accents, æ→ae, ø→o, aa→a), `search_pattern` (a search as a `like`
 * pattern over folded text) and `danish_sort_key` (æ, ø, å after z, in byte order).
 */

/**
 * The user's search as the pattern for folded text, worked out once for the statement (an
 * uncorrelated subquery), never per row.
 */
export function searchPattern(q: unknown): RawBuilder<string> {
  return sql<string>`(select search_pattern(${q}))`;
}

/** A text column folded for search, for small tables without a stored folded column (staff). */
export function folded(column: string): RawBuilder<string> {
  return sql<string>`search_fold(${sql.ref(column)})`;
}

/** A text column's Danish alphabetical order, whatever the database's collation. */
export function danishOrder(column: string): RawBuilder<string> {
  return sql<string>`danish_sort_key(${sql.ref(column)}) collate "C"`;
}
