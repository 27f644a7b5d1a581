import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import {
  AUDIT_COUNT_CAP,
  AuditActorList,
  AuditList,
  AuditQuery,
  auditPeriod,
  BreakGlassSummary,
} from '../../shared/admin/audit.contract';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { AppError } from '../http/problem';
import { actorOf } from '../plugins/access';
import { auditAll } from '../plugins/audit';
import { adminPolicy, familyInAuditScope, mayReadBreakGlassReason } from './admin.policy';
import {
  auditActors,
  countAudit,
  countBreakGlass,
  findAuditFamily,
  planForValues,
  scopedFilter,
  searchAudit,
} from './audit.queries';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      config: { access: adminPolicy.auditSearch },
      schema: {
        tags: ['admin'],
        summary:
          'Search the audit log: a period of at most 12 months (default the last 30 days), counted up to 1,000',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: Problem, 403: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const period = auditPeriod(request.query, today());
      if (period.errors.length) throw new AppError(400, 'problems.validation', period.errors);
      const { householdReference, ...query } = request.query;
      // A family by its reference is searched as by its id. An unknown reference, or one that
      // names another family than `householdId`, matches nothing. The search's scope applies
      // as ever: another team's reference finds only events the leader may see anyway.
      const { items, count } = await db.kysely.transaction().execute(async (trx) => {
        await planForValues(trx);
        const key = householdReference
          ? { reference: householdReference }
          : query.householdId
            ? { id: query.householdId }
            : undefined;
        const family = key ? await findAuditFamily(trx, actor.municipalityId, key) : undefined;
        const referenced = householdReference ? (family?.id ?? null) : undefined;
        // The search's own audit record names the family only within the searcher's scope — by
        // reference or by id alike: a leader reading their own search back must not learn
        // another team's family's reference (or that it exists) from it.
        const recordedFamily =
          family && familyInAuditScope(actor, { teamId: family.team_id }) ? family.id : undefined;
        const nothing =
          referenced === null ||
          (referenced !== undefined && query.householdId !== undefined && referenced !== query.householdId);
        const householdId = referenced ?? query.householdId;
        const filter = { ...query, householdId, from: period.from, to: period.to };
        const scoped = nothing ? undefined : await scopedFilter(trx, actor, filter);
        const [rows, counted] = scoped
          ? [await searchAudit(trx, actor, scoped), await countAudit(trx, actor, scoped, AUDIT_COUNT_CAP)]
          : [[], { count: '0' }];
        const count = Number(counted.count);
        const items = rows.map((r) => {
          const reason =
            r.grant_reason !== null && mayReadBreakGlassReason(actor, { teamId: r.household_team_id })
              ? r.grant_reason
              : null;
          return { row: r, reason };
        });
        // Reading the audit log is itself audited: who looked at whose access. A break-the-glass
        // reason shown is case content about its family, so it is recorded as read, with the
        // family, in the family's own access log too — in the transaction that read them.
        await auditAll(trx, actor, [
          {
            action: 'read',
            entity: 'audit_event',
            householdId: recordedFamily ?? null,
            fields: Object.keys(request.query),
            purpose: 'audit_review',
          },
          ...items
            .filter((i) => i.reason !== null)
            .map((i) => ({
              action: 'read' as const,
              entity: 'break_glass_grant',
              entityId: i.row.grant_id,
              householdId: i.row.household_id,
              fields: ['reason'],
              purpose: 'audit_review',
            })),
        ]);
        return { items, count };
      });
      return {
        items: items.map(({ row: r, reason }) => ({
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
          listedFamilies: r.listed_families && r.listed_families.count > 0 ? r.listed_families : null,
          fields: r.fields,
          purpose: r.purpose,
          breakGlass: r.break_glass,
          subjectHash: r.subject_hash,
          breakGlassGrant: r.grant_expires_at
            ? { expiresAt: r.grant_expires_at.toISOString(), reason }
            : null,
        })),
        total: Math.min(count, AUDIT_COUNT_CAP),
        totalCapped: count > AUDIT_COUNT_CAP,
        from: period.from,
        to: period.to,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/audit/actors',
    {
      config: { access: adminPolicy.auditSearch },
      schema: {
        tags: ['admin'],
        summary: 'The municipality’s accounts, for the audit search’s staff-member filter',
        response: { 200: AuditActorList, 403: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Staff names are personal data: the list is audited like the administrator's user search.
      const rows = await db.kysely.transaction().execute(async (trx) => {
        const found = await auditActors(trx, actor.municipalityId);
        await auditAll(trx, actor, [
          {
            action: 'list',
            entity: 'app_user',
            fields: ['displayName', 'role', 'teamId', 'status'],
            purpose: 'audit_review',
          },
        ]);
        return found;
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          displayName: r.display_name,
          role: r.role,
          teamName: r.team_name,
          disabled: r.disabled_at !== null,
        })),
      };
    },
  );

  app.get(
    '/audit/break-glass-summary',
    {
      config: {
        access: adminPolicy.auditSearch,
        unaudited: 'counts, naming no one (the events are read in the audited search)',
      },
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
