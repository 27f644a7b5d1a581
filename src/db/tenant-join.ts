import type { JoinBuilder, ReferenceExpression } from 'kysely';

/** A column of a joined table that has the tenant key, written `alias.column`. */
type TenantColumn<DB, TB extends keyof DB> = {
  [T in TB]: DB[T] extends { municipality_id: unknown } ? `${T & string}.${keyof DB[T] & string}` : never;
}[TB];

/**
 * The join condition between two tenant tables: the same municipality, then the key. Every
 * foreign key includes `municipality_id` (decision 0006), so a join that followed the id alone
 * would neither use those keys' indexes nor stop at the tenant's wall; writing both halves in
 * one place means no join can forget the first. `sameTenant(j, 't.id', 'u.team_id')` is
 * `t.municipality_id = u.municipality_id and t.id = u.team_id`.
 */
export function sameTenant<DB, TB extends keyof DB>(
  join: JoinBuilder<DB, TB>,
  column: TenantColumn<DB, TB>,
  other: TenantColumn<DB, TB>,
): JoinBuilder<DB, TB> {
  return join
    .onRef(tenantOf<DB, TB>(column), '=', tenantOf<DB, TB>(other))
    .onRef(column as ReferenceExpression<DB, TB>, '=', other as ReferenceExpression<DB, TB>);
}

function tenantOf<DB, TB extends keyof DB>(column: string): ReferenceExpression<DB, TB> {
  // TenantColumn admits only aliases of tables with the key, so the reference exists.
  return `${column.slice(0, column.indexOf('.'))}.municipality_id` as ReferenceExpression<DB, TB>;
}
