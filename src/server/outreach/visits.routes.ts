import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Q } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { Problem } from '../../shared/common/common.contract';
import { type OutreachStatus, StaircaseParams } from '../../shared/outreach/outreach.contract';
import {
  CLOCK_SKEW_MS,
  HouseholdParams,
  HouseholdVisits,
  NewVisit,
  RecordedVisit,
  StaircaseWalk,
  type Visit,
} from '../../shared/outreach/visits.contract';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { outreachPolicy, worksInArea } from './outreach.policy';
import { teamArea } from './outreach.queries';
import {
  companionOfTeam,
  conflictingVisit,
  findHousehold,
  findWalkStaircase,
  followLatestVisit,
  insertVisit,
  lockHousehold,
  teamStaff,
  type VisitRow,
  visitByClientId,
  visitsById,
  visitsOf,
  walkDoors,
} from './visits.queries';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['outreach'];
const purpose = 'outreach';
/** What a visit records: the fields its audit rows name. */
const VISIT_FIELDS = [
  'visitedAt',
  'companion',
  'outcome',
  'callBackOn',
  'reason',
  'language',
  'interpreterNeeded',
  'note',
];

/**
 * Visits at the door (issue 15 §3, decision 0048). Recording is idempotent by the device's
 * `clientId` and never refuses a visit for having been overtaken: the visit someone else
 * recorded meanwhile is named in `conflict_with` and returned beside it, so the worker sees both.
 */
