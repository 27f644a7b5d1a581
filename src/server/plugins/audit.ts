import type { Q } from '../../db/queryable';
import type { AuditAction } from '../../shared/admin/audit.contract';
import type { Actor } from '../http/access';
import { insertAuditEvents } from './audit.queries';

/**
 * Who the record names: a signed-in actor, nobody (a failed sign-in), or the command line
 * (`staircase create-user`, run by an operator on the server: no user id, role 'command_line').
 */
export interface AuditActor {
  userId: string | null;
  municipalityId: string;
  role: Actor['role'] | 'command_line' | null;
}

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  householdId?: string | null;
  /** The families a list, an export or a batch read showed: one record for them all (decision 0022). */
  householdIds?: string[];
  fields?: string[];
  purpose: string;
  breakGlass?: boolean;
}

/** What a refusal is recorded as (action `denied`): which record or route, which action, why. */
export type Refusal = Omit<AuditEntry, 'action' | 'breakGlass'>;

const refusals = new WeakMap<Error, Refusal>();

/**
 * Marks an error as the refusal of a read or write of personal data. The access plugin's
 * onError hook (plugins/access.ts) writes the audit record when the request fails with it, on
 * its own (the transaction the refusal happened in is rolled back), for the signed-in actor —
 * also when the refusal comes before any record exists (a refused create).
 */
export function refused<E extends Error>(error: E, refusal: Refusal): E {
  refusals.set(error, refusal);
  return error;
}

export const refusalOf = (error: Error): Refusal | undefined => refusals.get(error);

/**
 * Several audit records of one actor, in one statement (so all or none are written): a read
 * that shows several kinds of record names each of them.
 */
export async function auditAll(db: Q, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertAuditEvents(db, actor, entries);
}

/**
 * Appends to the audit log: who, when, which record, which fields, why. Call it with the
 * transaction that reads or writes the data, so the record and the access stand or fall together.
 */
export async function audit(db: Q, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await auditAll(db, actor, [entry]);
}
