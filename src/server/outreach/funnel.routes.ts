import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Trx } from '../../db/queryable';
import { Problem } from '../../shared/common/common.contract';
import {
  Funnel,
  FunnelExportBody,
  FunnelNoReason,
  FunnelPlaces,
  FunnelQuery,
} from '../../shared/outreach/funnel.contract';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  type RawFunnel,
  suppressed,
  unsuppressed,
} from '../../shared/outreach/funnel.suppress';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { fileResponse, sendFile } from '../http/spreadsheet';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { comparisonGroup } from './comparison-group';
import { funnelFile } from './funnel.export';
import {
  type FunnelCut,
  funnelArea,
  funnelBuilding,
  funnelCounts,
  funnelPlaces,
  funnelStaircase,
} from './funnel.queries';
import { outreachPolicy } from './outreach.policy';
import { teamArea, teamAreaName } from './outreach.queries';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['outreach'];

type Filters = Omit<z.output<typeof FunnelQuery>, 'by'>;

const isAnalyst = (a: Actor) => a.role === 'analyst';
const staircaseName = (s: { street: string; number: string; entrance: string }) =>
  `${s.street} ${s.number}${s.entrance}`;

/** Team staff may see only their own team's area: anything else is refused, and audited. */
const notTheirs = (entityId: string | null) =>
  refused(forbidden(), { entity: 'outreach_funnel', entityId, purpose: 'access_check' });

/** The team's own area, or a refusal (audited) for team staff without one. */
async function ownArea(trx: Trx, actor: Actor): Promise<string> {
  const own = actor.teamId ? await teamArea(trx, actor.municipalityId, actor.teamId) : undefined;
  if (!own) throw notTheirs(null);
  return own.area_id;
}

/**
 * The cut the filters name, checked: every place must be the municipality's (404 otherwise), the
 * narrower places must lie in the wider ones named (400, naming the field), and team staff may cut
 * only their own team's area (403, audited). Team staff without an area filter get their area.
 * Team staff's own area and its name come in one statement: the area they ask for is looked up
 * on its own only when it is not theirs, to tell 404 from 403 (decision 0056).
 */
