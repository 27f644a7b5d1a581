import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import {
  ConsentParams,
  FamilyDetail,
  FamilyParams,
  GiveConsent,
  WithdrawConsent,
} from '../../shared/families/families.contract';
import { familyRoutes } from '../access/family-route';
import { fieldError, notFound } from '../http/problem';
import { consentGivenChanges } from './families.changes';
import { familyPageRead, loadDetail } from './families.detail';
import { familiesPolicy, familyActions } from './families.policy';
import {
  findConsentForUpdate,
  findConsentInForce,
  findFamilyMember,
  insertConsent,
  withdrawConsent,
} from './families.queries';
import { consentInForce, familyRulesHold, recordFamilyChange, translateConstraint } from './families.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['families'];

/** A family's consents: given for a purpose, and withdrawn. */
export const familyConsentsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const route = familyRoutes(app, db, familyRulesHold);

  route({
    method: 'POST',
    url: '/:familyId/consents',
    access: familiesPolicy.record,
    action: familyActions.manageConsent,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Record the family’s consent for a purpose',
      params: FamilyParams,
      body: GiveConsent,
      response: { 201: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const body = request.body;
      if (body.personId) {
        const person = await findFamilyMember(trx, actor.municipalityId, familyId, body.personId);
        if (!person) throw fieldError('personId', 'errors.personUnknown');
      }
      // One consent in force per purpose (decision 0019). The family's row is locked by
      // withFamily, so two requests for one family are serialised and the second finds the
      // first; the unique index consent_in_force refuses any other writer's duplicate.
      if (await findConsentInForce(trx, actor.municipalityId, familyId, body.purpose)) throw consentInForce();
      const row = await insertConsent(trx, {
        municipalityId: actor.municipalityId,
        familyId,
        personId: body.personId ?? null,
        purpose: body.purpose,
        scope: body.scope ?? null,
        givenOn: body.givenOn,
        recordedBy: actor.userId,
        givenHow: body.givenHow ?? null,
        language: body.language ?? null,
        interpreter: body.interpreter ?? false,
      }).catch(translateConstraint);
      await recordFamilyChange(trx, actor, familyId, {
        entity: 'consent',
        entityId: row.id,
        action: 'give_consent',
        changes: consentGivenChanges(body),
        auditAction: 'create',
        auditFields: ['purpose', 'scope', 'given_on'],
        purpose,
      });
      return loadDetail(trx, actor, familyId, family, now);
    },
    send: (detail, reply) => reply.status(201).send(detail),
  });

  route({
    method: 'POST',
    url: '/:familyId/consents/:consentId/withdraw',
    access: familiesPolicy.record,
    action: familyActions.manageConsent,
    audit: familyPageRead,
    schema: {
      tags,
      summary: 'Record that consent was withdrawn',
      params: ConsentParams,
      body: WithdrawConsent,
      response: { 200: FamilyDetail, ...errors },
    },
    handler: async ({ trx, actor, familyId, family, now, purpose }, request) => {
      const { consentId } = request.params;
      const consent = await findConsentForUpdate(trx, actor.municipalityId, familyId, consentId);
      if (!consent) throw notFound();
      if (consent.withdrawn_on) throw fieldError('withdrawnOn', 'errors.alreadyWithdrawn', 409);
      if (request.body.withdrawnOn < consent.given_on)
        throw fieldError('withdrawnOn', 'errors.withdrawBeforeGiven');
      await withdrawConsent(trx, actor.municipalityId, consentId, request.body.withdrawnOn);
      await recordFamilyChange(trx, actor, familyId, {
        entity: 'consent',
        entityId: consentId,
        action: 'withdraw_consent',
        changes: [{ field: 'withdrawnOn', from: null, to: request.body.withdrawnOn }],
        auditAction: 'update',
        auditFields: ['withdrawn_on'],
        purpose,
      });
      return loadDetail(trx, actor, familyId, family, now);
    },
  });
};
