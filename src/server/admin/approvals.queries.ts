import { sql, type Transaction } from 'kysely';
import type { Q } from '../../db/queryable';
import type { AdminApprovalTable, Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { APPROVAL_HOURS } from '../../shared/admin/approvals.contract';
import * as sample from '../snapshot-samples';

/** A reset waiting for a second administrator; it lapses APPROVAL_HOURS later by the database's clock. */
export function insertApproval(
  db: Q,
  row: {
    municipality_id: string;
    kind: AdminApprovalTable['kind'];
    target_id: string;
    requested_by: string;
    password_hash: string | null;
    oidc_subject: string | null;
  },
) {
  return db
    .insertInto('admin_approval')
    .values({ ...row, expires_at: sql<Date>`now() + make_interval(hours => ${sql.lit(APPROVAL_HOURS)})` })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The approvals with the names they show; `pendingOnly` for the administrators' list. */
function selectApprovals(db: Q, municipalityId: string) {
  return db
    .selectFrom('admin_approval as a')
    .innerJoin('app_user as t', (j) => sameTenant(j, 't.id', 'a.target_id'))
    .innerJoin('app_user as r', (j) => sameTenant(j, 'r.id', 'a.requested_by'))
    .leftJoin('app_user as d', (j) => sameTenant(j, 'd.id', 'a.decided_by'))
    .select([
      'a.id',
      'a.kind',
      'a.target_id',
      't.display_name as target_name',
      't.username as target_username',
      't.role as target_role',
      'a.requested_by',
      'r.display_name as requester_name',
      'a.requested_at',
      'a.expires_at',
      'a.decided_by',
      'd.display_name as decider_name',
      'a.decided_at',
      'a.decision',
      'a.reason',
      sql<boolean>`a.expires_at <= now()`.as('expired'),
    ])
    .where('a.municipality_id', '=', municipalityId);
}

/** Pending approvals not yet lapsed, oldest first. */
export function listPendingApprovals(db: Q, municipalityId: string) {
  return selectApprovals(db, municipalityId)
    .where('a.decision', 'is', null)
    .where('a.expires_at', '>', sql<Date>`now()`)
    .orderBy('a.requested_at')
    .orderBy('a.id')
    .execute();
}

export function findApproval(db: Q, municipalityId: string, id: string) {
  return selectApprovals(db, municipalityId).where('a.id', '=', id).executeTakeFirst();
}

/**
 * The approval, locked until the transaction ends: of two administrators deciding at once, the
 * second waits and then finds it decided.
 */
export function lockApproval(trx: Transaction<Database>, municipalityId: string, id: string) {
  return trx
    .selectFrom('admin_approval')
    .select([
      'id',
      'kind',
      'target_id',
      'requested_by',
      'password_hash',
      'oidc_subject',
      'decision',
      sql<boolean>`expires_at <= now()`.as('expired'),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Records the decision; what the reset would have set is forgotten either way. */
export function decideApproval(
  trx: Transaction<Database>,
  municipalityId: string,
  id: string,
  decidedBy: string,
  decision: 'approved' | 'refused',
  reason: string | null,
) {
  return trx
    .updateTable('admin_approval')
    .set({
      decision,
      decided_by: decidedBy,
      decided_at: sql<Date>`now()`,
      reason,
      password_hash: null,
      oidc_subject: null,
    })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .execute();
}

/**
 * The SQL snapshot of this module (approvals.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./approvals.queries')> = {
  insertApproval: [
    {
      run: (db) =>
        insertApproval(db, {
          municipality_id: sample.MUNICIPALITY,
          kind: 'password',
          target_id: sample.COLLEAGUE,
          requested_by: sample.USER,
          password_hash: 'hash',
          oidc_subject: null,
        }),
    },
  ],
  listPendingApprovals: [{ run: (db) => listPendingApprovals(db, sample.MUNICIPALITY) }],
  findApproval: [{ run: (db) => findApproval(db, sample.MUNICIPALITY, sample.AREA) }],
  lockApproval: [{ run: sample.inTransaction((trx) => lockApproval(trx, sample.MUNICIPALITY, sample.AREA)) }],
  decideApproval: [
    {
      run: sample.inTransaction((trx) =>
        decideApproval(trx, sample.MUNICIPALITY, sample.AREA, sample.USER, 'refused', 'Not asked for'),
      ),
    },
  ],
};
