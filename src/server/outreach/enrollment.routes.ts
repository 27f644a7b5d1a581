import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import type { Trx } from '../../db/queryable';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { formatAddress } from '../../shared/families/address';
import type { HouseholdRole } from '../../shared/families/families.contract';
import {
  COMPARABLE,
  ComparisonCounts,
  ENROLLABLE,
  Enroll,
  Enrolled,
  EnrollmentStart,
  HouseholdParams,
  PlacedInComparison,
  PlaceInComparison,
} from '../../shared/outreach/enrollment.contract';
import type { OutreachStatus } from '../../shared/outreach/outreach.contract';
import { consentGivenChanges } from '../families/families.changes';
import { storedFamilyProblems } from '../families/families.check';
import {
  findConsentInForce,
  insertConsent,
  insertPair,
  refreshHouseholdSummary,
} from '../families/families.queries';
import { ensurePairInTeam, recordChange, refuseProblems } from '../families/families.service';
import type { Actor } from '../http/access';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../http/problem';
import { loadInstruments } from '../measures/instruments';
import {
  familyMembers,
  insertAdultFacts,
  insertChildFacts,
  insertMeasurement,
  insertSessions,
} from '../measures/measures.queries';
import { checkAndScore } from '../measures/measures.service';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { comparisonGroup } from './comparison-group';
import { findProspect, markComparison, markEnrolled, prospectMembers } from './enrollment.queries';
import { assignsPairAtEnrollment, enrollsFor, outreachPolicy } from './outreach.policy';
import { teamArea } from './outreach.queries';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['outreach'];

/** A field error thrown by reused checks (consents, measures) named under the flow's part. */
async function under<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.fields.length)
      throw new AppError(
        error.status,
        error.titleKey,
        error.fields.map((f) => ({ ...f, field: `${prefix}.${f.field}` })),
        error.type,
      );
    throw error;
  }
}

/**
 * Enrollment from outreach (issue 15 §4, decision 0049): the flow's start (the household and its
 * people), enrolling in one transaction (consents, status, the pair, the baseline), placing a
 * household in the comparison group, and the analysts' counts of that group.
 */
