import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import { formatAddress } from '../../shared/families/address';
import { BreakGlassPending } from '../../shared/families/break-glass.contract';
import { normaliseCpr } from '../../shared/families/cpr';
import type { FamilyStatus as FamilyStatusValue } from '../../shared/families/families.contract';
import {
  AssignPair,
  BreakGlassGrant,
  BreakGlassRequest,
  CreateFamily,
  EXPORT_LIMIT,
  FamilyDetail,
  FamilyExportQuery,
  FamilyList,
  FamilyListQuery,
  FamilyParams,
  HistoryList,
  HistoryQuery,
  UpdateFamily,
} from '../../shared/families/families.contract';
import { statusDateProblems } from '../../shared/families/rules';
import type { FamilyRelation } from '../access/family-access';
import { familyRoutes } from '../access/family-route';
import { areaExists } from '../admin/organisation.queries';
import { fieldError, forbidden, versionConflict } from '../http/problem';
import { fileResponse, sendFile } from '../http/spreadsheet';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { breakGlass, grantRecord } from './break-glass.service';
import { insertMember, saveEdit } from './families.changes';
import { storedFamilyProblems } from './families.check';
import { changesOf, householdColumns } from './families.columns';
import { familyConsentsRoutes } from './families.consents.routes';
import { BASIC_FIELDS, FULL_FIELDS, familyPageRead, loadDetail, pairOf } from './families.detail';
import { familiesFile } from './families.export';
import { familyMembersRoutes } from './families.members.routes';
import { familiesPolicy, familyActions } from './families.policy';
import {
  countFamilies,
  endPairOfFamily,
  findHistory,
  findHousehold,
  findHouseholdForUpdate,
  insertHousehold,
  insertPair,
  listFamilies,
  nextReference,
  refreshHouseholdSummary,
  updateHousehold,
} from './families.queries';
import {
  auditRead,
  ensurePairInTeam,
  familyRulesHold,
  guardCpr,
  recordChange,
  recordFamilyChange,
  refuseProblems,
  translateConstraint,
} from './families.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['families'];

/** What a list shows of each family; a search by CPR number is flagged as such. */
const listFields = (q: string | undefined) => [
  'reference',
  'address',
  'adult_names',
  'pair',
  ...(q && normaliseCpr(q) ? ['cpr_search'] : []),
];

type ListRow = Awaited<ReturnType<typeof listFamilies>>[number];

function toSummary(r: ListRow) {
  return {
    id: r.id,
    reference: r.reference,
    street: r.street,
    buildingNumber: r.building_number,
    entrance: r.entrance,
    floor: r.floor,
    door: r.door,
    areaName: r.area_name,
    // The list leaves out outreach's prospects (filtered(), decision 0040): enrolled or exited.
    status: r.status as FamilyStatusValue,
    enrolledOn: r.enrolled_on,
    adultNames: r.adult_names ?? [],
    adultCount: r.adult_count,
    childCount: r.child_count,
    pair: pairOf(r),
    coveredFor: r.covered_for ?? null,
    updatedAt: r.updated_at.toISOString(),
  };
}

