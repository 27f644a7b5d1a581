import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import {
  CprReveal,
  FamilyDetail,
  FamilyParams,
  MemberInput,
  MemberParams,
  MemberUpdate,
} from '../../shared/families/families.contract';
import { cprMatchesBirthDate } from '../../shared/families/rules';
import { fieldError, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { insertMember, saveEdit } from './families.changes';
import { personColumns } from './families.columns';
import { loadDetail } from './families.detail';
import { familiesPolicy } from './families.policy';
import { findMemberCpr, findMemberForUpdate, updateMember } from './families.queries';
import {
  guardCpr,
  guardHousehold,
  isBreakGlassAccess,
  touchHousehold,
  translateConstraint,
  withFamily,
} from './families.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem };
const tags = ['families'];

/** A family's members: add, change, and the audited reveal of a full CPR number. */
export const familyMembersRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

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
        const { role, birthDate } = request.body;
        await guardHousehold(trx, actor, familyId, { id: null, role, birthDate }, 'birthDate');
        await guardCpr(trx, actor, request.body.cpr, 'cpr');
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
        const before = await findMemberForUpdate(trx, actor.municipalityId, familyId, memberId);
        if (!before) throw notFound();
        if (before.version !== version) throw fieldError('version', 'errors.versionConflict', 409);
        // A changed CPR number or birth date must still agree with the stored other one.
        const birthDate = changes.birthDate ?? before.birth_date;
        if (changes.cpr !== undefined || changes.birthDate !== undefined) {
          const cpr = changes.cpr !== undefined ? changes.cpr : before.cpr;
          if (!cprMatchesBirthDate(cpr, birthDate))
            throw fieldError(changes.cpr ? 'cpr' : 'birthDate', 'errors.cprBirthDate');
        }
        if (changes.role !== undefined || changes.birthDate !== undefined) {
          const role = changes.role ?? before.household_role;
          const field = changes.birthDate !== undefined ? 'birthDate' : 'role';
          await guardHousehold(trx, actor, familyId, { id: memberId, role, birthDate }, field);
        }
        if (changes.cpr && changes.cpr !== before.cpr)
          await guardCpr(trx, actor, changes.cpr, 'cpr', memberId);
        await saveEdit(trx, actor, familyId, {
          entity: 'person',
          entityId: memberId,
          map: personColumns,
          before,
          input: changes,
          write: (columns) => updateMember(trx, actor.municipalityId, memberId, columns, now),
        });
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
        const person = await findMemberCpr(trx, actor.municipalityId, familyId, memberId);
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
};
