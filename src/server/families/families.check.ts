import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import {
  AddressInput,
  GiveConsent,
  NewMembers,
  UpdateFamily,
  WithdrawConsent,
} from '../../shared/families/families.contract';
import { type AuditActor, audit } from '../plugins/audit';
import {
  findConsentsOfFamilies,
  findFamiliesToCheck,
  findFamilyToCheck,
  findMembersOfFamilies,
} from './families.queries';

/**
 * Stored families against today's rules (decision 0017). A rule added after data was saved —
 * or data written around the API — leaves records the forms would now refuse; this finds and
 * names them, and changes nothing: which of two dates is the typing error only the pair knows.
 * The rules are the contract's own schemas, run on the stored record as if it were sent again,
 * so a new rule in the contract is checked here without a line more.
 */
export interface Finding {
  reference: string;
  /** The field as the contract names it: `members.2.cpr` (members counted from 1, oldest first). */
  field: string;
  /** An i18n key: the same sentence the form would show. */
  key: string;
}

const PAGE = 500;

type Family = Awaited<ReturnType<typeof findFamiliesToCheck>>[number];
type Member = Awaited<ReturnType<typeof findMembersOfFamilies>>[number];
type Consent = Awaited<ReturnType<typeof findConsentsOfFamilies>>[number];

function issues(schema: z.ZodType, value: unknown, prefix: string[]): { field: string; key: string }[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? String(p + 1) : String(p)))]
      .filter(Boolean)
      .join('.'),
    key: issue.message,
  }));
}

// Map.groupBy arrives with Node 21; the project runs on 20 (decision 0007).
function byFamily<T extends { household_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.household_id);
    if (group) group.push(row);
    else groups.set(row.household_id, [row]);
  }
  return groups;
}

/** Every rule problem of one family: address, status dates, members, consents. */
export function familyProblems(family: Family, members: Member[], consents: Consent[]) {
  const problems = [
    ...issues(
      AddressInput,
      {
        areaId: family.area_id,
        street: family.street,
        buildingNumber: family.building_number,
        entrance: family.entrance,
        floor: family.floor,
        door: family.door,
        postalCode: family.postal_code,
      },
      [],
    ),
    ...issues(
      UpdateFamily,
      { version: 1, status: family.status, enrolledOn: family.enrolled_on, exitedOn: family.exited_on },
      [],
    ),
    ...issues(
      NewMembers,
      members.map((m) => ({
        firstName: m.first_name,
        lastName: m.last_name,
        cpr: m.cpr,
        birthDate: m.birth_date,
        role: m.household_role,
        countryOfOrigin: m.country_of_origin,
        languages: m.languages,
        interpreterNeeded: m.interpreter_needed,
      })),
      ['members'],
    ),
  ];
  // One consent in force per purpose needs no check here: the index of migration 0010 keeps it.
  consents.forEach((c, index) => {
    const prefix = ['consents', String(index + 1)];
    problems.push(
      ...issues(
        GiveConsent,
        { purpose: c.purpose, scope: c.scope, givenOn: c.given_on, personId: c.person_id },
        prefix,
      ),
    );
    if (c.withdrawn_on) problems.push(...issues(WithdrawConsent, { withdrawnOn: c.withdrawn_on }, prefix));
  });
  return problems;
}

/** One stored family's rule problems, read in the writer's transaction (it sees its own writes). */
export async function storedFamilyProblems(
  db: Kysely<Database>,
  municipalityId: string,
  familyId: string,
): Promise<{ field: string; key: string }[]> {
  const family = await findFamilyToCheck(db, municipalityId, familyId);
  if (!family) return [];
  const members = await findMembersOfFamilies(db, municipalityId, [familyId]);
  const consents = await findConsentsOfFamilies(db, municipalityId, [familyId]);
  return familyProblems(family, members, consents);
}

/**
 * The net under every write path (issue 12): a write may leave a problem the family already had
 * (one stored before its rule existed can still be edited), but not bring in a new one. A
 * problem is counted by its key and its field with the member's or consent's place left out, as
 * a member added shifts the places of those after it. The routes refuse each rule first with the
 * field the form knows (families.service.ts: guardHousehold…); this only speaks if one missed.
 */
export function newProblems(
  before: readonly { field: string; key: string }[],
  after: readonly { field: string; key: string }[],
): { field: string; key: string }[] {
  const shape = (p: { field: string; key: string }) => `${p.key} ${p.field.replace(/\.\d+(?=\.|$)/g, '.*')}`;
  const counts = new Map<string, number>();
  for (const p of before) counts.set(shape(p), (counts.get(shape(p)) ?? 0) + 1);
  return after.filter((p) => {
    const left = counts.get(shape(p)) ?? 0;
    counts.set(shape(p), left - 1);
    return left <= 0;
  });
}

/**
 * Checks every family of a municipality, a page at a time; each page's reads are audited in
 * the transaction that reads them (purpose `data_check`), as any read of case data is.
 */
export async function checkStoredFamilies(
  db: Kysely<Database>,
  by: AuditActor,
  pageSize = PAGE,
): Promise<{ checked: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let checked = 0;
  let afterId: string | null = null;
  for (;;) {
    const page: Family[] = await db.transaction().execute(async (trx) => {
      const families = await findFamiliesToCheck(trx, by.municipalityId, afterId, pageSize);
      if (families.length === 0) return families;
      const ids = families.map((f) => f.id);
      // The audit record names them in reference order, as a list's (decision 0022).
      const byReference = [...families].sort((a, b) => (a.reference < b.reference ? -1 : 1)).map((f) => f.id);
      const members = byFamily(await findMembersOfFamilies(trx, by.municipalityId, ids));
      const consents = byFamily(await findConsentsOfFamilies(trx, by.municipalityId, ids));
      for (const family of families) {
        for (const problem of familyProblems(
          family,
          members.get(family.id) ?? [],
          consents.get(family.id) ?? [],
        ))
          findings.push({ reference: family.reference, ...problem });
      }
      await audit(trx, by, {
        action: 'read',
        entity: 'household',
        householdIds: byReference,
        fields: ['dataCheck'],
        purpose: 'data_check',
      });
      return families;
    });
    checked += page.length;
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]!.id;
  }
  // Read in id order (for paging), reported as a person reads: by reference, then field, with
  // numbers compared as numbers (members.2 before members.10).
  const collator = new Intl.Collator('en', { numeric: true });
  findings.sort((a, b) => collator.compare(a.reference, b.reference) || collator.compare(a.field, b.field));
  return { checked, findings };
}
