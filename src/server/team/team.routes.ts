import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { Problem } from '../../shared/common/common.contract';
import {
  AreaList,
  CompetenceDomain,
  CompetenceDomainList,
  Department,
  DepartmentList,
  DepartmentParams,
  DomainParams,
  MemberParams,
  OrgUnitName,
  SetCompetences,
  StaffList,
  TeamPage,
} from '../../shared/team/team.contract';
import type { Actor } from '../http/access';
import { AppError, type FieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { coversRoutes } from './covers.routes';
import { toDepartment, toDomain } from './org-units';
import { mayKeepCompetencesOf, teamPolicy } from './team.policy';
import {
  areas,
  deleteStaffCompetences,
  domainsAmong,
  insertStaffCompetences,
  insertUnit,
  listUnits,
  lockStaffMember,
  renameUnit,
  setHomeDepartment,
  staffCompetences,
  teamCompetences,
  teamStaff,
  unitExists,
  unitNamedLike,
} from './team.queries';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const purpose = 'administration';

export const teamRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  await app.register(coversRoutes, { db });
  const k = db.kysely;

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
      const rows = await teamStaff(k, actor.municipalityId, actor.teamId!);
      return {
        items: rows.map((r) => ({
          id: r.id,
          displayName: r.display_name,
          role: r.role,
          department: r.department_id
            ? toDepartment(r.department_id, r.department_code, r.department_name)
            : null,
          familyCount: Number(r.family_count ?? 0),
        })),
      };
    },
  );

  app.get(
    '/team/page',
    {
      config: {
        access: teamPolicy.page,
        unaudited: 'colleagues’ departments, levels and counts of families: no family’s data',
      },
      schema: {
        tags: ['team'],
        summary: 'Who on the team knows what, and each one’s load',
        response: { 200: TeamPage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const m = actor.municipalityId;
      // One snapshot of the page: the lists and levels read together.
      return k.transaction().execute(async (trx) => {
        const departments = await listUnits(trx, 'department', m);
        const domains = await listUnits(trx, 'competence_domain', m);
        const staff = await teamStaff(trx, m, actor.teamId!);
        const levels = await teamCompetences(trx, m, actor.teamId!);
        return {
          departments: departments.map((d) => toDepartment(d.id, d.code, d.name)),
          domains: domains.map((d) => toDomain(d.id, d.code, d.name)),
          members: staff.map((s) => ({
            id: s.id,
            displayName: s.display_name,
            role: s.role,
            departmentId: s.department_id,
            competences: levels
              .filter((l) => l.user_id === s.id)
              .map((l) => ({ domainId: l.domain_id, level: l.level })),
            familyCount: Number(s.family_count ?? 0),
          })),
          abilities: { editCompetences: actor.role === 'team_leader' },
        };
      });
    },
  );

  app.put(
    '/team/members/:userId/competences',
    {
      config: { access: teamPolicy.competences },
      schema: {
        tags: ['team'],
        summary: 'Set a team member’s home department and levels (the leader)',
        params: MemberParams,
        body: SetCompetences,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const m = actor.municipalityId;
      const { userId } = request.params;
      const { departmentId, competences } = request.body;
      await k.transaction().execute(async (trx) => {
        const member = await lockStaffMember(trx, m, userId);
        if (!member) throw notFound();
        const refusal = {
          entity: 'staff_competence',
          entityId: userId,
          fields: ['departmentId', 'competences'],
          purpose: 'access_check',
        };
        if (
          !mayKeepCompetencesOf(actor, {
            teamId: member.team_id,
            role: member.role,
            disabled: member.disabled_at !== null,
          })
        )
          throw refused(forbidden(), refusal);
        const fieldErrors: FieldError[] = [];
        if (departmentId !== null && !(await unitExists(trx, 'department', m, departmentId)))
          fieldErrors.push({ field: 'departmentId', key: 'errors.departmentUnknown' });
        if (competences.length > 0) {
          const known = new Set(
            (
              await domainsAmong(
                trx,
                m,
                competences.map((c) => c.domainId),
              )
            ).map((d) => d.id),
          );
          competences.forEach((c, i) => {
            if (!known.has(c.domainId))
              fieldErrors.push({ field: `competences.${i}.domainId`, key: 'errors.domainUnknown' });
          });
        }
        if (fieldErrors.length > 0) throw new AppError(400, 'problems.validation', fieldErrors);
        const before = await staffCompetences(trx, m, userId);
        await setHomeDepartment(trx, m, userId, departmentId);
        await deleteStaffCompetences(trx, m, userId);
        if (competences.length > 0) await insertStaffCompetences(trx, m, userId, competences);
        const changed = changedFields(member, departmentId, before, competences);
        await audit(trx, actor, {
          action: 'update',
          entity: 'staff_competence',
          entityId: userId,
          fields: changed.length > 0 ? changed : ['departmentId', 'competences'],
          purpose,
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/areas',
    {
      config: { access: teamPolicy.areas, unaudited: 'areas: organisation data' },
      schema: { tags: ['team'], response: { 200: AreaList } },
    },
    async (request) => ({ items: await areas(k, actorOf(request).municipalityId) }),
  );

  unitRoutes(app, db, {
    url: '/team/departments',
    table: 'department',
    params: DepartmentParams,
    idParam: 'departmentId',
    item: Department,
    list: DepartmentList,
    toItem: toDepartment,
    nameTakenKey: 'errors.departmentNameTaken',
    uniqueIndex: 'department_name_ci',
  });
  unitRoutes(app, db, {
    url: '/team/domains',
    table: 'competence_domain',
    params: DomainParams,
    idParam: 'domainId',
    item: CompetenceDomain,
    list: CompetenceDomainList,
    toItem: toDomain,
    nameTakenKey: 'errors.domainNameTaken',
    uniqueIndex: 'competence_domain_name_ci',
  });
};

/** Which of the two things the leader sets differ from before (the audit names only those). */
function changedFields(
  member: { department_id: string | null },
  departmentId: string | null,
  before: { domain_id: string; level: number }[],
  after: { domainId: string; level: number }[],
): string[] {
  const fields: string[] = [];
  if ((member.department_id ?? null) !== departmentId) fields.push('departmentId');
  const key = (list: [string, number][]) =>
    list
      .map(([d, l]) => `${d}:${l}`)
      .sort()
      .join();
  if (key(before.map((b) => [b.domain_id, b.level])) !== key(after.map((a) => [a.domainId, a.level])))
    fields.push('competences');
  return fields;
}

type Unit = Department | CompetenceDomain;

interface UnitRoutes {
  url: string;
  table: 'department' | 'competence_domain';
  params: typeof DepartmentParams | typeof DomainParams;
  idParam: 'departmentId' | 'domainId';
  item: z.ZodType<Unit>;
  list: z.ZodType<{ items: Unit[] }>;
  toItem: (id: string, code: string | null, name: string | null) => Department | CompetenceDomain;
  nameTakenKey: string;
  uniqueIndex: string;
}

/**
 * Departments and competence domains are kept alike: listed by anyone signed in, added and
 * renamed by the administrator (audited). There is no delete: a department or domain is referred
 * to by accounts, levels and (later) decisions and tasks, so one in use must stay; a rename is
 * the way to change one.
 */
function unitRoutes(app: Parameters<FastifyPluginAsyncZod<{ db: Db }>>[0], db: Db, o: UnitRoutes) {
  const k = db.kysely;
  const tags = ['team'];
  const nameTaken = () => new AppError(400, 'problems.validation', [{ field: 'name', key: o.nameTakenKey }]);
  const itemOf = async (actor: Actor, id: string) =>
    (await listUnits(k, o.table, actor.municipalityId))
      .filter((r) => r.id === id)
      .map((r) => o.toItem(r.id, r.code, r.name))[0]!;
  const writeNamed = async (work: (trx: Transaction<Database>) => Promise<string>) => {
    try {
      return await k.transaction().execute(work);
    } catch (error) {
      if (isUniqueViolation(error, o.uniqueIndex)) throw nameTaken();
      throw error;
    }
  };

  app.get(
    o.url,
    {
      config: {
        access: teamPolicy.units,
        unaudited: 'departments and competence domains: organisation data',
      },
      schema: { tags, response: { 200: o.list, ...errors } },
    },
    async (request) => ({
      items: (await listUnits(k, o.table, actorOf(request).municipalityId)).map((r) =>
        o.toItem(r.id, r.code, r.name),
      ),
    }),
  );

  app.post(
    o.url,
    {
      config: { access: teamPolicy.manageUnits },
      schema: { tags, body: OrgUnitName, response: { 201: o.item, ...errors } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name } = request.body;
      const id = await writeNamed(async (trx) => {
        if (await unitNamedLike(trx, o.table, actor.municipalityId, name, null)) throw nameTaken();
        const row = await insertUnit(trx, o.table, actor.municipalityId, name);
        await audit(trx, actor, {
          action: 'create',
          entity: o.table,
          entityId: row.id,
          fields: ['name'],
          purpose,
        });
        return row.id;
      });
      reply.status(201);
      return itemOf(actor, id);
    },
  );

  app.patch(
    `${o.url}/:${o.idParam}`,
    {
      config: { access: teamPolicy.manageUnits },
      schema: { tags, params: o.params, body: OrgUnitName, response: { 200: o.item, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = (request.params as Record<string, string>)[o.idParam]!;
      const { name } = request.body;
      await writeNamed(async (trx) => {
        if (!(await unitExists(trx, o.table, actor.municipalityId, id))) throw notFound();
        if (await unitNamedLike(trx, o.table, actor.municipalityId, name, id)) throw nameTaken();
        await renameUnit(trx, o.table, actor.municipalityId, id, name);
        await audit(trx, actor, {
          action: 'update',
          entity: o.table,
          entityId: id,
          fields: ['name'],
          purpose,
        });
        return id;
      });
      return itemOf(actor, id);
    },
  );
}
