import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema';
import { Problem } from '../../shared/common/common.contract';
import { formatAddress } from '../../shared/families/address';
import { maskCpr, normaliseCpr } from '../../shared/families/cpr';
import {
  AssignPair,
  BreakGlassGrant,
  BreakGlassRequest,
  ConsentParams,
  CprReveal,
  CreateFamily,
  EXPORT_LIMIT,
  FamilyDetail,
  FamilyExportQuery,
  FamilyList,
  FamilyListQuery,
  FamilyParams,
  GiveConsent,
  HistoryList,
  HistoryQuery,
  MemberInput,
  MemberParams,
  MemberUpdate,
  UpdateFamily,
  WithdrawConsent,
} from '../../shared/families/families.contract';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { familiesFile } from './families.export';
import { abilitiesFor, can, type FamilyRelation, familiesPolicy } from './families.policy';
import {
  countFamilies,
  findConsents,
  findHistory,
  findHousehold,
  findMembers,
  listFamilies,
  nextReference,
  refreshHouseholdSummary,
} from './families.queries';
import {
  auditRead,
  ensurePairInTeam,
  isBreakGlassAccess,
  recordChange,
  recordFamilyChange,
  touchHousehold,
  translateConstraint,
  withFamily,
} from './families.service';

type Trx = Transaction<Database>;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['families'];

const FULL_FIELDS = [
  'address',
  'members',
  'cpr_masked',
  'country_of_origin',
  'languages',
  'consents',
  'pair',
];
const BASIC_FIELDS = ['address', 'members.name', 'members.role', 'members.birth_date', 'pair'];

const householdColumns = {
  areaId: 'area_id',
  street: 'street',
  buildingNumber: 'building_number',
  entrance: 'entrance',
  floor: 'floor',
  door: 'door',
  postalCode: 'postal_code',
  status: 'status',
  enrolledOn: 'enrolled_on',
  exitedOn: 'exited_on',
} as const;

const personColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  cpr: 'cpr',
  birthDate: 'birth_date',
  role: 'household_role',
  countryOfOrigin: 'country_of_origin',
  languages: 'languages',
  interpreterNeeded: 'interpreter_needed',
} as const;

/** History entries in the contract's field names: from the stored row, to the new values. */
function changesOf<M extends Record<string, string>>(
  map: M,
  before: Record<string, unknown>,
  input: Record<string, unknown>,
) {
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  for (const [key, column] of Object.entries(map)) {
    const to = input[key];
    if (to === undefined) continue;
    const from = before[column] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to ?? null)) changes.push({ field: key, from, to });
  }
  return changes;
}

/** Picks the defined fields of `input` and renames them to columns. */
function toColumns<M extends Record<string, string>>(map: M, input: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) if (input[key] !== undefined) out[column] = input[key];
  return out;
}

