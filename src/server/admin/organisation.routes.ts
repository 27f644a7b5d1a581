import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
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
  const writeNamed = async <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
    try {
      return await k.transaction().execute(work);
    } catch (error) {
      if (isUniqueViolation(error, 'area_name_ci')) throw nameTaken('errors.areaNameTaken');
      if (isUniqueViolation(error, 'team_name')) throw nameTaken('errors.teamNameTaken');
      throw error;
    }
  };

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
      const { name } = request.body;
      await writeNamed(async (trx) => {
        if (!(await areaExists(trx, actor.municipalityId, areaId))) throw notFound();
        if (await areaNamedLike(trx, actor.municipalityId, name, areaId))
          throw nameTaken('errors.areaNameTaken');
        await renameArea(trx, actor.municipalityId, areaId, name);
        await audit(trx, actor, {
          action: 'update',
          entity: 'area',
          entityId: areaId,
          fields: ['name'],
          purpose,
        });
      });
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
      const actor = actorOf(request);
      const { areaId } = request.params;
      await removing('area', () =>
        k.transaction().execute(async (trx) => {
          if (!(await areaExists(trx, actor.municipalityId, areaId))) throw notFound();
          const use = await areaInUse(trx, actor.municipalityId, areaId);
          if (use.has_teams || use.has_families) throw inUse('area');
          await deleteArea(trx, actor.municipalityId, areaId);
          await audit(trx, actor, {
            action: 'delete',
            entity: 'area',
            entityId: areaId,
            fields: ['name'],
            purpose,
          });
        }),
      );
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
      const { name } = request.body;
      await writeNamed(async (trx) => {
        if (!(await teamExists(trx, actor.municipalityId, teamId))) throw notFound();
        if (await teamNamedLike(trx, actor.municipalityId, name, teamId))
          throw nameTaken('errors.teamNameTaken');
        await renameTeam(trx, actor.municipalityId, teamId, name);
        await audit(trx, actor, {
          action: 'update',
          entity: 'team',
          entityId: teamId,
          fields: ['name'],
          purpose,
        });
      });
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
      const actor = actorOf(request);
      const { teamId } = request.params;
      await removing('team', () =>
        k.transaction().execute(async (trx) => {
          if (!(await teamExists(trx, actor.municipalityId, teamId))) throw notFound();
          const use = await teamInUse(trx, actor.municipalityId, teamId);
          if (use.has_accounts || use.has_families) throw inUse('team');
          await deleteTeam(trx, actor.municipalityId, teamId);
          await audit(trx, actor, {
            action: 'delete',
            entity: 'team',
            entityId: teamId,
            fields: ['name', 'areaId'],
            purpose,
          });
        }),
      );
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
