import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { Problem } from '../../shared/common/common.contract';
import { maskCpr } from '../../shared/families/cpr';
import {
  AreaParams,
  BuildingList,
  BuildingParams,
  BuildingPicture,
  BuildingRef,
  BuildingUpdate,
  Created,
  EligibilityRuleBody,
  EligibilityRuleView,
  ImportJob,
  ImportJobPage,
  ImportJobsQuery,
  ImportRowPage,
  ImportRowsQuery,
  ImportUploadQuery,
  JobParams,
  MyArea,
  NewApartment,
  NewBuilding,
  NewStaircase,
  type OutreachStatus,
  type RowError,
  StaircaseParams,
} from '../../shared/outreach/outreach.contract';
import type { Actor } from '../http/access';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { enrollmentRoutes } from './enrollment.routes';
import { countPreviewRows, findJob, insertJob, type JobRow, listJobs, previewRows } from './import.queries';
import { addressText } from './import.row';
import { commitJob, commitProgress, receiveFile } from './import.service';
import { outreachPolicy, ownsImport, worksInArea } from './outreach.policy';
import {
  areaInMunicipality,
  buildingApartments,
  buildingStaircases,
  findBuilding,
  findBuildingForTeam,
  findStaircase,
  insertApartments,
  insertBuilding,
  insertStaircase,
  listBuildings,
  renameBuilding,
  saveRule,
  teamArea,
  teamAreaName,
  touchBuilding,
} from './outreach.queries';
import { ruleOfArea } from './outreach.rules';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['outreach'];
const purpose = 'outreach';

/** The register file's media types: read by the import itself, as a stream (decision 0041). */
const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

