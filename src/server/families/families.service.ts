import type { Trx } from '../../db/queryable';
import type { ChangeList } from '../../db/schema';
import {
  type HouseholdPerson,
  householdProblems,
  MAX_MEMBERS,
  type RuleProblem,
} from '../../shared/families/rules';
import type { WriteCheck } from '../access/family-route';
import type { Actor } from '../http/access';
import { AppError, fieldError } from '../http/problem';
import { type AuditActor, audit, auditAll, refused } from '../plugins/audit';
import { newProblems, storedFamilyProblems } from './families.check';
import { withCprMasked } from './families.columns';
import {
  bumpHouseholdVersion,
  countRefusals,
  endPairsOfMember,
  findCprHolder,
  findMembers,
  findTeamStaff,
  insertChangeRecords,
  refreshHouseholdSummary,
  touchHouseholds,
} from './families.queries';

/**
 * Every rule of the contract holds after every write of a family, whichever route made it
 * (issue 12): the family's rule problems (what `check-data` checks) are read before and after the
 * work, and any the write brought in refuses it. The route helper runs it around every write.
 */
export const familyRulesHold: WriteCheck<RuleProblem[]> = {
  before: (trx, municipalityId, familyId) => storedFamilyProblems(trx, municipalityId, familyId),
  after: async (trx, municipalityId, familyId, before) =>
    refuseProblems(newProblems(before, await storedFamilyProblems(trx, municipalityId, familyId))),
};

/** A change record for the family's history. CPR numbers appear masked, never in full. */
export async function recordChange(
  trx: Trx,
  actor: Actor,
  familyId: string,
  entity: 'household' | 'person' | 'pair' | 'consent',
  entityId: string,
  action: string,
  changes: ChangeList,
) {
  await insertChangeRecords(trx, actor.municipalityId, actor.userId, [
    { familyId, entity, entityId, action, changes: withCprMasked(changes) },
  ]);
}

export async function ensurePairInTeam(trx: Trx, actor: Actor, teamId: string, ids: [string, string]) {
  const staff = await findTeamStaff(trx, actor.municipalityId, teamId, ids);
  if (staff.length !== 2) throw fieldError('memberIds', 'errors.pairNotInTeam');
}

/**
 * A change to a family, recorded everywhere it must be, in the writer's transaction: the
 * history entry (who, when, what), the audit record (which fields, why), and the family's
 * list columns and version.
 */
export async function recordFamilyChange(
  trx: Trx,
  actor: Actor,
  familyId: string,
  change: {
    entity: 'household' | 'person' | 'pair' | 'consent';
    entityId: string;
    action: string;
    changes: ChangeList;
    auditAction: 'create' | 'update';
    auditFields: string[];
    /** Why, as the route helper decided it (FamilyContext.purpose): a backup's edit is `cover`. */
    purpose: string;
  },
) {
  await recordChange(trx, actor, familyId, change.entity, change.entityId, change.action, change.changes);
  await audit(trx, actor, {
    action: change.auditAction,
    entity: change.entity,
    entityId: change.entityId,
    householdId: familyId,
    fields: change.auditFields,
    purpose: change.purpose,
  });
  await touchHousehold(trx, actor, familyId);
}

export async function touchHousehold(trx: Trx, actor: Actor, familyId: string) {
  await refreshHouseholdSummary(trx, actor.municipalityId, familyId);
  await bumpHouseholdVersion(trx, actor.municipalityId, familyId, new Date());
}

/**
 * How many CPR numbers already registered to someone else an actor may enter in a day. Each such
 * refusal tells them the person is known to the municipality — also a person in a family they
 * have no access to, whose CPR number a search would not find for them (families.queries.ts).
 * Every one is audited under the family that holds the number, so its pair and leader see the
 * attempt; past the limit, the actor's entries of CPR numbers are refused for the rest of the
 * day (at worst, a few guesses at the 10,000 endings of a birth date, each on the record).
 */