export const visitsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

  /** Refuses (audited, under the household when there is one) an actor outside the area. */
  const inArea = async (
    q: Q,
    actor: Actor,
    areaId: string,
    refusal: { entity: string; entityId: string; householdId?: string },
  ) => {
    const own = actor.teamId ? await teamArea(q, actor.municipalityId, actor.teamId) : undefined;
    if (!worksInArea(actor, own?.area_id, areaId))
      throw refused(forbidden(), { ...refusal, purpose: 'access_check' });
  };

  app.post(
    '/outreach/visits',
    {
      config: { access: outreachPolicy.visits },
      schema: {
        tags,
        summary: 'Record a visit at a household’s door (the same clientId again: the stored visit, 200)',
        body: NewVisit,
        response: { 200: RecordedVisit, 201: RecordedVisit, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const v = request.body;
      if (Date.parse(v.visitedAt) > Date.now() + CLOCK_SKEW_MS)
        throw fieldError('visitedAt', 'errors.visitInFuture');
      try {
        const result = await k.transaction().execute(async (trx) => {
          const household = await lockHousehold(trx, actor.municipalityId, v.householdId);
          if (!household) throw notFound();
          await inArea(trx, actor, household.area_id, {
            entity: 'household',
            entityId: household.id,
            householdId: household.id,
          });
          const stored = await visitByClientId(trx, actor.municipalityId, v.clientId);
          if (stored) {
            // Sent again (a device that did not hear the first answer): what was stored, as it was.
            if (stored.household_id !== household.id)
              throw fieldError('clientId', 'errors.visitClientIdReused', 409);
            await audit(trx, actor, {
              action: 'read',
              entity: 'outreach_visit',
              entityId: stored.id,
              householdId: household.id,
              fields: VISIT_FIELDS,
              purpose,
            });
            return {
              ...(await views(trx, actor.municipalityId, stored.id, stored.conflict_with)),
              replayed: true,
              status: household.outreach_status as OutreachStatus,
            };
          }
          if (v.companionId && (!actor.teamId || v.companionId === actor.userId))
            throw fieldError('companionId', 'errors.visitCompanionUnknown');
          if (
            v.companionId &&
            !(await companionOfTeam(trx, actor.municipalityId, actor.teamId!, v.companionId))
          )
            throw fieldError('companionId', 'errors.visitCompanionUnknown');
          const conflict = await conflictingVisit(
            trx,
            actor.municipalityId,
            household.id,
            v.lastKnownVisitId,
            actor.userId,
          );
          const { id } = await insertVisit(trx, actor.municipalityId, {
            householdId: household.id,
            visitedAt: v.visitedAt,
            visitedBy: actor.userId,
            companionId: v.companionId ?? null,
            outcome: v.outcome,
            callBackOn: v.callBackOn ?? null,
            reason: v.reason ?? null,
            language: v.language ?? null,
            interpreterNeeded: v.interpreterNeeded,
            note: v.note ?? null,
            clientId: v.clientId,
            conflictWith: conflict?.id ?? null,
          });
          const followed = await followLatestVisit(trx, actor.municipalityId, household.id);
          await audit(trx, actor, {
            action: 'create',
            entity: 'outreach_visit',
            entityId: id,
            householdId: household.id,
            fields: VISIT_FIELDS,
            purpose,
          });
          return {
            ...(await views(trx, actor.municipalityId, id, conflict?.id ?? null)),
            replayed: false,
            status: (followed?.outreach_status ?? household.outreach_status) as OutreachStatus,
          };
        });
        reply.status(result.replayed ? 200 : 201);
        return result;
      } catch (error) {
        // The same clientId sent for two households at once: the index refuses the second.
        if (isUniqueViolation(error, 'outreach_visit_client'))
          throw fieldError('clientId', 'errors.visitClientIdReused', 409);
        throw error;
      }
    },
  );

  app.get(
    '/outreach/households/:householdId/visits',
    {
      config: { access: outreachPolicy.visits },
      schema: {
        tags,
        summary: 'A household’s visits, newest first',
        params: HouseholdParams,
        response: { 200: HouseholdVisits, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { householdId } = request.params;
      return k.transaction().execute(async (trx) => {
        const household = await findHousehold(trx, actor.municipalityId, householdId);
        if (!household) throw notFound();
        await inArea(trx, actor, household.area_id, {
          entity: 'household',
          entityId: householdId,
          householdId,
        });
        const rows = await visitsOf(trx, actor.municipalityId, [householdId]);
        await audit(trx, actor, {
          action: 'read',
          entity: 'household',
          entityId: householdId,
          householdId,
          fields: ['visits'],
          purpose,
        });
        return {
          householdId,
          status: household.outreach_status as OutreachStatus,
          items: rows.map(visitView),
        };
      });
    },
  );

  app.get(
    '/outreach/staircases/:staircaseId/walk',
    {
      config: { access: outreachPolicy.visits },
      schema: {
        tags,
        summary: 'A staircase’s walk: its doors in stair order, each household and its visits',
        params: StaircaseParams,
        response: { 200: StaircaseWalk, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { staircaseId } = request.params;
      return k.transaction().execute(async (trx) => {
        const s = await findWalkStaircase(trx, actor.municipalityId, staircaseId);
        if (!s) throw notFound();
        await inArea(trx, actor, s.area_id, { entity: 'staircase', entityId: staircaseId });
        const doors = await walkDoors(trx, actor.municipalityId, staircaseId);
        const householdIds = doors.flatMap((d) => (d.household_id ? [d.household_id] : []));
        const visits = await visitsOf(trx, actor.municipalityId, householdIds);
        const colleagues = await teamStaff(trx, actor.municipalityId, actor.teamId!);
        const byHousehold = new Map<string, Visit[]>();
        for (const row of visits)
          byHousehold.set(row.household_id, [...(byHousehold.get(row.household_id) ?? []), visitView(row)]);
        await audit(trx, actor, {
          action: 'list',
          entity: 'staircase',
          entityId: staircaseId,
          householdIds,
          fields: ['names', 'outreachStatus', 'visits'],
          purpose,
        });
        const seen = new Set<string>();
        return {
          id: s.id,
          buildingId: s.building_id,
          buildingName: s.building_name,
          street: s.street,
          number: s.number,
          entrance: s.entrance,
          postalCode: s.postal_code,
          doors: doors
            .filter((d) => {
              // Two households registered at one apartment: the door shows the first (as the picture).
              if (seen.has(d.id)) return false;
              seen.add(d.id);
              return true;
            })
            .map((d) => ({
              apartmentId: d.id,
              floor: d.floor,
              door: d.door,
              household: d.household_id
                ? {
                    id: d.household_id,
                    reference: d.reference!,
                    names: d.names ?? [],
                    status: d.outreach_status as OutreachStatus,
                    eligible: d.eligible ?? null,
                    visits: byHousehold.get(d.household_id) ?? [],
                  }
                : null,
            })),
          colleagues: colleagues.map((c) => ({ id: c.id, name: c.display_name })),
        };
      });
    },
  );
};

/** The stored visit and, if it has one, the visit it conflicts with. */
async function views(
  trx: Transaction<Database>,
  municipalityId: string,
  id: string,
  conflictId: string | null,
) {
  const rows = await visitsById(trx, municipalityId, conflictId ? [id, conflictId] : [id]);
  const visit = rows.find((r) => r.id === id)!;
  const conflict = conflictId ? rows.find((r) => r.id === conflictId) : undefined;
  return { visit: visitView(visit), conflict: conflict ? visitView(conflict) : null };
}

function visitView(r: VisitRow): Visit {
  return {
    id: r.id,
    clientId: r.client_id,
    householdId: r.household_id,
    visitedAt: r.visited_at.toISOString(),
    visitedBy: { id: r.visited_by, name: r.visited_by_name },
    companion: r.companion_id ? { id: r.companion_id, name: r.companion_name ?? '' } : null,
    outcome: r.outcome,
    callBackOn: r.call_back_on,
    reason: r.reason,
    language: r.language,
    interpreterNeeded: r.interpreter_needed,
    note: r.note,
    conflictWith: r.conflict_with,
    recordedAt: r.recorded_at.toISOString(),
  };
}
