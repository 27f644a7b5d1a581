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
import { familyRoutes } from '../access/family-route';
import { atVersion, fieldError, notFound } from '../http/problem';
import { addMember, saveEdit } from './families.changes';
import { personColumns } from './families.columns';
import { familyPageRead, loadDetail } from './families.detail';
import { familiesPolicy, familyActions } from './families.policy';
import { findMemberCpr, findMemberForUpdate, updateMember } from './families.queries';
import { familyRulesHold, guardCpr, guardHousehold } from './families.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem };
const tags = ['families'];
const CPR = ['cpr'];

/** A family's members: add, change, and the audited reveal of a full CPR number. */
export const familyMembersRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const route = familyRoutes(app, db, familyRulesHold);

  route({
    method: 'POST',
    url: '/:familyId/members',
    access: familiesPolicy.record,
    action: familyActions.update,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Add a member',
      params: FamilyParams,
      body: MemberInput,
      response: { 201: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const { role, birthDate } = request.body;
      await guardHousehold(trx, actor, familyId, { id: null, role, birthDate }, 'birthDate');
      await guardCpr(trx, actor, request.body.cpr, 'cpr');
      await addMember(trx, actor, familyId, request.body, purpose);
      return loadDetail(trx, actor, familyId, family, now);
    },
    send: (detail, reply) => reply.status(201).send(detail),
  });

  route({
    method: 'PATCH',
    url: '/:familyId/members/:memberId',
    access: familiesPolicy.record,
    action: familyActions.update,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Change a member',
      params: MemberParams,
      body: MemberUpdate,
      response: { 200: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const { memberId } = request.params;
      const { version, ...changes } = request.body;
      const before = atVersion(
        await findMemberForUpdate(trx, actor.municipalityId, familyId, memberId),
        version,
      );
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
      if (changes.cpr && changes.cpr !== before.cpr) await guardCpr(trx, actor, changes.cpr, 'cpr', memberId);
      await saveEdit(trx, actor, familyId, {
        entity: 'person',
        entityId: memberId,
        map: personColumns,
        before,
        input: changes,
        write: (columns) => updateMember(trx, actor.municipalityId, memberId, columns, now),
        purpose,
      });
      return loadDetail(trx, actor, familyId, family, now);
    },
  });

  route({
    method: 'POST',
    url: '/:familyId/members/:memberId/cpr',
    access: familiesPolicy.record,
    action: familyActions.revealCpr,
    schema: {
      tags,
      summary: 'Show a member’s full CPR number (audited)',
      params: MemberParams,
      response: { 200: CprReveal, ...errors },
    },
    handler: async ({ trx, actor, familyId }, request) => {
      const { memberId } = request.params;
      const person = await findMemberCpr(trx, actor.municipalityId, familyId, memberId);
      if (!person) throw notFound();
      return { memberId, cpr: person.cpr };
    },
    audit: (_context, shown) => ({
      action: 'reveal',
      entity: 'person',
      entityId: shown.memberId,
      fields: CPR,
    }),
    send: ({ cpr }) => ({ cpr }),
  });
};
