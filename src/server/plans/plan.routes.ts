import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import { FamilyParams } from '../../shared/families/families.contract';
import { copenhagenParts } from '../../shared/journal/appointments.time';
import {
  DreamParams,
  DreamUpdate,
  GoalParams,
  GoalUpdate,
  NewDream,
  NewGoal,
  PLAN_APPOINTMENTS,
  Plan,
  type PlanChange,
  type PlanContent,
  PlanRemoveQuery,
  type PlanStaff,
  PlanVersion,
  PlanVersionList,
  PlanVersionParams,
} from '../../shared/plans/plans.contract';
import { worksWith } from '../access/family-access';
import { type FamilyAuditRecord, type FamilyContext, familyRoutes } from '../access/family-route';
import { fieldError, notFound, versionConflict } from '../http/problem';
import { nextFamilyAppointments, participantsOf } from '../journal/appointments.queries';
import { domainsAmong } from '../team/team.queries';
import {
  currentPlanVersion,
  deleteDream,
  deleteGoal,
  familyDreams,
  familyGoals,
  insertDream,
  insertGoal,
  insertPlanVersion,
  planContent,
  planHeader,
  planPeople,
  planVersion,
  planVersions,
  updateDream,
  updateGoal,
} from './plan.queries';
import { planActions, plansPolicy } from './plans.policy';

type Field = PlanChange['fields'][number];
/** What a write did: the plan after it, and its change (null: nothing changed, no new version). */
interface Written {
  plan: Plan;
  change: PlanChange | null;
}
const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value the update gives and changes, from → to. */
function changedFields(before: Record<string, unknown>, update: Record<string, unknown>): Field[] {
  return Object.entries(update)
    .filter(([field, to]) => field !== 'version' && to !== undefined && !same(before[field], to))
    .map(([field, to]) => ({ field, from: before[field] ?? null, to }));
}

/**
 * The family's plan (issue 14 point 3; decision 0039): the current plan, its versions, and the
 * writes of dreams and goals. Every write names the version it was made on; the family route
 * holds the household row, so "is it still that version?" and "write the next" are one step.
 */