export const familiesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const route = familyRoutes(app, db, familyRulesHold);
  await app.register(familyMembersRoutes, { db });
  await app.register(familyConsentsRoutes, { db });

  app.post(
    '/search',
    {
      config: { access: familiesPolicy.list },
      schema: {
        tags,
        summary: 'The team’s families: search, filter, sort, page',
        body: FamilyListQuery,
        response: { 200: FamilyList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const fields = listFields(request.body.q);
      // The list statement writes the page's audit record itself, an empty page's too (listFamilies).
      const rows = await listFamilies(k, actor, request.body, {
        action: 'list',
        fields,
        purpose: 'case_work',
      });
      let total = Number(rows[0]?.total ?? 0);
      // Past the last page no row carried the total.
      if (rows.length === 0 && request.body.page > 1) total = await countFamilies(k, actor, request.body);
      return {
        items: rows.map(toSummary),
        total,
        page: request.body.page,
        pageSize: request.body.pageSize,
      };
    },
  );

  app.post(
    '/export',
    {
      config: { access: familiesPolicy.list },
      schema: {
        tags,
        summary: 'The team’s filtered, sorted family list as CSV or XLSX (no CPR numbers)',
        body: FamilyExportQuery,
        response: { 200: fileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, ...filters } = request.body;
      const fields = listFields(filters.q);
      const found = await listFamilies(
        k,
        actor,
        { ...filters, page: 1, pageSize: EXPORT_LIMIT },
        { action: 'list', fields, purpose: 'export' },
      );
      const rows = found.map(toSummary);
      const file = await familiesFile(
        rows.map((r) => ({
          ...r,
          address: formatAddress(r),
          pair: r.pair.map((p) => p.displayName),
        })),
        format,
        request.locale,
      );
      return sendFile(reply, 'families', format, file);
    },
  );

  app.post(
    '/',
    {
      config: { access: familiesPolicy.create },
      schema: {
        tags,
        summary: 'Enroll a family',
        body: CreateFamily,
        response: { 201: FamilyDetail, ...errors, 429: Problem },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      // A team member enrolls into their own team; a leader may name their team explicitly.
      const teamId = body.teamId ?? actor.teamId;
      if (!teamId || teamId !== actor.teamId) {
        // Refused before any record exists: recorded against the team the family was meant for.
        throw refused(forbidden(), {
          entity: 'team',
          entityId: body.teamId ?? null,
          fields: ['create'],
          purpose: 'access_check',
        });
      }
      const detail = await k.transaction().execute(async (trx) => {
        const area = await areaExists(trx, actor.municipalityId, body.areaId);
        if (!area) throw fieldError('areaId', 'errors.areaUnknown');
        const reference = await nextReference(trx, actor.municipalityId);
        const household = {
          municipality_id: actor.municipalityId,
          team_id: teamId,
          area_id: body.areaId,
          reference,
          street: body.street,
          building_number: body.buildingNumber,
          entrance: body.entrance ?? null,
          floor: body.floor ?? null,
          door: body.door ?? null,
          postal_code: body.postalCode ?? null,
          enrolled_on: body.enrolledOn ?? null,
          search_text: '',
          sort_name: '',
          updated_at: new Date(),
          enrolled_by: actor.userId,
        };
        const row = await insertHousehold(trx, household);
        await recordChange(
          trx,
          actor,
          row.id,
          'household',
          row.id,
          'create',
          changesOf(householdColumns, {}, body),
        );
        for (const [index, member] of body.members.entries()) {
          await guardCpr(trx, actor, member.cpr, `members.${index}.cpr`);
          await insertMember(trx, actor, row.id, member).catch((error) =>
            translateConstraint(error, `members.${index}.`),
          );
        }
        await refreshHouseholdSummary(trx, actor.municipalityId, row.id);
        // The family as stored meets every rule check-data applies (the contract did the work).
        refuseProblems(await storedFamilyProblems(trx, actor.municipalityId, row.id));
        await audit(trx, actor, {
          action: 'create',
          entity: 'household',
          entityId: row.id,
          householdId: row.id,
          fields: ['address', 'members'],
          purpose: 'enrollment',
        });
        const family: FamilyRelation = {
          municipalityId: actor.municipalityId,
          teamId,
          pairIds: [],
          breakGlassUntil: null,
          enrolledBy: actor.userId,
          coversPair: false,
          routedTaskOpen: false,
          taskTakenOver: false,
        };
        const detail = await loadDetail(trx, actor, row.id, family, new Date());
        // The enroller sees the page they land on: its read is on the record as every page's is.
        await auditRead(trx, actor, row.id, detail.abilities.readFull ? FULL_FIELDS : BASIC_FIELDS, false);
        return detail;
      });
      return reply.status(201).send(detail);
    },
  );

  route({
    method: 'GET',
    url: '/:familyId',
    access: familiesPolicy.record,
    action: familyActions.read,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'The family page',
      params: FamilyParams,
      response: { 200: FamilyDetail, ...errors },
    },
    handler: ({ trx, actor, familyId, family, now }) => loadDetail(trx, actor, familyId, family, now),
  });

  route({
    method: 'PATCH',
    url: '/:familyId',
    access: familiesPolicy.record,
    action: familyActions.update,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Change address, status or dates',
      params: FamilyParams,
      body: UpdateFamily,
      response: { 200: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const { version, ...changes } = request.body;
      const before = await findHouseholdForUpdate(trx, actor.municipalityId, familyId);
      if (before.version !== version) throw versionConflict();
      // `{ status: 'exited' }` alone is judged with the stored dates, and a date with the stored status.
      if (
        changes.status !== undefined ||
        changes.enrolledOn !== undefined ||
        changes.exitedOn !== undefined
      ) {
        const problems = statusDateProblems({
          // A prospect is not found by family routes (decision 0040): enrolled or exited here.
          status: changes.status ?? (before.status as FamilyStatusValue),
          enrolledOn: changes.enrolledOn !== undefined ? changes.enrolledOn : before.enrolled_on,
          exitedOn: changes.exitedOn !== undefined ? changes.exitedOn : before.exited_on,
        });
        // A moved enrolment date that passes the stored exit date is the enrolment date's error.
        refuseProblems(
          problems.map((p) =>
            p.key === 'errors.exitBeforeEnrol' && changes.exitedOn === undefined
              ? { ...p, field: 'enrolledOn' }
              : p,
          ),
        );
      }
      if (changes.areaId) {
        const area = await areaExists(trx, actor.municipalityId, changes.areaId);
        if (!area) throw fieldError('areaId', 'errors.areaUnknown');
      }
      await saveEdit(trx, actor, familyId, {
        entity: 'household',
        entityId: familyId,
        map: householdColumns,
        before,
        input: changes,
        write: (columns) => updateHousehold(trx, actor.municipalityId, familyId, columns),
        purpose,
      });
      return loadDetail(trx, actor, familyId, family, now);
    },
  });

  route({
    method: 'PUT',
    url: '/:familyId/pair',
    access: familiesPolicy.record,
    action: familyActions.assignPair,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Assign the family’s pair (team leader)',
      params: FamilyParams,
      body: AssignPair,
      response: { 200: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const memberIds = request.body.memberIds as [string, string];
      const current = await findHousehold(trx, actor.municipalityId, familyId);
      if (current?.version !== request.body.version) throw versionConflict();
      await ensurePairInTeam(trx, actor, family.teamId, memberIds);
      const ended = await endPairOfFamily(trx, actor.municipalityId, familyId, now);
      const inserted = await insertPair(trx, actor.municipalityId, familyId, memberIds, actor.userId);
      await recordFamilyChange(trx, actor, familyId, {
        entity: 'pair',
        entityId: inserted.id,
        action: 'assign_pair',
        changes: [
          {
            field: 'pair',
            from: ended ? [ended.first_member_id, ended.second_member_id] : null,
            to: memberIds,
          },
        ],
        auditAction: 'update',
        auditFields: ['pair'],
        purpose,
      });
      return loadDetail(trx, actor, familyId, { ...family, pairIds: memberIds }, now);
    },
  });

  route({
    method: 'GET',
    url: '/:familyId/history',
    access: familiesPolicy.record,
    action: familyActions.viewHistory,
    audit: { action: 'read', entity: 'change_record', entityId: null, fields: ['history'] },
    schema: {
      tags,
      summary: 'Who changed what, when',
      params: FamilyParams,
      querystring: HistoryQuery,
      response: { 200: HistoryList, ...errors },
    },
    handler: async ({ trx, actor, familyId }, request) => {
      const { page, pageSize } = request.query;
      const rows = await findHistory(trx, actor.municipalityId, familyId, page, pageSize);
      const counted =
        rows.length || page === 1 ? rows : await findHistory(trx, actor.municipalityId, familyId, 1, 1);
      const total = Number(counted[0]?.total ?? 0);
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.changed_at.toISOString(),
          actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          changes: r.changes,
        })),
        total,
        page,
        pageSize,
      };
    },
  });

  route({
    method: 'POST',
    url: '/:familyId/break-glass',
    access: familiesPolicy.record,
    action: familyActions.breakGlass,
    schema: {
      tags,
      summary:
        'Break the glass: time-limited access outside one’s relationship, with a reason; past the daily limit, 202 and the request waits for a leader',
      params: FamilyParams,
      body: BreakGlassRequest,
      response: { 201: BreakGlassGrant, 202: BreakGlassPending, ...errors },
    },
    handler: ({ trx, actor, familyId, now }, request) =>
      breakGlass(trx, actor, familyId, request.body.reason, now),
    // A grant is recorded as broken glass (it flags the family to its leader); past the daily
    // limit, the request filed instead; asking again while one waits records nothing new.
    audit: (_context, outcome) =>
      outcome.status === 'granted'
        ? grantRecord(outcome.grantId, false)
        : outcome.created
          ? {
              action: 'create',
              entity: 'break_glass_request',
              entityId: outcome.request.id,
              fields: ['reason'],
              purpose: 'break_glass',
            }
          : null,
    // Past the daily limit the glass stays whole: the request waits for a leader (decision 0024).
    send: (outcome, reply) =>
      outcome.status === 'pending'
        ? reply.status(202).send({ status: outcome.status, request: outcome.request })
        : reply.status(201).send({ expiresAt: outcome.expiresAt.toISOString() }),
  });
};
