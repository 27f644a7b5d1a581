/**
 * What a queries module needs to declare its own SQL snapshot cases (`export const snapshotCases`
 * beside its queries, after Immich's `@GenerateSql({ params: [DummyValue.UUID] })`):
 * scripts/sql-snapshot.ts finds every `src/server/**\/*.queries.ts`, runs its cases against a
 * Kysely that records instead of executing and writes the SQL next to it. So an area adds its
 * queries and their cases in one file and edits no central script.
 *
 * The sample values never reach the snapshot (it shows $1, $2, …); what matters is which branches
 * of a query they switch on. A module imports them as one namespace (`import * as sample`), so a
 * case reads `sample.FAMILY` and the modules do not each restate the same list of names.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor } from './http/access';

export const MUNICIPALITY = '00000000-0000-4000-8000-000000000001';
export const TEAM = '00000000-0000-4000-8000-000000000002';
export const USER = '00000000-0000-4000-8000-000000000003';
export const COLLEAGUE = '00000000-0000-4000-8000-000000000004';
export const FAMILY = '00000000-0000-4000-8000-000000000005';
export const AREA = '00000000-0000-4000-8000-000000000006';
export const NOW = new Date('2026-11-25T12:00:00Z');

/** A signed-in staff member of the sample municipality (and, for team roles, of the sample team). */
export const actor = (role: Actor['role']): Actor => ({
  userId: USER,
  municipalityId: MUNICIPALITY,
  role,
  teamId: role === 'team_member' || role === 'team_leader' ? TEAM : null,
  displayName: 'Snapshot',
});

export type SnapshotRun = (db: Kysely<Database>) => Promise<unknown>;

/** One case: a function called once. `variant` names the branch when a function has several. */
export interface SnapshotCase {
  variant?: string;
  run: SnapshotRun;
}

/** The names of a module's exported functions (its queries), leaving out the cases themselves. */
type QueryNames<M> = {
  [K in Exclude<keyof M, 'snapshotCases'>]: M[K] extends (...args: never[]) => unknown ? K : never;
}[Exclude<keyof M, 'snapshotCases'>];

/**
 * The cases of a queries module, at least one per exported function — so a query without a case
 * does not compile: `export const snapshotCases: SnapshotCases<typeof import('./x.queries')>`.
 */
export type SnapshotCases<M> = { [K in QueryNames<M>]: [SnapshotCase, ...SnapshotCase[]] };

/** Runs `work` inside a (recorded, no-op) transaction, for functions that require one. */
export const inTransaction =
  (work: (trx: Transaction<Database>) => Promise<unknown>): SnapshotRun =>
  (db) =>
    db.transaction().execute(work);
