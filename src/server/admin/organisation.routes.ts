import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors';
import type { Trx } from '../../db/queryable';
import {
  AdminArea,
  AdminAreaList,
  AdminTeam,
  AdminTeamList,
  AreaBody,
  AreaParams,
  CreateTeam,
  DepartmentList,
  RenameTeam,
  TeamParams,
} from '../../shared/admin/organisation.contract';
import { Problem } from '../../shared/common/common.contract';
import type { Actor } from '../http/access';
import { AppError, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { toDepartment } from '../team/org-units';
import { adminPolicy } from './admin.policy';
import {
  areaExists,
  areaInUse,
  areaNamedLike,
  deleteArea,
  deleteTeam,
  insertArea,
  insertTeam,
  listAreas,
  listDepartments,
  listTeams,
  renameArea,
  renameTeam,
  teamInUse,
  teamNamedLike,
} from './organisation.queries';
import { teamExists } from './users.queries';

const nameTaken = (key: string) => new AppError(400, 'problems.validation', [{ field: 'name', key }]);
const inUse = (kind: 'area' | 'team') => new AppError(409, `problems.${kind}InUse`);

/** A delete the foreign keys refused: something arrived after the check (two administrators at once). */
async function removing(kind: 'area' | 'team', work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse(kind);
    throw error;
  }
}

/**
 * What renaming and deleting do alike for an area and a team: their queries, the key of a taken
 * name and the fields a delete records. A unit in use (an area's teams or families, a team's
 * accounts or families) is not deleted.
 */
const units = {
  area: {
    exists: areaExists,
    namedLike: areaNamedLike,
    rename: renameArea,
    inUse: async (trx: Trx, municipalityId: string, id: string) => {
      const use = await areaInUse(trx, municipalityId, id);
      return use.has_teams || use.has_families;
    },
    remove: deleteArea,
    nameTaken: 'errors.areaNameTaken',
    deleted: ['name'],
  },
  team: {
    exists: teamExists,
    namedLike: teamNamedLike,
    rename: renameTeam,
    inUse: async (trx: Trx, municipalityId: string, id: string) => {
      const use = await teamInUse(trx, municipalityId, id);
      return use.has_accounts || use.has_families;
    },
    remove: deleteTeam,
    nameTaken: 'errors.teamNameTaken',
    deleted: ['name', 'areaId'],
  },
};