export const CPR_CONFLICTS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Refuses a CPR number registered to another person (409 on `field`, audited under that
 * person's family), or any CPR number once the actor has met CPR_CONFLICTS_PER_DAY such
 * refusals in the last day (429). The unique index person_cpr still decides a race.
 */
export async function guardCpr(
  trx: Trx,
  actor: Actor,
  cpr: string | null | undefined,
  field: string,
  exceptPersonId: string | null = null,
  now = new Date(),
) {
  if (!cpr) return;
  const since = new Date(now.getTime() - DAY_MS);
  if (
    (await countRefusals(trx, actor.municipalityId, actor.userId, 'cpr_taken', since)) >=
    CPR_CONFLICTS_PER_DAY
  ) {
    throw refused(new AppError(429, 'problems.cprConflictLimit'), {
      entity: 'person',
      fields: ['cpr'],
      purpose: 'cpr_conflict_limit',
    });
  }
  const holder = await findCprHolder(trx, actor.municipalityId, cpr, exceptPersonId);
  if (holder) {
    throw refused(fieldError(field, 'errors.cprTaken', 409), {
      entity: 'person',
      entityId: holder.id,
      householdId: holder.household_id,
      fields: ['cpr'],
      purpose: 'cpr_taken',
    });
  }
}

/** Refuses a request that breaks a rule of rules.ts once merged with what is stored: 400 naming each field. */
export function refuseProblems(problems: readonly RuleProblem[]): void {
  if (problems.length) throw new AppError(400, 'problems.validation', [...problems]);
}

/**
 * The household rules (rules.ts: at most MAX_MEMBERS people, an adult in every family, each child
 * younger than each parent) for one person added (`id` null) or changed, against the family's stored members. Refused only
 * for a problem this change brings in — on `field`, the input that made it — so a family stored
 * before the rules existed can still be edited.
 */
export async function guardHousehold(
  trx: Trx,
  actor: Actor,
  familyId: string,
  person: HouseholdPerson & { id: string | null },
  field: 'birthDate' | 'role',
) {
  const stored = (await findMembers(trx, actor.municipalityId, familyId)).map((p) => ({
    id: p.id as string | null,
    role: p.household_role,
    birthDate: p.birth_date,
  }));
  // Counted under the family's row lock (the route helper, a write): two additions at once are serialised, so
  // the second one counts the first.
  if (!person.id && stored.length >= MAX_MEMBERS) throw fieldError('members', 'errors.tooManyMembers');
  const after = person.id
    ? stored.map((p) => (p.id === person.id ? { ...p, role: person.role, birthDate: person.birthDate } : p))
    : [...stored, person];
  const index = person.id ? after.findIndex((p) => p.id === person.id) : after.length - 1;
  const hadAdult = stored.some((p) => p.role !== 'child');
  for (const problem of householdProblems(after)) {
    if (problem.kind === 'noAdult') {
      if (hadAdult) throw fieldError('role', 'errors.noAdult');
    } else if (problem.child === index) throw fieldError(field, 'errors.childOlderThanParent');
    else if (problem.parent === index) throw fieldError(field, 'errors.parentYoungerThanChild');
  }
}

/** A second consent in force for the family's purpose (decision 0019): checked, or caught by the index. */
export const consentInForce = () => fieldError('purpose', 'errors.consentInForce', 409);

/** Unique violations map to the field they concern (under `fieldPrefix`, e.g. `members.1.`); anything else is not ours to explain. */
export function translateConstraint(error: unknown, fieldPrefix = ''): never {
  const constraint = (error as { constraint?: string }).constraint;
  if (constraint === 'person_cpr') throw fieldError(`${fieldPrefix}cpr`, 'errors.cprTaken', 409);
  if (constraint === 'household_check') throw fieldError('exitedOn', 'errors.exitBeforeEnrol');
  if (constraint === 'consent_in_force') throw consentInForce();
  throw error;
}

export const auditRead = (trx: Trx, actor: Actor, familyId: string, fields: string[], breakGlass: boolean) =>
  audit(trx, actor, {
    action: 'read',
    entity: 'household',
    entityId: familyId,
    householdId: familyId,
    fields,
    purpose: breakGlass ? 'break_glass' : 'case_work',
    breakGlass,
  });

/**
 * An account that leaves its team's family work (disabled, moved to another team, or given a role
 * outside it) leaves the pairs it is in. Each such pair ends now — in the family's history ("pair
 * ended") and audit log, under the administrator who made the change — so the family shows no
 * pair and its leader assigns a new one, instead of listing a member who can no longer open it.
 * Returns how many families' pairs ended.
 */
export async function endPairsOf(trx: Trx, by: AuditActor & { userId: string }, userId: string, now: Date) {
  const ended = await endPairsOfMember(trx, by.municipalityId, userId, now);
  if (ended.length === 0) return 0;
  await insertChangeRecords(
    trx,
    by.municipalityId,
    by.userId,
    ended.map((pair) => ({
      familyId: pair.household_id,
      entity: 'pair',
      entityId: pair.id,
      action: 'end_pair',
      changes: [{ field: 'pair', from: [pair.first_member_id, pair.second_member_id], to: null }],
      at: now,
    })),
  );
  await auditAll(
    trx,
    by,
    ended.map((pair) => ({
      action: 'update',
      entity: 'pair',
      entityId: pair.id,
      householdId: pair.household_id,
      fields: ['pair'],
      purpose: 'administration',
    })),
  );
  await touchHouseholds(
    trx,
    by.municipalityId,
    ended.map((pair) => pair.household_id),
    now,
  );
  return ended.length;
}
