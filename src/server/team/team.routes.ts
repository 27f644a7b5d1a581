import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { AreaList, DepartmentCode, StaffList } from '../../shared/team/team.contract';
import { actorOf } from '../plugins/access';
import { coversRoutes } from './covers.routes';
import { teamPolicy } from './team.policy';
import { areas, teamStaff } from './team.queries';

export const teamRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  await app.register(coversRoutes, { db });

  app.get(
    '/team/staff',
    {
      config: {
        access: teamPolicy.staff,
        unaudited: 'colleagues and their counts of families, no family’s data',
      },
      schema: { tags: ['team'], response: { 200: StaffList } },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await teamStaff(db.kysely, actor.municipalityId, actor.teamId!);
      return {
        items: rows.map((r) => ({
          id: r.id,
          displayName: r.display_name,
          role: r.role,
          departmentCode: DepartmentCode.safeParse(r.department_code).data ?? null,
          familyCount: Number(r.family_count ?? 0),
        })),
      };
    },
  );

  app.get(
    '/areas',
    {
      config: { access: teamPolicy.areas, unaudited: 'areas: organisation data' },
      schema: { tags: ['team'], response: { 200: AreaList } },
    },
    async (request) => ({ items: await areas(db.kysely, actorOf(request).municipalityId) }),
  );
};
