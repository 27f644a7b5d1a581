import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { FAMILY, inTransaction, MUNICIPALITY, type SnapshotCases, USER } from '../snapshot-samples';
import type { AuditActor, AuditEntry } from './audit';

/*
 * The audit log's writer, next to audit() (plugins/audit.ts) that every area calls: not in
 * admin/audit.queries.ts, whose queries are the audit search's reads, since the write is no
 * part of the admin area and every area's transaction sends it. Writes the areas make in a
 * statement of their own stay with their area (the family list's `shown`, the unknown account).
 */

/** Audit records of one actor, in one statement: all or none are written. */
export function insertAuditEvents(
  db: Kysely<Database> | Transaction<Database>,
  actor: AuditActor,
  entries: AuditEntry[],
) {
  return db
    .insertInto('audit_event')
    .values(
      entries.map((entry) => ({
        municipality_id: actor.municipalityId,
        actor_id: actor.userId,
        actor_role: actor.role,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId ?? null,
        household_id: entry.householdId ?? null,
        household_ids: entry.householdIds ?? null,
        fields: entry.fields ?? [],
        purpose: entry.purpose,
        break_glass: entry.breakGlass ?? false,
      })),
    )
    .execute();
}

/**
 * The SQL snapshot of this module (audit.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: SnapshotCases<typeof import('./audit.queries')> = {
  insertAuditEvents: [
    {
      variant: 'two records',
      run: inTransaction((trx) =>
        insertAuditEvents(trx, { userId: USER, municipalityId: MUNICIPALITY, role: 'team_member' }, [
          {
            action: 'read',
            entity: 'household',
            entityId: FAMILY,
            householdId: FAMILY,
            fields: ['address'],
            purpose: 'case_work',
          },
          {
            action: 'read',
            entity: 'person',
            householdIds: [FAMILY],
            purpose: 'case_work',
            breakGlass: true,
          },
        ]),
      ),
    },
  ],
};
