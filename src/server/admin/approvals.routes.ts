import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema';
import {
  Approval,
  ApprovalList,
  ApprovalParams,
  RefuseApproval,
} from '../../shared/admin/approvals.contract';
import { Problem } from '../../shared/common/common.contract';
import type { Actor } from '../http/access';
import { notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { adminPolicy } from './admin.policy';
import { findApproval, listPendingApprovals } from './approvals.queries';
import { approve, refuse } from './approvals.service';

type Row = NonNullable<Awaited<ReturnType<typeof findApproval>>>;

function toContract(actor: Actor, r: Row): Approval {
  const status = r.decision ?? (r.expired ? 'expired' : 'pending');
  return {
    id: r.id,
    kind: r.kind,
    status,
    target: { id: r.target_id, displayName: r.target_name, username: r.target_username, role: r.target_role },
    requestedBy: { id: r.requested_by, displayName: r.requester_name },
    requestedAt: r.requested_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    decidedBy: r.decided_by && r.decider_name ? { id: r.decided_by, displayName: r.decider_name } : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reason: r.reason,
    abilities: {
      decide: status === 'pending' && actor.userId !== r.requested_by && actor.userId !== r.target_id,
    },
  };
}

/** One approval as the actor sees it (after the write that audited it, or with a read record). */
export async function readApproval(k: Kysely<Database>, actor: Actor, approvalId: string) {
  const row = await findApproval(k, actor.municipalityId, approvalId);
  if (!row) throw notFound();
  return toContract(actor, row);
}

/**
 * Resets of leaders' and administrators' ways in that wait for a second administrator (decision
 * 0025): listed for every administrator, decided by one who neither asked nor holds the account.
 */
export const approvalsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const config = { access: adminPolicy.users };
  const tags = ['admin'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

  app.get(
    '/admin/approvals',
    {
      config,
      schema: {
        tags,
        summary: 'Resets waiting for a second administrator (not yet expired)',
        response: { 200: ApprovalList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return k.transaction().execute(async (trx) => {
        const rows = await listPendingApprovals(trx, actor.municipalityId);
        // Names of staff: personal data, so the list is on the record.
        await audit(trx, actor, { action: 'list', entity: 'admin_approval', purpose: 'administration' });
        return { items: rows.map((r) => toContract(actor, r)) };
      });
    },
  );

  app.post(
    '/admin/approvals/:approvalId/approve',
    {
      config,
      schema: {
        tags,
        summary: 'Approve: the reset is made now (409 when decided meanwhile or expired)',
        params: ApprovalParams,
        response: { 200: Approval, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await approve(k, actor, request.params.approvalId);
      // Committed, with its session event: this instance forgets the account's sessions now.
      app.sessionCache.forgetUser(target);
      return readApproval(k, actor, request.params.approvalId);
    },
  );

  app.post(
    '/admin/approvals/:approvalId/refuse',
    {
      config,
      schema: {
        tags,
        summary: 'Refuse, with a reason: nothing changes on the account',
        params: ApprovalParams,
        body: RefuseApproval,
        response: { 200: Approval, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await refuse(k, actor, request.params.approvalId, request.body.reason);
      return readApproval(k, actor, request.params.approvalId);
    },
  );
};