export const outreachRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  /** Background commits still running: the app waits for them when it closes. */
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
  // The upload's body is left unread here: the import reads request.raw as a stream, so a
  // 100 MB file is never held in memory (the body is null for validation).
  app.addContentTypeParser(FILE_TYPES, (_request, _payload, done) => done(null, null));
  await app.register(enrollmentRoutes, { db });

  /** Refuses (audited) an actor outside the area; 404 for an area of another municipality. */
  const inArea = async (
    db2: typeof k | Transaction<Database>,
    actor: Actor,
    areaId: string,
    entity: string,
    entityId: string,
  ) => {
    const own = actor.teamId ? await teamArea(db2, actor.municipalityId, actor.teamId) : undefined;
    if (!worksInArea(actor, own?.area_id, areaId))
      throw refused(forbidden(), { entity, entityId, purpose: 'access_check' });
  };

  app.get(
    '/outreach/my-area',
    {
      config: { access: outreachPolicy.places, unaudited: 'the actor’s own team’s area: organisation data' },
      schema: { tags, summary: 'The area the actor does outreach in', response: { 200: MyArea, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      const area = actor.teamId ? await teamAreaName(k, actor.municipalityId, actor.teamId) : undefined;
      const leader = actor.role === 'team_leader';
      return {
        areaId: area?.id ?? null,
        areaName: area?.name ?? null,
        abilities: { import: leader, editRule: leader },
      };
    },
  );

  app.get(
    '/outreach/areas/:areaId/buildings',
    {
      config: {
        access: outreachPolicy.places,
        unaudited: 'buildings and counts of households by outreach status: no household’s data',
      },
      schema: {
        tags,
        summary: 'The area’s buildings',
        params: AreaParams,
        response: { 200: BuildingList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { areaId } = request.params;
      if (!(await areaInMunicipality(k, actor.municipalityId, areaId))) throw notFound();
      await inArea(k, actor, areaId, 'area', areaId);
      const rows = await listBuildings(k, actor.municipalityId, areaId);
      return {
        items: rows.map((b) => ({
          id: b.id,
          areaId: b.area_id,
          name: b.name,
          version: b.version,
          staircaseCount: Number(b.staircase_count ?? 0),
          apartmentCount: Number(b.apartment_count ?? 0),
          counts: b.counts ?? {},
        })),
      };
    },
  );

  app.post(
    '/outreach/buildings',
    {
      config: { access: outreachPolicy.places },
      schema: {
        tags,
        summary: 'Add a building',
        body: NewBuilding,
        response: { 201: BuildingRef, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { areaId, name } = request.body;
      if (!(await areaInMunicipality(k, actor.municipalityId, areaId)))
        throw fieldError('areaId', 'errors.areaUnknown');
      const id = await unique('building_name', 'name', 'errors.buildingNameTaken', () =>
        k.transaction().execute(async (trx) => {
          await inArea(trx, actor, areaId, 'area', areaId);
          const row = await insertBuilding(trx, actor.municipalityId, areaId, name);
          await audit(trx, actor, {
            action: 'create',
            entity: 'building',
            entityId: row.id,
            fields: ['name'],
            purpose,
          });
          return row.id;
        }),
      );
      reply.status(201);
      return { id, areaId, name, version: 1 };
    },
  );

  app.patch(
    '/outreach/buildings/:buildingId',
    {
      config: { access: outreachPolicy.places },
      schema: {
        tags,
        summary: 'Rename a building',
        params: BuildingParams,
        body: BuildingUpdate,
        response: { 200: BuildingRef, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { buildingId } = request.params;
      const { version, name } = request.body;
      return unique('building_name', 'name', 'errors.buildingNameTaken', () =>
        k.transaction().execute(async (trx) => {
          const b = await findBuilding(trx, actor.municipalityId, buildingId);
          if (!b) throw notFound();
          await inArea(trx, actor, b.area_id, 'building', buildingId);
          if (!(await renameBuilding(trx, actor.municipalityId, buildingId, version, name)))
            throw versionConflict();
          await audit(trx, actor, {
            action: 'update',
            entity: 'building',
            entityId: buildingId,
            fields: ['name'],
            purpose,
          });
          return { id: buildingId, areaId: b.area_id, name, version: version + 1 };
        }),
      );
    },
  );

  app.post(
    '/outreach/buildings/:buildingId/staircases',
    {
      config: { access: outreachPolicy.places },
      schema: {
        tags,
        summary: 'Add a staircase (an address) with its floors and doors',
        params: BuildingParams,
        body: NewStaircase,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { buildingId } = request.params;
      const s = request.body;
      if (s.highestFloor < s.lowestFloor) throw fieldError('highestFloor', 'errors.floorsReversed');
      const doors = [...new Set(s.doors.map((d) => d.trim()))];
      const id = await unique('staircase_address', 'street', 'errors.staircaseAddressTaken', () =>
        k.transaction().execute(async (trx) => {
          const b = await findBuilding(trx, actor.municipalityId, buildingId);
          if (!b) throw notFound();
          await inArea(trx, actor, b.area_id, 'building', buildingId);
          const row = await insertStaircase(trx, actor.municipalityId, {
            buildingId,
            street: s.street,
            number: s.number,
            entrance: s.entrance ?? '',
            postalCode: s.postalCode ?? null,
          });
          const places = [];
          for (let floor = s.lowestFloor; floor <= s.highestFloor; floor++)
            for (const door of doors) places.push({ floor, door });
          await insertApartments(trx, actor.municipalityId, row.id, places);
          await touchBuilding(trx, actor.municipalityId, buildingId);
          await audit(trx, actor, {
            action: 'create',
            entity: 'staircase',
            entityId: row.id,
            fields: ['address', 'apartments'],
            purpose,
          });
          return row.id;
        }),
      );
      reply.status(201);
      return { id };
    },
  );

  app.post(
    '/outreach/staircases/:staircaseId/apartments',
    {
      config: { access: outreachPolicy.places },
      schema: {
        tags,
        summary: 'Add an apartment',
        params: StaircaseParams,
        body: NewApartment,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { staircaseId } = request.params;
      const id = await unique('apartment_place', 'door', 'errors.apartmentTaken', () =>
        k.transaction().execute(async (trx) => {
          const s = await findStaircase(trx, actor.municipalityId, staircaseId);
          if (!s) throw notFound();
          await inArea(trx, actor, s.area_id, 'staircase', staircaseId);
          const [row] = await insertApartments(trx, actor.municipalityId, staircaseId, [
            { floor: request.body.floor, door: request.body.door.trim() },
          ]);
          await touchBuilding(trx, actor.municipalityId, s.building_id);
          await audit(trx, actor, {
            action: 'create',
            entity: 'apartment',
            entityId: row!.id,
            fields: ['floor', 'door'],
            purpose,
          });
          return row!.id;
        }),
      );
      reply.status(201);
      return { id };
    },
  );

  app.get(
    '/outreach/buildings/:buildingId',
    {
      config: { access: outreachPolicy.places },
      schema: {
        tags,
        summary: 'The building picture: staircases, apartments and each household’s outreach status',
        params: BuildingParams,
        response: { 200: BuildingPicture, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { buildingId } = request.params;
      return k.transaction().execute(async (trx) => {
        const b = actor.teamId
          ? await findBuildingForTeam(trx, actor.municipalityId, buildingId, actor.teamId)
          : // Without a team there is no area to work in: refused below once the building is found.
            await findBuilding(trx, actor.municipalityId, buildingId).then(
              (f) => f && { ...f, team_area_id: null },
            );
        if (!b) throw notFound();
        if (!worksInArea(actor, b.team_area_id, b.area_id))
          throw refused(forbidden(), { entity: 'building', entityId: buildingId, purpose: 'access_check' });
        const staircases = await buildingStaircases(trx, actor.municipalityId, buildingId);
        const rows = await buildingApartments(trx, actor.municipalityId, buildingId);
        const seen = new Set<string>();
        const apartments = rows
          .filter((r) => {
            // Two households registered at one apartment: the cell shows the first.
            if (seen.has(r.id)) return false;
            seen.add(r.id);
            return true;
          })
          .map((r) => ({
            id: r.id,
            staircaseId: r.staircase_id,
            floor: r.floor,
            door: r.door,
            household: r.household_id
              ? {
                  id: r.household_id,
                  reference: r.reference!,
                  status: r.outreach_status as OutreachStatus,
                  adultCount: r.adult_count ?? 0,
                  childCount: r.child_count ?? 0,
                  eligible: r.eligible ?? null,
                  reasons: (r.eligibility as never[] | null) ?? [],
                }
              : null,
          }));
        const households = apartments.flatMap((a) => (a.household ? [a.household.id] : []));
        await audit(trx, actor, {
          action: 'list',
          entity: 'building',
          entityId: buildingId,
          householdIds: households,
          fields: ['outreachStatus', 'eligibility', 'memberCounts'],
          purpose,
        });
        return {
          id: b.id,
          areaId: b.area_id,
          name: b.name,
          version: b.version,
          staircases: staircases.map((s) => ({
            id: s.id,
            street: s.street,
            number: s.number,
            entrance: s.entrance,
            postalCode: s.postal_code,
          })),
          apartments,
          abilities: { edit: true },
        };
      });
    },
  );

  app.get(
    '/outreach/areas/:areaId/eligibility-rule',
    {
      config: { access: outreachPolicy.rules, unaudited: 'the area’s rule: configuration, no personal data' },
      schema: {
        tags,
        summary: 'The area’s eligibility rule',
        params: AreaParams,
        response: { 200: EligibilityRuleView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { areaId } = request.params;
      if (!(await areaInMunicipality(k, actor.municipalityId, areaId))) throw notFound();
      await inArea(k, actor, areaId, 'area', areaId);
      const { version, isDefault, ...rule } = await ruleOfArea(k, actor.municipalityId, areaId);
      return { areaId, version, isDefault, ...rule };
    },
  );

  app.put(
    '/outreach/areas/:areaId/eligibility-rule',
    {
      config: { access: outreachPolicy.editRules },
      schema: {
        tags,
        summary: 'Change the area’s eligibility rule (the team leader)',
        params: AreaParams,
        body: EligibilityRuleBody,
        response: { 200: EligibilityRuleView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { areaId } = request.params;
      const { version, ...rule } = request.body;
      if (!(await areaInMunicipality(k, actor.municipalityId, areaId))) throw notFound();
      return k.transaction().execute(async (trx) => {
        await inArea(trx, actor, areaId, 'area_eligibility_rule', areaId);
        const saved = await saveRule(trx, actor.municipalityId, areaId, version, rule, actor.userId);
        if (!saved) throw versionConflict();
        await audit(trx, actor, {
          action: 'update',
          entity: 'area_eligibility_rule',
          entityId: areaId,
          fields: ['minChildrenAtHome', 'minUnemployedMonths', 'postalCodes', 'streets'],
          purpose,
        });
        return { areaId, version: saved.version, isDefault: false, ...rule };
      });
    },
  );

  app.post(
    '/outreach/imports',
    {
      config: { access: outreachPolicy.import },
      schema: {
        tags,
        summary:
          'Upload a register extract (CSV or XLSX as the body): read, checked and matched for a preview',
        description:
          'docs/import-format.md. The body is the file itself (text/csv or the XLSX type), streamed.',
        querystring: ImportUploadQuery,
        response: { 201: ImportJob, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { areaId, fileName } = request.query;
      if (!(await areaInMunicipality(k, actor.municipalityId, areaId)))
        throw fieldError('areaId', 'errors.areaUnknown');
      await inArea(k, actor, areaId, 'area', areaId);
      const length = Number(request.headers['content-length']);
      const job = await k.transaction().execute(async (trx) => {
        const row = await insertJob(trx, {
          municipalityId: actor.municipalityId,
          areaId,
          teamId: actor.teamId!,
          userId: actor.userId,
          fileName,
          bytesTotal: Number.isFinite(length) ? length : null,
        });
        await audit(trx, actor, {
          action: 'create',
          entity: 'import_job',
          entityId: row.id,
          fields: ['file'],
          purpose,
        });
        return row;
      });
      await receiveFile(db, actor, job.id, request.raw);
      reply.status(201);
      return jobView((await findJob(k, actor.municipalityId, job.id))!);
    },
  );

  app.get(
    '/outreach/imports',
    {
      config: { access: outreachPolicy.import },
      schema: {
        tags,
        summary: 'The team’s recent imports, newest first: file, who started it, state and counts',
        querystring: ImportJobsQuery,
        response: { 200: ImportJobPage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { page, pageSize } = request.query;
      // A job is its team's (ownsImport): the list is the leader's own team's jobs, no other's.
      return k.transaction().execute(async (trx) => {
        const rows = await listJobs(trx, actor.municipalityId, actor.teamId!, {
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        // Past the last page no row carries count(*) over (): count from the first page instead.
        const counted =
          rows.length || page === 1
            ? rows
            : await listJobs(trx, actor.municipalityId, actor.teamId!, { limit: 1, offset: 0 });
        await audit(trx, actor, {
          action: 'list',
          entity: 'import_job',
          fields: ['fileName', 'createdBy', 'state', 'counts'],
          purpose,
        });
        return {
          items: rows.map((j) => ({
            ...jobSummary(j),
            createdBy: j.created_by_name,
            finishedAt: j.finished_at?.toISOString() ?? null,
          })),
          total: Number(counted[0]?.total ?? 0),
          page,
          pageSize,
        };
      });
    },
  );

  /** The job if the actor owns it: 404 unknown, 403 (audited) another team's. */
  const ownJob = async (db2: typeof k | Transaction<Database>, actor: Actor, jobId: string) => {
    const job = await findJob(db2, actor.municipalityId, jobId);
    if (!job) throw notFound();
    if (!ownsImport(actor, job))
      throw refused(forbidden(), { entity: 'import_job', entityId: jobId, purpose: 'access_check' });
    return job;
  };

  app.get(
    '/outreach/imports/:jobId',
    {
      config: {
        access: outreachPolicy.import,
        unaudited: 'the import’s state and counts: no household’s data',
      },
      schema: {
        tags,
        summary: 'An import’s progress and counts',
        params: JobParams,
        response: { 200: ImportJob, ...errors },
      },
    },
    async (request) => jobView(await ownJob(k, actorOf(request), request.params.jobId)),
  );

  app.get(
    '/outreach/imports/:jobId/rows',
    {
      config: { access: outreachPolicy.import },
      schema: {
        tags,
        summary: 'The preview: each row, its errors and what committing will do',
        params: JobParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRowPage, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { page, pageSize, only } = request.query;
      return k.transaction().execute(async (trx) => {
        await ownJob(trx, actor, request.params.jobId);
        const rows = await previewRows(trx, actor.municipalityId, request.params.jobId, {
          problemsOnly: only === 'problems',
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        // Past the last page no row carries count(*) over (): counted apart, reading no row.
        const total =
          rows.length || page === 1
            ? Number(rows[0]?.total ?? 0)
            : Number(
                (await countPreviewRows(trx, actor.municipalityId, request.params.jobId, only === 'problems'))
                  .total,
              );
        await audit(trx, actor, {
          action: 'list',
          entity: 'import_row',
          entityId: request.params.jobId,
          householdIds: [...new Set(rows.flatMap((r) => (r.household_id ? [r.household_id] : [])))],
          fields: ['name', 'cpr', 'birthDate', 'address'],
          purpose,
        });
        return {
          items: rows.map((r) => ({
            line: r.line,
            householdKey: r.household_key,
            name: `${r.first_name} ${r.last_name}`.trim(),
            cpr: maskCpr(r.cpr),
            birthDate: r.birth_date,
            address: addressText({
              street: r.street,
              number: r.number,
              entrance: r.entrance,
              floorLabel: r.floor_label,
              door: r.door,
            }),
            role: r.role,
            errors: (r.errors as RowError[] | null) ?? [],
            plan: r.errors
              ? ('none' as const)
              : r.match === 'cpr'
                ? ('update' as const)
                : r.match === 'name_address'
                  ? ('update_unsure' as const)
                  : ('create' as const),
          })),
          total,
          page,
          pageSize,
        };
      });
    },
  );

  app.post(
    '/outreach/imports/:jobId/commit',
    {
      config: { access: outreachPolicy.import },
      schema: {
        tags,
        summary: 'Commit a previewed import, all or nothing (runs on the server; poll the job)',
        params: JobParams,
        response: { 202: ImportJob, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { jobId } = request.params;
      const job = await k.transaction().execute(async (trx) => {
        const found = await ownJob(trx, actor, jobId);
        if (found.state !== 'previewed') throw new AppError(409, 'errors.importNotReady');
        if (found.error_row_count > 0)
          throw new AppError(400, 'problems.validation', [{ field: 'file', key: 'errors.importHasErrors' }]);
        await trx
          .updateTable('import_job')
          .set({ state: 'committing' })
          .where('municipality_id', '=', actor.municipalityId)
          .where('id', '=', jobId)
          .execute();
        // The request is on the record at once; the commit's own record names every household.
        await audit(trx, actor, {
          action: 'update',
          entity: 'import_job',
          entityId: jobId,
          fields: ['state'],
          purpose,
        });
        return { ...found, state: 'committing' as const };
      });
      const work = commitJob(db, actor, jobId).catch((error) => {
        request.log.error(
          { err: { name: (error as Error).name, code: (error as { code?: string }).code } },
          'import commit failed',
        );
      });
      running.add(work);
      void work.finally(() => running.delete(work));
      reply.status(202);
      return jobView(job);
    },
  );
};

/** What the job and the list of jobs both show: the file, the state and the counts. */
function jobSummary(
  j: Pick<
    JobRow,
    | 'id'
    | 'area_id'
    | 'file_name'
    | 'state'
    | 'row_count'
    | 'error_row_count'
    | 'household_count'
    | 'create_count'
    | 'update_count'
    | 'unsure_count'
    | 'committed_count'
    | 'created_at'
  >,
) {
  return {
    id: j.id,
    areaId: j.area_id,
    fileName: j.file_name,
    state: j.state,
    rowCount: j.row_count,
    errorRowCount: j.error_row_count,
    householdCount: j.household_count,
    createCount: j.create_count,
    updateCount: j.update_count,
    unsureCount: j.unsure_count,
    committedCount: j.state === 'committing' ? (commitProgress.get(j.id) ?? 0) : j.committed_count,
    createdAt: j.created_at.toISOString(),
  };
}

function jobView(j: JobRow) {
  return {
    ...jobSummary(j),
    format: j.format,
    bytesTotal: j.bytes_total === null ? null : Number(j.bytes_total),
    bytesRead: Number(j.bytes_read),
    extraColumns: j.extra_columns,
    missingColumns: j.missing_columns,
    failure: j.failure,
  };
}

/** Runs a write; a unique index refusing it becomes the field's translated error. */
async function unique<T>(index: string, field: string, key: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, index)) throw fieldError(field, key);
    throw error;
  }
}