export const enrollmentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;

  /**
   * The prospect the actor may act on: 404 when unknown, of another municipality, already a family
   * or in the comparison group (invisible to the team); 403 (audited) outside the actor's team and area.
   */
  async function prospectFor(trx: Trx, actor: Actor, householdId: string, lock: boolean) {
    const h = await findProspect(trx, actor.municipalityId, householdId, lock);
    if (!h) throw notFound();
    const own = actor.teamId ? await teamArea(trx, actor.municipalityId, actor.teamId) : undefined;
    if (!enrollsFor(actor, own?.area_id, h))
      throw refused(forbidden(), {
        entity: 'household',
        entityId: householdId,
        householdId,
        purpose: 'access_check',
      });
    return h;
  }

  app.get(
    '/outreach/households/:householdId/enrollment',
    {
      config: { access: outreachPolicy.enroll },
      schema: {
        tags,
        summary: 'Start enrolling: the household as outreach knows it, its people and what I may do',
        params: HouseholdParams,
        response: { 200: EnrollmentStart, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { householdId } = request.params;
      return k.transaction().execute(async (trx) => {
        const h = await prospectFor(trx, actor, householdId, false);
        const members = await prospectMembers(trx, actor.municipalityId, householdId);
        await audit(trx, actor, {
          action: 'read',
          entity: 'household',
          entityId: householdId,
          householdId,
          fields: ['address', 'names', 'birthDates', 'outreachStatus'],
          purpose: 'enrollment',
        });
        const status = h.outreach_status as OutreachStatus;
        return {
          id: h.id,
          reference: h.reference,
          address: formatAddress({
            street: h.street,
            buildingNumber: h.building_number,
            entrance: h.entrance,
            floor: h.floor,
            door: h.door,
          }),
          buildingId: h.building_id ?? null,
          outreachStatus: status,
          eligible: h.eligible,
          version: h.version,
          members: members.map((m) => ({
            id: m.id,
            firstName: m.first_name,
            lastName: m.last_name,
            role: m.household_role as HouseholdRole,
            birthDate: m.birth_date,
          })),
          abilities: {
            enroll: ENROLLABLE.includes(status),
            placeInComparison: COMPARABLE.includes(status) && h.eligible === true,
            assignPair: assignsPairAtEnrollment(actor),
          },
        };
      });
    },
  );

  app.post(
    '/outreach/households/:householdId/enroll',
    {
      config: { access: outreachPolicy.enroll },
      schema: {
        tags,
        summary:
          'Enroll an interested household, all or nothing: consents, status, the pair (leader) and the baseline',
        params: HouseholdParams,
        body: Enroll,
        response: { 201: Enrolled, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { householdId } = request.params;
      const body = request.body;
      const m = actor.municipalityId;
      const enrolled = await k.transaction().execute(async (trx) => {
        const h = await prospectFor(trx, actor, householdId, true);
        if (h.version !== body.version) throw versionConflict();
        if (!ENROLLABLE.includes(h.outreach_status as OutreachStatus))
          throw new AppError(409, 'errors.notEnrollable');
        if (body.pair && !assignsPairAtEnrollment(actor))
          throw refused(forbidden(), {
            entity: 'pair',
            householdId,
            fields: ['pair'],
            purpose: 'access_check',
          });
        const now = new Date();
        const row = await markEnrolled(trx, m, householdId, {
          enrolledOn: body.enrolledOn,
          userId: actor.userId,
          now,
        });
        await recordChange(trx, actor, householdId, 'household', householdId, 'enrol', [
          { field: 'status', from: 'prospect', to: 'enrolled' },
          { field: 'enrolledOn', from: null, to: body.enrolledOn },
        ]);
        const people = new Set((await familyMembers(trx, m, householdId)).map((p) => p.id));
        for (const [i, c] of body.consents.entries()) {
          await under(`consents.${i}`, async () => {
            if (c.personId && !people.has(c.personId)) throw fieldError('personId', 'errors.personUnknown');
            if (await findConsentInForce(trx, m, householdId, c.purpose))
              throw fieldError('purpose', 'errors.consentInForce', 409);
            const consent = await insertConsent(trx, {
              municipalityId: m,
              familyId: householdId,
              personId: c.personId ?? null,
              purpose: c.purpose,
              scope: c.scope ?? null,
              givenOn: c.givenOn,
              recordedBy: actor.userId,
              givenHow: c.givenHow ?? null,
              language: c.language ?? null,
              interpreter: c.interpreter ?? false,
            });
            await recordChange(
              trx,
              actor,
              householdId,
              'consent',
              consent.id,
              'give_consent',
              consentGivenChanges(c),
            );
          });
        }
        if (body.pair) {
          const pair = body.pair as [string, string];
          await ensurePairInTeam(trx, actor, h.team_id, pair).catch((e) => {
            throw e instanceof AppError ? fieldError('pair', 'errors.pairNotInTeam') : e;
          });
          const inserted = await insertPair(trx, m, householdId, pair, actor.userId);
          await recordChange(trx, actor, householdId, 'pair', inserted.id, 'assign_pair', [
            { field: 'pair', from: null, to: pair },
          ]);
        }
        let measurementId: string | null = null;
        if (body.baseline) {
          const baseline = { ...body.baseline, occasion: 'baseline' as const };
          measurementId = await under('baseline', async () => {
            const instruments = await loadInstruments(trx, m);
            const members = await familyMembers(trx, m, householdId);
            const checked = checkAndScore(baseline, members, instruments);
            const { id } = await insertMeasurement(trx, {
              municipalityId: m,
              familyId: householdId,
              occasion: 'baseline',
              takenOn: baseline.takenOn,
              language: baseline.language,
              recordedBy: actor.userId,
            });
            await insertSessions(trx, m, householdId, id, checked.sessions);
            await insertAdultFacts(trx, m, id, checked.adults);
            await insertChildFacts(trx, m, id, checked.children);
            return id;
          });
        }
        await refreshHouseholdSummary(trx, m, householdId);
        // The family as enrolled meets every rule the register holds its families to.
        refuseProblems(await storedFamilyProblems(trx, m, householdId));
        await audit(trx, actor, {
          action: 'update',
          entity: 'household',
          entityId: householdId,
          householdId,
          fields: [
            'status',
            'enrolledOn',
            'consents',
            ...(body.pair ? ['pair'] : []),
            ...(measurementId ? ['baseline'] : []),
          ],
          purpose: 'enrollment',
        });
        return { familyId: row.id, reference: row.reference };
      });
      return reply.status(201).send(enrolled);
    },
  );

  app.post(
    '/outreach/households/:householdId/comparison',
    {
      config: { access: outreachPolicy.enroll },
      schema: {
        tags,
        summary:
          'Place an eligible household in the comparison group: final for the team, which will not see it again',
        params: HouseholdParams,
        body: PlaceInComparison,
        response: { 200: PlacedInComparison, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { householdId } = request.params;
      return k.transaction().execute(async (trx) => {
        const h = await prospectFor(trx, actor, householdId, true);
        if (h.version !== request.body.version) throw versionConflict();
        if (!COMPARABLE.includes(h.outreach_status as OutreachStatus) || h.eligible !== true)
          throw new AppError(409, 'errors.notComparable');
        const row = await markComparison(trx, actor.municipalityId, householdId, {
          on: today(),
          userId: actor.userId,
          now: new Date(),
        });
        await audit(trx, actor, {
          action: 'update',
          entity: 'household',
          entityId: householdId,
          householdId,
          fields: ['outreachStatus', 'comparisonOn'],
          purpose: 'comparison_group',
        });
        return { id: row.id, comparisonOn: row.comparison_on! };
      });
    },
  );

  app.get(
    '/outreach/comparison-group',
    {
      config: {
        access: outreachPolicy.comparisonCounts,
        unaudited: 'counts per area, cells below the minimum suppressed: no household’s data',
      },
      schema: {
        tags,
        summary: 'The comparison group in counts per area (analysts), small counts suppressed',
        response: { 200: ComparisonCounts, ...errors },
      },
    },
    async (request) => comparisonGroup(k, actorOf(request).municipalityId),
  );
};
