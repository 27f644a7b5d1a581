import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuditAction } from '../../shared/admin/audit.contract';
import type { Actor } from '../http/access';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  householdId?: string | null;
  fields?: string[];
  purpose: string;
  breakGlass?: boolean;
}

/**
 * Appends to the audit log: who, when, which record, which fields, why. Call it with the
 * transaction that reads or writes the data, so the record and the access stand or fall together.
 */
export async function audit(
  db: Kysely<Database> | Transaction<Database>,
  actor: { userId: string | null; municipalityId: string; role: Actor['role'] | null },
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      municipality_id: actor.municipalityId,
      actor_id: actor.userId,
      actor_role: actor.role,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      household_id: entry.householdId ?? null,
      fields: entry.fields ?? [],
      purpose: entry.purpose,
      break_glass: entry.breakGlass ?? false,
    })
    .execute();
}