/** Areas, teams and departments: the municipality's organisation, kept by its administrator. */
export const organisationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const tags = ['admin'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
  const deleteErrors = { ...errors, 409: Problem };
  const config = { access: adminPolicy.organisation };
  const purpose = 'administration';
  /**
   * A create or rename in one transaction. A name the unique index refuses (another
   * administrator saved the same name between our check and our write) is answered as the
   * check answers it, not as a 500.
   */
  const writeNamed = async <T>(work: (trx: Trx) => Promise<T>): Promise<T> => {
    try {
      return await k.transaction().execute(work);
    } catch (error) {
      if (isUniqueViolation(error, 'area_name_ci')) throw nameTaken('errors.areaNameTaken');
      if (isUniqueViolation(error, 'team_name')) throw nameTaken('errors.teamNameTaken');
      throw error;
    }
  };

  /** Renames an area or a team: 404 unless it is the municipality's, 400 if another has the name. */
  const rename = (actor: Actor, entity: 'area' | 'team', id: string, name: string) =>
    writeNamed(async (trx) => {
      const unit = units[entity];
      if (!(await unit.exists(trx, actor.municipalityId, id))) throw notFound();
      if (await unit.namedLike(trx, actor.municipalityId, name, id)) throw nameTaken(unit.nameTaken);
      await unit.rename(trx, actor.municipalityId, id, name);
      await audit(trx, actor, { action: 'update', entity, entityId: id, fields: ['name'], purpose });
    });

  /** Deletes an area or a team: 404 unless it is the municipality's, 409 while it is in use. */
  const remove = (actor: Actor, entity: 'area' | 'team', id: string) =>
    removing(entity, () =>
      k.transaction().execute(async (trx) => {
        const unit = units[entity];
        if (!(await unit.exists(trx, actor.municipalityId, id))) throw notFound();
        if (await unit.inUse(trx, actor.municipalityId, id)) throw inUse(entity);
        await unit.remove(trx, actor.municipalityId, id);
        await audit(trx, actor, { action: 'delete', entity, entityId: id, fields: unit.deleted, purpose });
      }),
    );

  const areasOf = async (municipalityId: string): Promise<AdminArea[]> =>
    (await listAreas(k, municipalityId)).map((r) => ({
      id: r.id,
      name: r.name,
      teamCount: Number(r.team_count ?? 0),
    }));
  const teamsOf = async (municipalityId: string): Promise<AdminTeam[]> =>
    (await listTeams(k, municipalityId)).map((r) => ({
      id: r.id,
      name: r.name,
      area: { id: r.area_id, name: r.area_name },
      staffCount: Number(r.staff_count ?? 0),
    }));

  app.get(
    '/admin/areas',
    {
      config: { ...config, unaudited: 'areas: organisation data' },
      schema: { tags, summary: 'The areas', response: { 200: AdminAreaList, ...errors } },
    },
    async (request) => ({ items: await areasOf(actorOf(request).municipalityId) }),
  );

  app.post(
    '/admin/areas',
    {
      config,
      schema: { tags, summary: 'Create an area', body: AreaBody, response: { 201: AdminArea, ...errors } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name } = request.body;
      const id = await writeNamed(async (trx) => {
        if (await areaNamedLike(trx, actor.municipalityId, name, null))
          throw nameTaken('errors.areaNameTaken');
        const area = await insertArea(trx, actor.municipalityId, name);
        await audit(trx, actor, {
          action: 'create',
          entity: 'area',
          entityId: area.id,
          fields: ['name'],
          purpose,
        });
        return area.id;
      });
      reply.status(201);
      return (await areasOf(actor.municipalityId)).find((a) => a.id === id)!;
    },
  );

  app.patch(
    '/admin/areas/:areaId',
    {
      config,
      schema: {
        tags,
        summary: 'Rename an area',
        params: AreaParams,
        body: AreaBody,
        response: { 200: AdminArea, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { areaId } = request.params;
      await rename(actor, 'area', areaId, request.body.name);
      return (await areasOf(actor.municipalityId)).find((a) => a.id === areaId)!;
    },
  );

  // Only an empty area can go: one with teams or families is refused (409) with what to do first.
  // The foreign keys refuse it too, should a team or a family arrive between the check and the delete.
  app.delete(
    '/admin/areas/:areaId',
    {
      config,
      schema: {
        tags,
        summary: 'Delete an area that has no teams and no families',
        params: AreaParams,
        response: { 204: z.null(), ...deleteErrors },
      },
    },
    async (request, reply) => {
      await remove(actorOf(request), 'area', request.params.areaId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/teams',
    {
      config: { ...config, unaudited: 'teams: organisation data' },
      schema: { tags, summary: 'The teams', response: { 200: AdminTeamList, ...errors } },
    },
    async (request) => ({ items: await teamsOf(actorOf(request).municipalityId) }),
  );

  app.post(
    '/admin/teams',
    {
      config,
      schema: {
        tags,
        summary: 'Create a team in an area',
        body: CreateTeam,
        response: { 201: AdminTeam, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name, areaId } = request.body;
      const id = await writeNamed(async (trx) => {
        const fields = [];
        if (!(await areaExists(trx, actor.municipalityId, areaId))) {
          fields.push({ field: 'areaId', key: 'errors.areaUnknown' });
        }
        if (await teamNamedLike(trx, actor.municipalityId, name, null)) {
          fields.push({ field: 'name', key: 'errors.teamNameTaken' });
        }
        if (fields.length) throw new AppError(400, 'problems.validation', fields);
        const team = await insertTeam(trx, actor.municipalityId, areaId, name);
        await audit(trx, actor, {
          action: 'create',
          entity: 'team',
          entityId: team.id,
          fields: ['name', 'areaId'],
          purpose,
        });
        return team.id;
      });
      reply.status(201);
      return (await teamsOf(actor.municipalityId)).find((t) => t.id === id)!;
    },
  );

  app.patch(
    '/admin/teams/:teamId',
    {
      config,
      schema: {
        tags,
        summary: 'Rename a team',
        params: TeamParams,
        body: RenameTeam,
        response: { 200: AdminTeam, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { teamId } = request.params;
      await rename(actor, 'team', teamId, request.body.name);
      return (await teamsOf(actor.municipalityId)).find((t) => t.id === teamId)!;
    },
  );

  app.delete(
    '/admin/teams/:teamId',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a team that has no accounts and no families',
        params: TeamParams,
        response: { 204: z.null(), ...deleteErrors },
      },
    },
    async (request, reply) => {
      await remove(actorOf(request), 'team', request.params.teamId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/departments',
    {
      config: { ...config, unaudited: 'departments: organisation data' },
      schema: { tags, summary: 'The departments', response: { 200: DepartmentList, ...errors } },
    },
    async (request) => ({
      items: (await listDepartments(k, actorOf(request).municipalityId)).map((d) =>
        toDepartment(d.id, d.code, d.name),
      ),
    }),
  );
};