export const planRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['plans'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const route = familyRoutes(app, db);
  const access = plansPolicy.record;

  /** The plan as the API sends it: content, version, the family's people and its pair. */
  async function planOf({ trx, actor, familyId, family, now }: FamilyContext): Promise<Plan> {
    const m = actor.municipalityId;
    const content = await planContent(trx, m, familyId);
    const version = await currentPlanVersion(trx, m, familyId);
    const people = await planPeople(trx, m, familyId);
    const header = await planHeader(trx, m, familyId);
    const next = await nextFamilyAppointments(trx, m, familyId, now, PLAN_APPOINTMENTS);
    const names = await participantsOf(
      trx,
      m,
      next.map((a) => a.id),
    );
    const pair: PlanStaff[] = [];
    if (header?.first_id)
      pair.push({ id: header.first_id, displayName: header.first_name ?? '', workPhone: header.first_phone });
    if (header?.second_id)
      pair.push({
        id: header.second_id,
        displayName: header.second_name ?? '',
        workPhone: header.second_phone,
      });
    return {
      ...content,
      version,
      familyReference: header?.reference ?? '',
      people: people.map((p) => ({
        id: p.id,
        firstName: p.first_name,
        lastName: p.last_name,
        languages: p.languages,
      })),
      pair,
      appointments: next.map((a) => {
        const start = copenhagenParts(new Date(a.starts_at));
        return {
          startsAt: new Date(a.starts_at).toISOString(),
          endsAt: new Date(a.ends_at).toISOString(),
          date: start.date,
          startTime: start.time,
          endTime: copenhagenParts(new Date(a.ends_at)).time,
          kind: a.kind,
          title: a.title,
          place: a.place,
          otherAuthority: a.other_authority,
          participants: names.filter((p) => p.appointment_id === a.id).map((p) => p.display_name),
        };
      }),
      abilities: { edit: worksWith(actor, family) },
    };
  }

  /**
   * One change of the plan: refused with 409 unless the plan is still at the version the writer
   * saw; then `change` writes and says what it changed (nothing: no new version), and the plan as
   * it now stands becomes the next version.
   */
  async function write(
    context: FamilyContext,
    seen: number,
    change: () => Promise<PlanChange | null>,
  ): Promise<Written> {
    const { trx, actor, familyId } = context;
    const m = actor.municipalityId;
    const current = await currentPlanVersion(trx, m, familyId);
    if (current !== seen) throw versionConflict();
    const made = await change();
    if (made) {
      const snapshot: PlanContent = await planContent(trx, m, familyId);
      await insertPlanVersion(trx, {
        municipalityId: m,
        familyId,
        version: current + 1,
        snapshot,
        changes: [made],
        by: actor.userId,
      });
    }
    return { plan: await planOf(context), change: made };
  }

  /** A person of this family, or a 400 naming the field. */
  async function personOf(context: FamilyContext, personId: string, field: string) {
    const people = await planPeople(context.trx, context.actor.municipalityId, context.familyId);
    const person = people.find((p) => p.id === personId);
    if (!person) throw fieldError(field, 'errors.taskNotFamilyMember');
    return person;
  }

  /** A dream is said in one of the person's languages, or in Danish. */
  function checkLanguage(languages: string[], language: string) {
    if (language !== 'da' && languages.length > 0 && !languages.includes(language))
      throw fieldError('language', 'errors.dreamLanguage');
  }

  async function checkGoal(context: FamilyContext, domainId?: string, agreedBy?: string[]) {
    const { trx, actor, familyId } = context;
    if (domainId !== undefined && (await domainsAmong(trx, actor.municipalityId, [domainId])).length === 0)
      throw fieldError('domainId', 'errors.taskUnknownDomain');
    if (agreedBy && agreedBy.length > 0) {
      const people = new Set((await planPeople(trx, actor.municipalityId, familyId)).map((p) => p.id));
      if (!agreedBy.every((id) => people.has(id)))
        throw fieldError('agreedByPersonIds', 'errors.taskNotFamilyMember');
    }
  }

  const writeAudit =
    (entity: 'plan_dream' | 'plan_goal', action: FamilyAuditRecord['action']) =>
    (_c: FamilyContext, r: Written): FamilyAuditRecord | null =>
      r.change
        ? { action, entity, entityId: r.change.id, fields: r.change.fields.map((f) => f.field) }
        : { action: 'read', entity: 'plan', entityId: null, fields: ['dreams', 'goals'] };
  const sendPlan = (status: number) => (r: Written, reply: FastifyReply) => reply.code(status).send(r.plan);

  route({
    method: 'GET',
    url: '/families/:familyId/plan',
    access,
    action: planActions.readPlan,
    audit: {
      action: 'read',
      entity: 'plan',
      entityId: null,
      fields: ['dreams', 'goals', 'pair', 'appointments'],
    },
    schema: {
      tags,
      summary: 'The family’s plan: dreams, goals, the pair with work phones, the next appointments',
      params: FamilyParams,
      response: { 200: Plan, ...errors },
    },
    handler: (context) => planOf(context),
  });

  route({
    method: 'GET',
    url: '/families/:familyId/plan/versions',
    access,
    action: planActions.readPlan,
    audit: { action: 'list', entity: 'plan', entityId: null, fields: ['versions', 'changes'] },
    schema: {
      tags,
      summary: 'Every version of the family’s plan, newest first, with what changed',
      params: FamilyParams,
      response: { 200: PlanVersionList, ...errors },
    },
    handler: async ({ trx, actor, familyId }) => {
      const rows = await planVersions(trx, actor.municipalityId, familyId);
      return {
        items: rows.map((r) => ({
          version: r.version,
          changedAt: iso(r.changed_at),
          changedBy: { id: r.changed_by, displayName: r.changed_by_name },
          changes: r.changes as PlanChange[],
        })),
      };
    },
  });

  route({
    method: 'GET',
    url: '/families/:familyId/plan/versions/:version',
    access,
    action: planActions.readPlan,
    audit: { action: 'read', entity: 'plan', entityId: null, fields: ['version', 'dreams', 'goals'] },
    schema: {
      tags,
      summary: 'One earlier version of the family’s plan, as it then stood',
      params: PlanVersionParams,
      response: { 200: PlanVersion, ...errors },
    },
    handler: async ({ trx, actor, familyId }, request) => {
      const row = await planVersion(trx, actor.municipalityId, familyId, request.params.version);
      if (!row) throw notFound();
      const snapshot = row.snapshot as PlanContent;
      return {
        version: row.version,
        changedAt: iso(row.changed_at),
        changedBy: { id: row.changed_by, displayName: row.changed_by_name },
        changes: row.changes as PlanChange[],
        dreams: snapshot.dreams,
        goals: snapshot.goals,
      };
    },
  });

  route({
    method: 'POST',
    url: '/families/:familyId/plan/dreams',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_dream', 'create'),
    schema: {
      tags,
      summary: 'Add a family member’s dream, as said',
      params: FamilyParams,
      body: NewDream,
      response: { 201: Plan, ...errors },
    },
    handler: (context, request) => {
      const body = request.body;
      return write(context, body.version, async () => {
        const person = await personOf(context, body.personId, 'personId');
        checkLanguage(person.languages, body.language);
        const danish = body.danish ?? null;
        const { id } = await insertDream(context.trx, {
          municipalityId: context.actor.municipalityId,
          familyId: context.familyId,
          personId: body.personId,
          words: body.words,
          language: body.language,
          danish,
        });
        return {
          kind: 'dream',
          action: 'add',
          id,
          words: body.words,
          fields: [
            { field: 'personId', from: null, to: body.personId },
            { field: 'words', from: null, to: body.words },
            { field: 'language', from: null, to: body.language },
            ...(danish ? [{ field: 'danish', from: null, to: danish }] : []),
          ],
        };
      });
    },
    send: sendPlan(201),
  });

  /** The family's dream, or 404. */
  async function dreamOf(context: FamilyContext, dreamId: string) {
    const dreams = await familyDreams(context.trx, context.actor.municipalityId, context.familyId);
    const dream = dreams.find((d) => d.id === dreamId);
    if (!dream) throw notFound();
    return dream;
  }

  route({
    method: 'PATCH',
    url: '/families/:familyId/plan/dreams/:dreamId',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_dream', 'update'),
    schema: {
      tags,
      summary: 'Change a dream’s words, language or Danish rendering',
      params: DreamParams,
      body: DreamUpdate,
      response: { 200: Plan, ...errors },
    },
    handler: (context, request) => {
      const { dreamId } = request.params;
      const body = request.body;
      return write(context, body.version, async () => {
        const dream = await dreamOf(context, dreamId);
        if (body.language !== undefined) {
          const person = await personOf(context, dream.person_id, 'personId');
          checkLanguage(person.languages, body.language);
        }
        const fields = changedFields(
          { words: dream.words, language: dream.language, danish: dream.danish },
          { words: body.words, language: body.language, danish: body.danish },
        );
        if (fields.length === 0) return null;
        await updateDream(
          context.trx,
          context.actor.municipalityId,
          dreamId,
          Object.fromEntries(fields.map((f) => [f.field, f.to])),
        );
        return { kind: 'dream', action: 'edit', id: dreamId, words: body.words ?? dream.words, fields };
      });
    },
    send: sendPlan(200),
  });

  route({
    method: 'DELETE',
    url: '/families/:familyId/plan/dreams/:dreamId',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_dream', 'delete'),
    schema: {
      tags,
      summary: 'Remove a dream (earlier versions keep it)',
      params: DreamParams,
      querystring: PlanRemoveQuery,
      response: { 200: Plan, ...errors },
    },
    handler: (context, request) => {
      const { dreamId } = request.params;
      return write(context, request.query.version, async () => {
        const dream = await dreamOf(context, dreamId);
        await deleteDream(context.trx, context.actor.municipalityId, dreamId);
        return {
          kind: 'dream',
          action: 'remove',
          id: dreamId,
          words: dream.words,
          fields: [{ field: 'words', from: dream.words, to: null }],
        };
      });
    },
    send: sendPlan(200),
  });

  route({
    method: 'POST',
    url: '/families/:familyId/plan/goals',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_goal', 'create'),
    schema: {
      tags,
      summary: 'Add a goal in a domain, with the family’s priority and who agreed it',
      params: FamilyParams,
      body: NewGoal,
      response: { 201: Plan, ...errors },
    },
    handler: (context, request) => {
      const body = request.body;
      return write(context, body.version, async () => {
        const agreedBy = body.agreedByPersonIds ?? [];
        await checkGoal(context, body.domainId, agreedBy);
        const agreedOn = body.agreedOn ?? null;
        const { id } = await insertGoal(context.trx, {
          municipalityId: context.actor.municipalityId,
          familyId: context.familyId,
          domainId: body.domainId,
          words: body.words,
          priority: body.priority,
          agreedOn,
          agreedByPersonIds: agreedBy,
        });
        return {
          kind: 'goal',
          action: 'add',
          id,
          words: body.words,
          fields: [
            { field: 'domainId', from: null, to: body.domainId },
            { field: 'words', from: null, to: body.words },
            { field: 'priority', from: null, to: body.priority },
            ...(agreedOn ? [{ field: 'agreedOn', from: null, to: agreedOn }] : []),
            ...(agreedBy.length > 0 ? [{ field: 'agreedByPersonIds', from: null, to: agreedBy }] : []),
          ],
        };
      });
    },
    send: sendPlan(201),
  });

  /** The family's goal, or 404. */
  async function goalOf(context: FamilyContext, goalId: string) {
    const goals = await familyGoals(context.trx, context.actor.municipalityId, context.familyId);
    const goal = goals.find((g) => g.id === goalId);
    if (!goal) throw notFound();
    return goal;
  }

  route({
    method: 'PATCH',
    url: '/families/:familyId/plan/goals/:goalId',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_goal', 'update'),
    schema: {
      tags,
      summary: 'Change a goal: words, domain, priority, date agreed, who agreed',
      params: GoalParams,
      body: GoalUpdate,
      response: { 200: Plan, ...errors },
    },
    handler: (context, request) => {
      const { goalId } = request.params;
      const body = request.body;
      return write(context, body.version, async () => {
        const goal = await goalOf(context, goalId);
        await checkGoal(context, body.domainId, body.agreedByPersonIds);
        const fields = changedFields(
          {
            domainId: goal.domain_id,
            words: goal.words,
            priority: goal.priority,
            agreedOn: goal.agreed_on,
            agreedByPersonIds: goal.agreed_by_person_ids,
          },
          {
            domainId: body.domainId,
            words: body.words,
            priority: body.priority,
            agreedOn: body.agreedOn,
            agreedByPersonIds: body.agreedByPersonIds,
          },
        );
        if (fields.length === 0) return null;
        const column: Record<string, string> = {
          domainId: 'domain_id',
          words: 'words',
          priority: 'priority',
          agreedOn: 'agreed_on',
          agreedByPersonIds: 'agreed_by_person_ids',
        };
        await updateGoal(
          context.trx,
          context.actor.municipalityId,
          goalId,
          Object.fromEntries(fields.map((f) => [column[f.field], f.to])),
        );
        return { kind: 'goal', action: 'edit', id: goalId, words: body.words ?? goal.words, fields };
      });
    },
    send: sendPlan(200),
  });

  route({
    method: 'DELETE',
    url: '/families/:familyId/plan/goals/:goalId',
    access,
    action: planActions.writePlan,
    audit: writeAudit('plan_goal', 'delete'),
    schema: {
      tags,
      summary: 'Remove a goal (earlier versions keep it; its tasks stay, unlinked)',
      params: GoalParams,
      querystring: PlanRemoveQuery,
      response: { 200: Plan, ...errors },
    },
    handler: (context, request) => {
      const { goalId } = request.params;
      return write(context, request.query.version, async () => {
        const goal = await goalOf(context, goalId);
        await deleteGoal(context.trx, context.actor.municipalityId, goalId);
        return {
          kind: 'goal',
          action: 'remove',
          id: goalId,
          words: goal.words,
          fields: [{ field: 'words', from: goal.words, to: null }],
        };
      });
    },
    send: sendPlan(200),
  });
};
