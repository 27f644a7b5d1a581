import { compiledOnce } from '../../db/compiled-once';
import type { Q } from '../../db/queryable';
import * as sample from '../snapshot-samples';
import type { AuditActor, AuditEntry } from './audit';

/*
 * The audit log's writer, next to audit() (plugins/audit.ts) that every area calls: not in
 * admin/audit.queries.ts, whose queries are the audit search's reads, since the write is no
 * part of the admin area and every area's transaction sends it. Writes the areas make in a
 * statement of their own stay with their area (the family list's `shown`, the unknown account).
 */

/** One record's values, as the statement below binds them. */
interface RecordValues {
  action: AuditEntry['action'];
  entity: string;
  entityId: string | null;
  householdId: string | null;
  householdIds: string[] | null;
  fields: string[];
  purpose: string;
  breakGlass: boolean;
}

/** Each record's values under its own names, numbered by the record's place: `action0`, `action1`… */
type NumberedValues = { [K in keyof RecordValues as `${K}${number}`]: RecordValues[K] };

/*
 * Compiled once per number of records (src/db/compiled-once.ts): every family page, every write
 * and every refusal sends it, and building and compiling the insert with Kysely cost ~35 µs a
 * call against ~2 µs to bind the values (decision 0043).
 */
const insertStatement = compiledOnce(
  (
    db: Q,
    v: { municipalityId: string; actorId: string | null; actorRole: AuditActor['role'] } & NumberedValues,
    shape: { records: number },
  ) =>
    db.insertInto('audit_event').values(
      Array.from({ length: shape.records }, (_, i) => ({
        municipality_id: v.municipalityId,
        actor_id: v.actorId,
        actor_role: v.actorRole,
        action: v[`action${i}`]!,
        entity: v[`entity${i}`]!,
        entity_id: v[`entityId${i}`]!,
        household_id: v[`householdId${i}`]!,
        household_ids: v[`householdIds${i}`]!,
        fields: v[`fields${i}`]!,
        purpose: v[`purpose${i}`]!,
        break_glass: v[`breakGlass${i}`]!,
      })),
    ),
);

/** Audit records of one actor, in one statement: all or none are written. */
export async function insertAuditEvents(db: Q, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  const values: Parameters<typeof insertStatement>[2] = {
    municipalityId: actor.municipalityId,
    actorId: actor.userId,
    actorRole: actor.role,
  };
  entries.forEach((entry, i) => {
    values[`action${i}`] = entry.action;
    values[`entity${i}`] = entry.entity;
    values[`entityId${i}`] = entry.entityId ?? null;
    values[`householdId${i}`] = entry.householdId ?? null;
    values[`householdIds${i}`] = entry.householdIds ?? null;
    values[`fields${i}`] = entry.fields ?? [];
    values[`purpose${i}`] = entry.purpose;
    values[`breakGlass${i}`] = entry.breakGlass ?? false;
  });
  await db.executeQuery(insertStatement(db, { records: entries.length }, values));
}

/**
 * The SQL snapshot of this module (audit.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./audit.queries')> = {
  insertAuditEvents: [
    {
      variant: 'two records',
      run: sample.inTransaction((trx) =>
        insertAuditEvents(
          trx,
          { userId: sample.USER, municipalityId: sample.MUNICIPALITY, role: 'team_member' },
          [
            {
              action: 'read',
              entity: 'household',
              entityId: sample.FAMILY,
              householdId: sample.FAMILY,
              fields: ['address'],
              purpose: 'case_work',
            },
            {
              action: 'read',
              entity: 'person',
              householdIds: [sample.FAMILY],
              purpose: 'case_work',
              breakGlass: true,
            },
          ],
        ),
      ),
    },
  ],
};