/** Reads the whole family page as the actor may see it; audits the read in the same transaction. */
async function loadDetail(trx: Trx, actor: Actor, familyId: string, family: FamilyRelation, now: Date) {
  const [h, members, consents] = await Promise.all([
    findHousehold(trx, actor.municipalityId, familyId),
    findMembers(trx, actor.municipalityId, familyId),
    findConsents(trx, actor.municipalityId, familyId),
  ]);
  if (!h) throw notFound();
  const full = can('readFull', actor, family, now);
  const breakGlass = isBreakGlassAccess(actor, family, now);
  await auditRead(trx, actor, familyId, full ? FULL_FIELDS : BASIC_FIELDS, breakGlass);
  const pair = pairOf(h);
  return {
    id: h.id,
    reference: h.reference,
    areaId: h.area_id,
    areaName: h.area_name,
    teamId: h.team_id,
    teamName: h.team_name,
    street: h.street,
    buildingNumber: h.building_number,
    entrance: h.entrance,
    floor: h.floor,
    door: h.door,
    postalCode: h.postal_code,
    status: h.status,
    enrolledOn: h.enrolled_on,
    exitedOn: h.exited_on,
    version: h.version,
    members: members.map((m) => ({
      id: m.id,
      firstName: m.first_name,
      lastName: m.last_name,
      role: m.household_role,
      birthDate: m.birth_date,
      cprMasked: full ? maskCpr(m.cpr) : null,
      countryOfOrigin: full ? m.country_of_origin : null,
      languages: full ? m.languages : [],
      interpreterNeeded: full ? m.interpreter_needed : false,
      version: m.version,
    })),
    pair,
    consents: full
      ? consents.map((c) => ({
          id: c.id,
          purpose: c.purpose as 'case_work',
          scope: c.scope,
          givenOn: c.given_on,
          withdrawnOn: c.withdrawn_on,
          personId: c.person_id,
          recordedBy: c.recorder_id ? { id: c.recorder_id, displayName: c.recorder_name ?? '' } : null,
        }))
      : [],
    access: breakGlass
      ? ('break_glass' as const)
      : family.pairIds.includes(actor.userId) || actor.role === 'team_leader'
        ? ('relationship' as const)
        : ('team' as const),
    breakGlassExpiresAt: breakGlass ? (family.breakGlassUntil?.toISOString() ?? null) : null,
    abilities: abilitiesFor(actor, family, now),
  };
}

/** The current pair from a row joined to both of its staff (absent when none is assigned). */
function pairOf(r: {
  pair1_id: string | null;
  pair1_name: string | null;
  pair2_id: string | null;
  pair2_name: string | null;
}) {
  return [
    r.pair1_id ? { id: r.pair1_id, displayName: r.pair1_name ?? '' } : null,
    r.pair2_id ? { id: r.pair2_id, displayName: r.pair2_name ?? '' } : null,
  ].filter((p) => p !== null);
}

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
    status: r.status,
    enrolledOn: r.enrolled_on,
    adultNames: r.adult_names ?? [],
    adultCount: r.adult_count,
    childCount: r.child_count,
    pair: pairOf(r),
    updatedAt: r.updated_at.toISOString(),
  };
}

