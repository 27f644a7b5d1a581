import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';

/**
 * The household (by its alias in the query) is a family — enrolled or exited — and not one of
 * outreach's prospects, found at the door but not enrolled (decision 0040): a prospect is not
 * found as a family, not listed in the register and not checked by the family rules. The one
 * place that says so; the same SQL as `.where('h.status', '!=', 'prospect')`.
 */
export function isFamily(household: 'h' | 'household'): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${household}.status`)} != ${'prospect'}`;
}

/** The tables that hold one family's rows: each has the tenant key and the family's id. */
export type FamilyTable = {
  [T in keyof Database]: Database[T] extends { municipality_id: string; household_id: string } ? T : never;
}[keyof Database];

/**
 * The rows of one family in a family-scoped table: the tenant first, then the family (the order
 * of the tables' keys, decision 0006), as every read of a family's members, plan, measurements
 * and consents starts. The caller adds its columns, further conditions and order; a query that
 * joins another table writes its conditions with aliases instead.
 */
export function familyRows<T extends FamilyTable>(
  db: Q,
  table: T,
  municipalityId: string,
  familyId: string,
): SelectQueryBuilder<Database, T, object> {
  // Kysely cannot see that a generic table has the two columns; every FamilyTable has them.
  return db
    .selectFrom(table as FamilyTable)
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId) as unknown as SelectQueryBuilder<Database, T, object>;
}
