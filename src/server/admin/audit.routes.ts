import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { AuditList, AuditQuery, BreakGlassSummary } from '../../shared/admin/audit.contract';
import { Problem } from '../../shared/common/common.contract';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { adminPolicy } from './admin.policy';
import { countBreakGlass, searchAudit } from './audit.queries';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      config: { access: adminPolicy.auditSearch },
      schema: {
        tags: ['admin'],
        summary: 'Search the audit log',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: Problem, 403: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await searchAudit(db.kysely, actor, request.query);
      // Past the last page no row carries count(*) over (): count from the first page instead.
      const counted =
        rows.length || request.query.page === 1
          ? rows
          : await searchAudit(db.kysely, actor, { ...request.query, page: 1, pageSize: 1 });
      const total = Number(counted[0]?.total ?? 0);
      // Reading the audit log is itself audited: who looked at whose access.
      await audit(db.kysely, actor, {
        action: 'read',
        entity: 'audit_event',
        householdId: request.query.householdId ?? null,
        fields: Object.keys(request.query),
        purpose: 'audit_review',
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actor_id
            ? { id: r.actor_id, displayName: r.actor_name ?? '', role: r.actor_role ?? '' }
            : null,
          ...(!r.actor_id && r.actor_role === 'command_line' ? { commandLine: true } : {}),
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          householdId: r.household_id,
          householdReference: r.household_reference,
          fields: r.fields,
          purpose: r.purpose,
          breakGlass: r.break_glass,
        })),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/audit/break-glass-summary',
    {
      config: { access: adminPolicy.auditSearch },
      schema: {
        tags: ['admin'],
        summary: 'Break-the-glass grants in the last 7 days: flagged to the leader',
        response: { 200: BreakGlassSummary, 403: Problem },
      },
    },
    async (request) => {
      const since = new Date(Date.now() - 7 * 86_400_000);
      const row = await countBreakGlass(db.kysely, actorOf(request), since);
      return { count: Number(row.count), since: since.toISOString() };
    },
  );
};