async function insertMember(trx: Trx, actor: Actor, familyId: string, input: MemberInput) {
  const m = MemberInput.parse(input);
  const row = await trx
    .insertInto('person')
    .values({
      municipality_id: actor.municipalityId,
      household_id: familyId,
      first_name: m.firstName,
      last_name: m.lastName,
      cpr: m.cpr ?? null,
      birth_date: m.birthDate,
      household_role: m.role,
      country_of_origin: m.countryOfOrigin ?? null,
      languages: m.languages,
      interpreter_needed: m.interpreterNeeded,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, familyId, 'person', row.id, 'create', changesOf(personColumns, {}, m));
  return row.id;
}

export const familiesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

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
      // The list statement writes each shown family's audit record itself (listFamilies).
      const rows = await listFamilies(k, actor, request.body, {
        action: 'list',
        fields,
        purpose: 'case_work',
      });
      let total = Number(rows[0]?.total ?? 0);
      if (rows.length === 0) {
        // Nothing shown: the search itself is logged; past the last page no row carried the total.
        if (request.body.page > 1) total = await countFamilies(k, actor, request.body);
        await audit(k, actor, { action: 'list', entity: 'household', fields, purpose: 'case_work' });
      }
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
        // The file itself: Fastify sends a Buffer as it is, without serialising it.
        response: { 200: z.unknown().describe('text/csv or XLSX'), ...errors },
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
      if (found.length === 0) {
        await audit(k, actor, { action: 'list', entity: 'household', fields, purpose: 'export' });
      }
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
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="families-${day}.${format}"`)
        .header('cache-control', 'no-store')
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .send(file);
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
        response: { 201: FamilyDetail, ...errors },
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
        const area = await trx
          .selectFrom('area')
          .select('id')
          .where('municipality_id', '=', actor.municipalityId)
          .where('id', '=', body.areaId)
          .executeTakeFirst();
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
        };
        const row = await trx
          .insertInto('household')
          .values(household)
          .returning('id')
          .executeTakeFirstOrThrow();
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
          await insertMember(trx, actor, row.id, member).catch((error) =>
            translateConstraint(error, `members.${index}.`),
          );
        }
        await refreshHouseholdSummary(trx, actor.municipalityId, row.id);
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
        };
        return loadDetail(trx, actor, row.id, family, new Date());
      });
      return reply.status(201).send(detail);
    },
  );

  app.get(
    '/:familyId',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'The family page',
        params: FamilyParams,
        response: { 200: FamilyDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      return withFamily(k, actor, familyId, 'read', (trx, family, now) =>
        loadDetail(trx, actor, familyId, family, now),
      );
    },
  );

  app.patch(
    '/:familyId',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Change address, status or dates',
        params: FamilyParams,
        body: UpdateFamily,
        response: { 200: FamilyDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const { version, ...changes } = request.body;
      return withFamily(k, actor, familyId, 'update', async (trx, family, now) => {
        const before = await trx
          .selectFrom('household')
          .selectAll()
          .where('municipality_id', '=', actor.municipalityId)
          .where('id', '=', familyId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (before.version !== version) throw fieldError('version', 'errors.versionConflict', 409);
        if (changes.areaId) {
          const area = await trx
            .selectFrom('area')
            .select('id')
            .where('municipality_id', '=', actor.municipalityId)
            .where('id', '=', changes.areaId)
            .executeTakeFirst();
          if (!area) throw fieldError('areaId', 'errors.areaUnknown');
        }
        const columns = toColumns(householdColumns, changes);
        const changeList = changesOf(householdColumns, before, changes);
        if (changeList.length) {
          await trx
            .updateTable('household')
            .set(columns)
            .where('municipality_id', '=', actor.municipalityId)
            .where('id', '=', familyId)
            .execute()
            .catch(translateConstraint);
          await recordFamilyChange(trx, actor, familyId, {
            entity: 'household',
            entityId: familyId,
            action: 'update',
            changes: changeList,
            auditAction: 'update',
            auditFields: changeList.map((c) => c.field),
          });
        }
        return loadDetail(trx, actor, familyId, family, now);
      });
    },
  );

  app.post(
    '/:familyId/members',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Add a member',
        params: FamilyParams,
        body: MemberInput,
        response: { 201: FamilyDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const detail = await withFamily(k, actor, familyId, 'update', async (trx, family, now) => {
        const id = await insertMember(trx, actor, familyId, request.body).catch(translateConstraint);
        await audit(trx, actor, {
          action: 'create',
          entity: 'person',
          entityId: id,
          householdId: familyId,
          fields: Object.keys(request.body),
          purpose: 'case_work',
        });
        await touchHousehold(trx, actor, familyId);
        return loadDetail(trx, actor, familyId, family, now);
      });
      return reply.status(201).send(detail);
    },
  );

  app.patch(
    '/:familyId/members/:memberId',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Change a member',
        params: MemberParams,
        body: MemberUpdate,
        response: { 200: FamilyDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId, memberId } = request.params;
      const { version, ...changes } = request.body;
      return withFamily(k, actor, familyId, 'update', async (trx, family, now) => {
        const before = await trx
          .selectFrom('person')
          .selectAll()
          .where('municipality_id', '=', actor.municipalityId)
          .where('household_id', '=', familyId)
          .where('id', '=', memberId)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound();
        if (before.version !== version) throw fieldError('version', 'errors.versionConflict', 409);
        const columns = toColumns(personColumns, changes);
        const changeList = changesOf(personColumns, before, changes);
        if (changeList.length) {
          await trx
            .updateTable('person')
            .set((eb) => ({ ...columns, updated_at: now, version: eb('version', '+', 1) }))
            .where('municipality_id', '=', actor.municipalityId)
            .where('id', '=', memberId)
            .execute()
            .catch(translateConstraint);
          await recordFamilyChange(trx, actor, familyId, {
            entity: 'person',
            entityId: memberId,
            action: 'update',
            changes: changeList,
            auditAction: 'update',
            auditFields: changeList.map((c) => c.field),
          });
        }
        return loadDetail(trx, actor, familyId, family, now);
      });
    },
  );

  app.post(
    '/:familyId/members/:memberId/cpr',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Show a member’s full CPR number (audited)',
        params: MemberParams,
        response: { 200: CprReveal, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId, memberId } = request.params;
      return withFamily(k, actor, familyId, 'revealCpr', async (trx, family, now) => {
        const person = await trx
          .selectFrom('person')
          .select('cpr')
          .where('municipality_id', '=', actor.municipalityId)
          .where('household_id', '=', familyId)
          .where('id', '=', memberId)
          .executeTakeFirst();
        if (!person) throw notFound();
        const breakGlass = isBreakGlassAccess(actor, family, now);
        await audit(trx, actor, {
          action: 'reveal',
          entity: 'person',
          entityId: memberId,
          householdId: familyId,
          fields: ['cpr'],
          purpose: breakGlass ? 'break_glass' : 'case_work',
          breakGlass,
        });
        return { cpr: person.cpr };
      });
    },
  );

  app.put(
    '/:familyId/pair',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Assign the family’s pair (team leader)',
        params: FamilyParams,
        body: AssignPair,
        response: { 200: FamilyDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const memberIds = request.body.memberIds as [string, string];
      return withFamily(k, actor, familyId, 'assignPair', async (trx, family, now) => {
        await ensurePairInTeam(trx, actor, family.teamId, memberIds);
        const current = await trx
          .updateTable('pair_assignment')
          .set({ ended_at: now })
          .where('municipality_id', '=', actor.municipalityId)
          .where('household_id', '=', familyId)
          .where('ended_at', 'is', null)
          .returning(['first_member_id', 'second_member_id'])
          .executeTakeFirst();
        const inserted = await trx
          .insertInto('pair_assignment')
          .values({
            municipality_id: actor.municipalityId,
            household_id: familyId,
            first_member_id: memberIds[0],
            second_member_id: memberIds[1],
            assigned_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordFamilyChange(trx, actor, familyId, {
          entity: 'pair',
          entityId: inserted.id,
          action: 'assign_pair',
          changes: [
            {
              field: 'pair',
              from: current ? [current.first_member_id, current.second_member_id] : null,
              to: memberIds,
            },
          ],
          auditAction: 'update',
          auditFields: ['pair'],
        });
        return loadDetail(trx, actor, familyId, { ...family, pairIds: memberIds }, now);
      });
    },
  );

  app.post(
    '/:familyId/consents',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Record the family’s consent for a purpose',
        params: FamilyParams,
        body: GiveConsent,
        response: { 201: FamilyDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const body = request.body;
      const detail = await withFamily(k, actor, familyId, 'manageConsent', async (trx, family, now) => {
        if (body.personId) {
          const person = await trx
            .selectFrom('person')
            .select('id')
            .where('municipality_id', '=', actor.municipalityId)
            .where('household_id', '=', familyId)
            .where('id', '=', body.personId)
            .executeTakeFirst();
          if (!person) throw fieldError('personId', 'errors.personUnknown');
        }
        const row = await trx
          .insertInto('consent')
          .values({
            municipality_id: actor.municipalityId,
            household_id: familyId,
            person_id: body.personId ?? null,
            purpose: body.purpose,
            scope: body.scope ?? null,
            given_on: body.givenOn,
            recorded_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordFamilyChange(trx, actor, familyId, {
          entity: 'consent',
          entityId: row.id,
          action: 'give_consent',
          changes: [
            { field: 'purpose', from: null, to: body.purpose },
            { field: 'givenOn', from: null, to: body.givenOn },
            ...(body.scope ? [{ field: 'scope', from: null, to: body.scope }] : []),
          ],
          auditAction: 'create',
          auditFields: ['purpose', 'scope', 'given_on'],
        });
        return loadDetail(trx, actor, familyId, family, now);
      });
      return reply.status(201).send(detail);
    },
  );

  app.post(
    '/:familyId/consents/:consentId/withdraw',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Record that consent was withdrawn',
        params: ConsentParams,
        body: WithdrawConsent,
        response: { 200: FamilyDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId, consentId } = request.params;
      return withFamily(k, actor, familyId, 'manageConsent', async (trx, family, now) => {
        const consent = await trx
          .selectFrom('consent')
          .select(['given_on', 'withdrawn_on'])
          .where('municipality_id', '=', actor.municipalityId)
          .where('household_id', '=', familyId)
          .where('id', '=', consentId)
          .forUpdate()
          .executeTakeFirst();
        if (!consent) throw notFound();
        if (consent.withdrawn_on) throw fieldError('withdrawnOn', 'errors.alreadyWithdrawn', 409);
        if (request.body.withdrawnOn < consent.given_on)
          throw fieldError('withdrawnOn', 'errors.invalidValue');
        await trx
          .updateTable('consent')
          .set({ withdrawn_on: request.body.withdrawnOn })
          .where('municipality_id', '=', actor.municipalityId)
          .where('id', '=', consentId)
          .execute();
        await recordFamilyChange(trx, actor, familyId, {
          entity: 'consent',
          entityId: consentId,
          action: 'withdraw_consent',
          changes: [{ field: 'withdrawnOn', from: null, to: request.body.withdrawnOn }],
          auditAction: 'update',
          auditFields: ['withdrawn_on'],
        });
        return loadDetail(trx, actor, familyId, family, now);
      });
    },
  );

  app.get(
    '/:familyId/history',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Who changed what, when',
        params: FamilyParams,
        querystring: HistoryQuery,
        response: { 200: HistoryList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const { page, pageSize } = request.query;
      return withFamily(k, actor, familyId, 'viewHistory', async (trx, family, now) => {
        const rows = await findHistory(trx, actor.municipalityId, familyId, page, pageSize);
        const counted =
          rows.length || page === 1 ? rows : await findHistory(trx, actor.municipalityId, familyId, 1, 1);
        const total = Number(counted[0]?.total ?? 0);
        const breakGlass = isBreakGlassAccess(actor, family, now);
        await audit(trx, actor, {
          action: 'read',
          entity: 'change_record',
          householdId: familyId,
          fields: ['history'],
          purpose: breakGlass ? 'break_glass' : 'case_work',
          breakGlass,
        });
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
      });
    },
  );

  app.post(
    '/:familyId/break-glass',
    {
      config: { access: familiesPolicy.record },
      schema: {
        tags,
        summary: 'Break the glass: time-limited access outside one’s relationship, with a reason',
        params: FamilyParams,
        body: BreakGlassRequest,
        response: { 201: BreakGlassGrant, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { familyId } = request.params;
      const grant = await withFamily(k, actor, familyId, 'breakGlass', async (trx, _family, now) => {
        const m = await trx
          .selectFrom('municipality')
          .select('break_glass_minutes')
          .where('id', '=', actor.municipalityId)
          .executeTakeFirstOrThrow();
        const expiresAt = new Date(now.getTime() + m.break_glass_minutes * 60_000);
        const row = await trx
          .insertInto('break_glass_grant')
          .values({
            municipality_id: actor.municipalityId,
            user_id: actor.userId,
            household_id: familyId,
            reason: request.body.reason,
            expires_at: expiresAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The reason is kept with the grant; the audit row flags it for the leader.
        await audit(trx, actor, {
          action: 'break_glass',
          entity: 'break_glass_grant',
          entityId: row.id,
          householdId: familyId,
          fields: ['reason'],
          purpose: 'break_glass',
          breakGlass: true,
        });
        return { expiresAt: expiresAt.toISOString() };
      });
      return reply.status(201).send(grant);
    },
  );
};
