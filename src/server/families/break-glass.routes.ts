import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import {
  BREAK_GLASS_LIST_DAYS,
  BreakGlassCounts,
  BreakGlassDecision,
  BreakGlassGrants,
  BreakGlassRequestItem,
  BreakGlassRequestParams,
  BreakGlassRequests,
} from '../../shared/families/break-glass.contract';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import {
  countRequestsToDecide,
  countUnseenGrants,
  decideRequest,
  findMyRequests,
  findRequestItem,
  findRequestsToDecide,
  findTeamGrants,
  lockRequest,
  markGrantsSeen,
} from './break-glass.queries';
import { grantBreakGlass, grantRecord, toRequestItem } from './break-glass.service';
import { familiesPolicy, mayDecideBreakGlass } from './families.policy';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['families'];
const listSince = (now: Date) => new Date(now.getTime() - BREAK_GLASS_LIST_DAYS * 24 * 60 * 60 * 1000);
const leaderOf = (actor: Actor) =>
  actor.role === 'team_leader' && actor.teamId ? { ...actor, teamId: actor.teamId } : null;

/**
 * Break-the-glass past the daily limit (decision 0024): the requests waiting for a decision, the
 * decision, and the grants told to the leader of the family's team at once.
 */
export const breakGlassRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

  app.get(
    '/break-glass/counts',
    {
      config: { access: familiesPolicy.breakGlassRequests, unaudited: 'counts, naming no family' },
      schema: {
        tags,
        summary:
          'How many break-the-glass requests wait for me, and grants on my team’s families I have not seen',
        response: { 200: BreakGlassCounts, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const leader = leaderOf(actor);
      const toDecide = actor.role === 'team_member' ? 0 : await countRequestsToDecide(k, actor);
      const unseenGrants = leader ? await countUnseenGrants(k, leader, listSince(new Date())) : 0;
      return { toDecide, unseenGrants };
    },
  );

  app.get(
    '/break-glass/requests',
    {
      config: {
        access: familiesPolicy.breakGlassRequests,
        unaudited: 'audited when it shows others’ reasons; an empty list shows none',
      },
      schema: {
        tags,
        summary: 'Break-the-glass requests waiting for my decision, and my own of the last 7 days',
        response: { 200: BreakGlassRequests, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return k.transaction().execute(async (trx) => {
        const toDecide = actor.role === 'team_member' ? [] : await findRequestsToDecide(trx, actor);
        const mine =
          actor.role === 'administrator' ? [] : await findMyRequests(trx, actor, listSince(new Date()));
        // Others' reasons about families: the decider's reading of them is on the record.
        if (toDecide.length > 0) {
          await audit(trx, actor, {
            action: 'read',
            entity: 'break_glass_request',
            householdIds: [...new Set(toDecide.map((r) => r.household_id))],
            fields: ['reason'],
            purpose: 'break_glass',
          });
        }
        return { toDecide: toDecide.map(toRequestItem), mine: mine.map(toRequestItem) };
      });
    },
  );

  app.post(
    '/break-glass/requests/:requestId/decision',
    {
      config: { access: familiesPolicy.breakGlassDecision },
      schema: {
        tags,
        summary: 'Grant or refuse a break-the-glass request, with a reason (409 when decided meanwhile)',
        params: BreakGlassRequestParams,
        body: BreakGlassDecision,
        response: { 200: BreakGlassRequestItem, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { requestId } = request.params;
      const { granted, reason } = request.body;
      return k.transaction().execute(async (trx) => {
        const now = new Date();
        const found = await lockRequest(trx, actor.municipalityId, requestId);
        if (!found) {
          throw refused(notFound(), {
            entity: 'break_glass_request',
            entityId: requestId,
            fields: ['decide'],
            purpose: 'not_found',
          });
        }
        const relation = {
          municipalityId: actor.municipalityId,
          requesterId: found.requester_id,
          requesterRole: found.role,
          teamId: found.team_id,
        };
        if (!mayDecideBreakGlass(actor, relation)) {
          throw refused(forbidden(), {
            entity: 'break_glass_request',
            entityId: requestId,
            householdId: found.household_id,
            fields: ['decide'],
            purpose: 'access_check',
          });
        }
        const decided = found.decided_at
          ? undefined
          : await decideRequest(trx, {
              municipalityId: actor.municipalityId,
              requestId,
              deciderId: actor.userId,
              granted,
              reason,
              at: now,
            });
        if (!decided) throw fieldError('granted', 'errors.breakGlassDecided', 409);
        await audit(trx, actor, {
          action: 'update',
          entity: 'break_glass_request',
          entityId: requestId,
          householdId: found.household_id,
          fields: ['granted', 'decision_reason'],
          purpose: 'break_glass',
        });
        if (granted) {
          // The grant runs from the decision, for the municipality's minutes.
          const requester = {
            userId: found.requester_id,
            municipalityId: actor.municipalityId,
            role: found.role,
          };
          const grant = await grantBreakGlass(
            trx,
            requester,
            found.household_id,
            found.reason,
            now,
            requestId,
          );
          await audit(trx, requester, { ...grantRecord(grant.id, true), householdId: found.household_id });
        }
        const row = await findRequestItem(trx, actor.municipalityId, requestId);
        if (!row) throw new Error('the request just decided is gone');
        return toRequestItem(row);
      });
    },
  );

  app.get(
    '/break-glass/grants',
    {
      config: {
        access: familiesPolicy.breakGlassGrants,
        unaudited: 'audited when it shows grants; an empty list shows none',
      },
      schema: {
        tags,
        summary: 'Break-the-glass grants on my team’s families in the last 7 days, unseen ones flagged',
        response: { 200: BreakGlassGrants, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const leader = leaderOf(actor);
      if (!leader) return { items: [] };
      return k.transaction().execute(async (trx) => {
        const rows = await findTeamGrants(trx, leader, listSince(new Date()));
        // The reasons are case content: the leader of the family's team reads them, on the record.
        if (rows.length > 0) {
          await audit(trx, actor, {
            action: 'read',
            entity: 'break_glass_grant',
            householdIds: [...new Set(rows.map((r) => r.household_id))],
            fields: ['reason'],
            purpose: 'audit_review',
          });
        }
        return {
          items: rows.map((r) => ({
            id: r.id,
            familyId: r.household_id,
            familyReference: r.reference,
            user: { id: r.user_id, displayName: r.user_name },
            reason: r.reason,
            grantedAt: r.granted_at.toISOString(),
            expiresAt: new Date(r.expires_at).toISOString(),
            approvedBy: r.decided_by ? { id: r.decided_by, displayName: r.decider_name ?? '' } : null,
            unseen: Boolean(r.unseen),
          })),
        };
      });
    },
  );

  app.post(
    '/break-glass/grants/seen',
    {
      config: {
        access: familiesPolicy.breakGlassGrants,
        unaudited: 'marks grants seen: no one’s data is read or changed',
      },
      schema: {
        tags,
        summary: 'Mark the grants on my team’s families as seen: the header stops flagging them',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await markGrantsSeen(k, actor.municipalityId, actor.userId, new Date());
      return reply.status(204).send(null);
    },
  );
};