async function resolveCut(trx: Trx, actor: Actor, f: Filters) {
  const m = actor.municipalityId;
  let areaId = f.areaId ?? null;
  let areaName: string | null = null;
  let buildingId = f.buildingId ?? null;
  let buildingName: string | null = null;
  let staircaseName_: string | null = null;
  /** Whether the area named by the filters is known to be the municipality's. */
  let areaFound = false;
  if (f.staircaseId) {
    const s = await funnelStaircase(trx, m, f.staircaseId);
    if (!s) throw notFound();
    if (buildingId && buildingId !== s.building_id) throw fieldError('staircaseId', 'errors.placeNotInArea');
    if (areaId && areaId !== s.area_id) throw fieldError('staircaseId', 'errors.placeNotInArea');
    ({ area_id: areaId, area_name: areaName, building_id: buildingId, building_name: buildingName } = s);
    staircaseName_ = staircaseName(s);
    areaFound = true;
  } else if (buildingId) {
    const b = await funnelBuilding(trx, m, buildingId);
    if (!b) throw notFound();
    if (areaId && areaId !== b.area_id) throw fieldError('buildingId', 'errors.placeNotInArea');
    ({ area_id: areaId, area_name: areaName, name: buildingName } = b);
    areaFound = true;
  }
  const areaOf = async (id: string) => {
    const a = await funnelArea(trx, m, id);
    if (!a) throw notFound();
    return a.name;
  };
  if (isAnalyst(actor)) {
    if (areaId !== null && !areaFound) areaName = await areaOf(areaId);
  } else {
    const own = actor.teamId ? await teamAreaName(trx, m, actor.teamId) : undefined;
    if (areaId === null) {
      if (!own) throw notTheirs(null);
      areaId = own.id;
      areaName = own.name;
    } else if (areaId === own?.id) {
      areaName ??= own.name;
    } else {
      if (!areaFound) await areaOf(areaId);
      throw notTheirs(own ? (f.staircaseId ?? f.buildingId ?? areaId) : null);
    }
  }
  const cut: FunnelCut = {
    areaId,
    buildingId,
    staircaseId: f.staircaseId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
  const names = { areaName, buildingName, staircaseName: staircaseName_ };
  return { cut, names };
}

/** Counts the cut and shapes it for the actor: as they are for team staff, suppressed for analysts. */
async function funnelFor(trx: Trx, actor: Actor, f: Filters) {
  const { cut, names } = await resolveCut(trx, actor, f);
  const row = await funnelCounts(trx, actor.municipalityId, cut);
  const reasonCounts = new Map((row.reasons ?? []).map((r) => [r.reason ?? 'none_given', r.n]));
  const raw: RawFunnel = {
    cut: {
      areaId: cut.areaId,
      areaName: names.areaName,
      buildingId: cut.buildingId,
      buildingName: names.buildingName,
      staircaseId: cut.staircaseId,
      staircaseName: names.staircaseName,
      from: cut.from,
      to: cut.to,
    },
    stages: {
      eligible: row.eligible,
      contacted: row.contacted,
      talked: row.talked,
      interested: row.interested,
      enrolled: row.enrolled,
    },
    months: (row.months ?? []).map((mo) => ({
      month: mo.month,
      contacted: mo.contacted,
      talked: mo.talked,
      interested: mo.interested,
      notInterested: mo.no,
      enrolled: mo.enrolled,
    })),
    reasons: FunnelNoReason.options.map((reason) => ({ reason, count: reasonCounts.get(reason) ?? 0 })),
    timeToEnrolment: {
      n: row.time_n,
      median: row.time_median === null ? null : Math.round(Number(row.time_median) * 10) / 10,
      p75: row.time_p75 === null ? null : Math.round(Number(row.time_p75) * 10) / 10,
    },
    enrolledWithoutVisit: row.enrolled_without_visit,
    comparison: row.comparison,
  };
  // The comparison group in aggregate only: never for a building or a staircase (decision 0050).
  const funnel = isAnalyst(actor)
    ? suppressed(raw, DEFAULT_SUPPRESSION_THRESHOLD, cut.buildingId === null && cut.staircaseId === null)
    : unsuppressed(raw);
  const fields = ['stages', 'months', 'reasons', 'timeToEnrolment'];
  if (funnel.comparison !== undefined) fields.push('comparison');
  return { funnel, cut, fields };
}

export const funnelRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

  app.get(
    '/outreach/funnel',
    {
      config: { access: outreachPolicy.funnel },
      schema: {
        tags,
        summary: 'The outreach funnel of an area, building or staircase, by month of first visit',
        querystring: FunnelQuery,
        response: { 200: Funnel, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { by: _by, ...filters } = request.query;
      return k.transaction().execute(async (trx) => {
        const { funnel, cut, fields } = await funnelFor(trx, actor, filters);
        await audit(trx, actor, {
          action: 'read',
          entity: 'outreach_funnel',
          entityId: cut.staircaseId ?? cut.buildingId ?? cut.areaId,
          fields,
          purpose: isAnalyst(actor) ? 'statistics' : 'outreach',
        });
        return funnel;
      });
    },
  );

  app.post(
    '/outreach/funnel/export',
    {
      config: { access: outreachPolicy.funnel },
      schema: {
        tags,
        summary: 'The outreach funnel as CSV or XLSX',
        body: FunnelExportBody,
        response: { 200: fileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, ...filters } = request.body;
      const { funnel, group } = await k.transaction().execute(async (trx) => {
        const found = await funnelFor(trx, actor, filters);
        // The page's comparison-group section, for those it is shown to (decision 0060).
        const group = outreachPolicy.comparisonCounts.allows(actor)
          ? await comparisonGroup(trx, actor.municipalityId)
          : undefined;
        await audit(trx, actor, {
          action: 'read',
          entity: 'outreach_funnel',
          entityId: found.cut.staircaseId ?? found.cut.buildingId ?? found.cut.areaId,
          fields: group ? [...found.fields, 'comparisonGroup'] : found.fields,
          purpose: 'export',
        });
        return { funnel: found.funnel, group };
      });
      const file = await funnelFile(funnel, format, request.locale, group);
      return sendFile(reply, 'funnel', format, file);
    },
  );

  app.get(
    '/outreach/funnel/places',
    {
      config: {
        access: outreachPolicy.funnel,
        unaudited:
          'names of areas and buildings and staircases’ addresses: organisation data, no household’s',
      },
      schema: {
        tags,
        summary: 'The areas, buildings and staircases the actor may cut the funnel by',
        response: { 200: FunnelPlaces, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const areaId = isAnalyst(actor) ? null : await k.transaction().execute((trx) => ownArea(trx, actor));
      const rows = await funnelPlaces(k, actor.municipalityId, areaId);
      const areas: FunnelPlaces['areas'] = [];
      for (const r of rows) {
        let area = areas.at(-1);
        if (area?.id !== r.area_id) {
          area = { id: r.area_id, name: r.area_name, buildings: [] };
          areas.push(area);
        }
        if (!r.building_id) continue;
        let building = area.buildings.at(-1);
        if (building?.id !== r.building_id) {
          building = { id: r.building_id, name: r.building_name!, staircases: [] };
          area.buildings.push(building);
        }
        if (r.staircase_id)
          building.staircases.push({
            id: r.staircase_id,
            name: staircaseName({ street: r.street!, number: r.number!, entrance: r.entrance ?? '' }),
          });
      }
      return { areas };
    },
  );
};
