import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The team's week at national scale (issue 14, decision 0047): "My tasks" and "Asked of me" read
 * the open tasks only — a tenth of the tasks once a few years of closed ones have piled up. With
 * 1,000,000 tasks, My tasks read every task of the municipality (10,000 rows, to keep ~200) and
 * Asked of me every task ever routed to the specialist (~1,000, to keep ~90). These indexes hold
 * the open tasks alone, so each list reads the rows it shows:
 * - by family, for the families a person is pair of (the pair's part of My tasks);
 * - by owner, for the tasks a person owns (the owner's part);
 * - by the specialist routed to, asked or accepted, in the list's order (Asked of me).
 * The queries name the same predicates as literals (plans.queries.ts), so PostgreSQL can use the
 * partial indexes in the generic plan of a named prepared statement too (decision 0010).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create index task_open_household on task (municipality_id, household_id)
      where state not in ('done', 'dropped');
    create index task_open_owner on task (municipality_id, owner_id)
      where state not in ('done', 'dropped');
    create index task_open_routed on task (municipality_id, routed_to, updated_at, id)
      where routing_state in ('asked', 'accepted') and state not in ('done', 'dropped');
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
