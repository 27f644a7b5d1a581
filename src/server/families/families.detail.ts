import type { Trx } from '../../db/queryable';
import { maskCpr } from '../../shared/families/cpr';
import type { FamilyStatus } from '../../shared/families/families.contract';
import { accessKind, type FamilyRelation } from '../access/family-access';
import type { FamilyAuditRecord, FamilyContext } from '../access/family-route';
import type { Actor } from '../http/access';
import { notFound } from '../http/problem';
import { planActions } from '../plans/plans.policy';
import { abilitiesFor, can } from './families.policy';
import { findConsents, findHousehold, findMembers } from './families.queries';

/*
 * The family page as the actor may see it: the pair and the leader see everything, the rest of
 * the team the basic fields (families.policy.ts). Every route that shows or changes a family
 * answers with it.
 */

/** The fields a family page shows, as its audit record names them (full and basic access). */
export const FULL_FIELDS = [
  'address',
  'members',
  'cpr_masked',
  'country_of_origin',
  'languages',
  'contact',
  'consents',
  'pair',
];
export const BASIC_FIELDS = ['address', 'members.name', 'members.role', 'members.birth_date', 'pair'];

const FULL_READ: FamilyAuditRecord = { action: 'read', entity: 'household', fields: FULL_FIELDS };
const BASIC_READ: FamilyAuditRecord = { action: 'read', entity: 'household', fields: BASIC_FIELDS };

/**
 * The audit description of every route that answers with the family page: a read of the fields
 * the actor saw (made once; the route helper adds who, the family and why).
 */
export const familyPageRead = ({ actor, family, now }: FamilyContext): FamilyAuditRecord =>
  can('readFull', actor, family, now) ? FULL_READ : BASIC_READ;

/**
 * Reads the whole family page as the actor may see it. Its read is recorded by the caller, in the
 * same transaction: the route helper with `familyPageRead`, an enrolment by hand.
 */
export async function loadDetail(
  trx: Trx,
  actor: Actor,
  familyId: string,
  family: FamilyRelation,
  now: Date,
) {
  // One after another: a transaction's connection runs one query at a time anyway, and queries
  // sent at once would outlive a failed first one (src/db/one-query-at-a-time.ts).
  const h = await findHousehold(trx, actor.municipalityId, familyId);
  const members = await findMembers(trx, actor.municipalityId, familyId);
  const consents = await findConsents(trx, actor.municipalityId, familyId);
  if (!h) throw notFound();
  const full = can('readFull', actor, family, now);
  const access = accessKind(actor, family, now);
  const breakGlass = access === 'break_glass';
  const pair = pairOf(h);
  return {
    id: h.id,
    reference: h.reference,
    areaId: h.area_id,
    areaName: h.area_name,
    teamId: h.team_id,
    teamName: h.team_name,
    street: h.street,
    buildingNumber: h.building_number,
    entrance: h.entrance,
    floor: h.floor,
    door: h.door,
    postalCode: h.postal_code,
    // A prospect is not found by family routes (decision 0040): enrolled or exited here.
    status: h.status as FamilyStatus,
    enrolledOn: h.enrolled_on,
    exitedOn: h.exited_on,
    version: h.version,
    members: members.map((m) => ({
      id: m.id,
      firstName: m.first_name,
      lastName: m.last_name,
      role: m.household_role,
      birthDate: m.birth_date,
      cprMasked: full ? maskCpr(m.cpr) : null,
      countryOfOrigin: full ? m.country_of_origin : null,
      languages: full ? m.languages : [],
      interpreterNeeded: full ? m.interpreter_needed : false,
      phone: full ? m.phone : null,
      email: full ? m.email : null,
      preferredContact: full ? m.preferred_contact : null,
      contactLanguage: full ? m.contact_language : null,
      version: m.version,
    })),
    pair,
    consents: full
      ? consents.map((c) => ({
          id: c.id,
          purpose: c.purpose as 'case_work',
          scope: c.scope,
          givenOn: c.given_on,
          withdrawnOn: c.withdrawn_on,
          personId: c.person_id,
          recordedBy: c.recorder_id ? { id: c.recorder_id, displayName: c.recorder_name ?? '' } : null,
          givenHow: c.given_how,
          language: c.language,
          interpreter: c.interpreter,
        }))
      : [],
    access,
    breakGlassExpiresAt: breakGlass ? (family.breakGlassUntil?.toISOString() ?? null) : null,
    // The tasks are the plans area's to rule on: the page asks whether to show them.
    abilities: { ...abilitiesFor(actor, family, now), readTasks: planActions.read.rule(actor, family, now) },
  };
}

/** The current pair from a row joined to both of its staff (absent when none is assigned). */
export function pairOf(r: {
  pair1_id: string | null;
  pair1_name: string | null;
  pair2_id: string | null;
  pair2_name: string | null;
}) {
  return [
    r.pair1_id ? { id: r.pair1_id, displayName: r.pair1_name ?? '' } : null,
    r.pair2_id ? { id: r.pair2_id, displayName: r.pair2_name ?? '' } : null,
  ].filter((p) => p !== null);
}
