import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../src/db/client';
import type { Database, OutreachStatusValue } from '../../src/db/schema';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { refreshHouseholdSummary } from '../../src/server/families/families.queries';
import type { CreateFamily, MemberInput } from '../../src/shared/families/families.contract';

/**
 * Test data builders (STYLE.md: factories, not copied fixtures). Everything here writes through
 * the real database or builds request bodies for the real API.
 */

export type GeneratedUser = GeneratedMunicipality['users'][number];

/** The generated staff by role: leader = users[0], ten team members, an analyst, an admin. */
export function staffOf(m: GeneratedMunicipality) {
  const byRole = (role: GeneratedUser['role']) => m.users.filter((u) => u.role === role);
  return {
    leader: m.users[0]!,
    members: byRole('team_member'),
    analyst: byRole('analyst')[0]!,
    admin: byRole('administrator')[0]!,
  };
}

/** The current pair of a generated household, and a team member of the same team outside it. */
export function relationsOf(m: GeneratedMunicipality, householdIndex: number) {
  const household = m.households[householdIndex]!;
  const pair = m.pairs.find((p) => p.household_id === household.id)!;
  const pairIds = [pair.first_member_id, pair.second_member_id];
  const { members } = staffOf(m);
  return {
    household,
    pair: pairIds.map((id) => m.users.find((u) => u.id === id)!),
    notInPair: members.filter((u) => !pairIds.includes(u.id)),
  };
}

const token = () => randomBytes(4).toString('hex');

/** The generated staff's password hash, for accounts written directly: they sign in as the staff do. */
async function staffPasswordHash(db: Db, m: GeneratedMunicipality) {
  const { password_hash } = await db.kysely
    .selectFrom('app_user')
    .select('password_hash')
    .where('municipality_id', '=', m.municipality.id)
    .where('id', '=', m.users[0]!.id)
    .executeTakeFirstOrThrow();
  return password_hash;
}

/**
 * A second team in the same municipality (in its second area), written to the database
 * directly: a leader and `members` team members, with the password of the generated staff.
 */
export async function addTeam(db: Db, m: GeneratedMunicipality, members = 2) {
  const k = db.kysely;
  const password_hash = await staffPasswordHash(db, m);
  const suffix = token();
  const area = m.areas[1]!;
  const team = await k
    .insertInto('team')
    .values({ municipality_id: m.municipality.id, area_id: area.id, name: `Team ${suffix}` })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  const user = (role: 'team_leader' | 'team_member', n: number) => ({
    municipality_id: m.municipality.id,
    username: `t2${suffix}_${role}${n}`,
    display_name: `Other ${role} ${n}`,
    role,
    team_id: team.id,
    department_id: null,
    password_hash,
  });
  const rows = await k
    .insertInto('app_user')
    .values([
      user('team_leader', 0),
      ...Array.from({ length: members }, (_, i) => user('team_member', i + 1)),
    ])
    .returning(['id', 'username', 'display_name', 'role', 'team_id'])
    .execute();
  return {
    team,
    area,
    leader: rows.find((r) => r.role === 'team_leader')!,
    members: rows.filter((r) => r.role === 'team_member'),
  };
}

/** Serials count up from a random start: unique within a test file, and no two runs alike. */
let cprSerial = Number.parseInt(randomBytes(2).toString('hex'), 16);
/**
 * A valid CPR number no other test of the file uses: the date part is the birth date, and the
 * 7th digit the century the CPR register gives it (cpr.ts: cprBirthDate).
 */
export function uniqueCpr(birthDate = '1985-02-01'): string {
  const [y, mo, d] = birthDate.split('-') as [string, string, string];
  const year = Number(y);
  cprSerial += 1;
  const century = year < 1900 ? 5 : year < 2000 ? cprSerial % 4 : year <= 2036 ? 4 : 5;
  return `${d}${mo}${y.slice(2)}-${century}${String(cprSerial % 1000).padStart(3, '0')}`;
}

export function buildMember(overrides: Partial<MemberInput> = {}): MemberInput {
  return {
    firstName: 'Amal',
    lastName: 'Odeh',
    birthDate: '1985-02-01',
    role: 'parent',
    ...overrides,
  };
}

export function buildFamily(areaId: string, overrides: Partial<CreateFamily> = {}): CreateFamily {
  return {
    areaId,
    street: 'Dortesvej',
    buildingNumber: '11',
    members: [buildMember()],
    ...overrides,
  };
}

/**
 * A sign-in with a username nobody has is recorded in every municipality's log (decision 0018), so
 * another test file signing in wrongly at the same time lands in any municipality's: the audit
 * helpers leave those rows out (unknown-account-audit.test.ts reads them directly).
 */
export const notUnknownAccount = (eb: ExpressionBuilder<Database, 'audit_event'>) =>
  eb.or([eb('purpose', 'is', null), eb('purpose', '!=', 'unknown_account')]);

/** Audit rows of a municipality, oldest first, optionally narrowed to one actor or household. */
export function auditRows(
  db: Db,
  municipalityId: string,
  where: { actorId?: string; householdId?: string; action?: string; entityId?: string } = {},
) {
  let q = db.kysely
    .selectFrom('audit_event')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where(notUnknownAccount)
    .orderBy('id', 'asc');
  if (where.actorId) q = q.where('actor_id', '=', where.actorId);
  if (where.householdId) q = q.where('household_id', '=', where.householdId);
  if (where.action) q = q.where('action', '=', where.action);
  if (where.entityId) q = q.where('entity_id', '=', where.entityId);
  return q.execute();
}

/** Break-the-glass grants of a municipality, oldest first, narrowed to a family or a request. */
export function breakGlassGrants(
  db: Db,
  municipalityId: string,
  where: { householdId?: string; requestId?: string },
) {
  let q = db.kysely
    .selectFrom('break_glass_grant')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('granted_at', 'asc');
  if (where.householdId) q = q.where('household_id', '=', where.householdId);
  if (where.requestId) q = q.where('request_id', '=', where.requestId);
  return q.execute();
}

/** The highest audit id so far: "rows after this" isolates one request's audit trail. */
export async function lastAuditId(db: Db): Promise<string> {
  const row = await db.kysely
    .selectFrom('audit_event')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return String(row?.max ?? 0);
}

/** Audit rows of a municipality written after `since` (see lastAuditId), oldest first. */
export function auditSince(db: Db, municipalityId: string, since: string) {
  return db.kysely
    .selectFrom('audit_event')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '>', since)
    .where(notUnknownAccount)
    .orderBy('id', 'asc')
    .execute();
}

/**
 * `n` password sign-ins of the account, written into the audit log as the sign-in route writes
 * them (appending is allowed): an account that signed in often, without signing in `n` times.
 */
export function recordSignIns(
  db: Db,
  user: { id: string; municipality_id: string; role: string },
  n: number,
) {
  return db.kysely
    .insertInto('audit_event')
    .values(
      Array.from({ length: n }, () => ({
        municipality_id: user.municipality_id,
        actor_id: user.id,
        actor_role: user.role,
        action: 'sign_in',
        entity: 'app_user',
        entity_id: user.id,
        purpose: 'password',
      })),
    )
    .execute();
}

/**
 * Events by nobody about no family (failed sign-ins, sign-outs) at the given times, written
 * into the audit log directly (appending is allowed): many events without as many requests.
 */
export function recordEventsOfNobody(db: Db, municipalityId: string, action: string, ats: string[]) {
  return db.kysely
    .insertInto('audit_event')
    .values(
      ats.map((at) => ({
        municipality_id: municipalityId,
        at,
        actor_id: null,
        actor_role: null,
        action,
        entity: 'app_user',
        entity_id: null,
        household_id: null,
        fields: [],
        purpose: 'access_check',
      })),
    )
    .execute();
}

/** The problem document's `type` (e.g. '/problems/csrf') and field names of an error response. */
export function problemOf(response: LightMyRequestResponse) {
  const body = response.json() as { type: string; errors?: { field: string; code: string }[] };
  return { type: body.type, fields: (body.errors ?? []).map((e) => e.field), body };
}

/**
 * One more account in a generated municipality, written directly (the generated staff's
 * password): `role` analyst unless told; team roles join the municipality's first team.
 */
export async function addUser(
  db: Db,
  m: GeneratedMunicipality,
  overrides: { role?: GeneratedUser['role']; displayName?: string; disabled?: boolean } = {},
) {
  const role = overrides.role ?? 'analyst';
  const password_hash = await staffPasswordHash(db, m);
  const suffix = token();
  return db.kysely
    .insertInto('app_user')
    .values({
      municipality_id: m.municipality.id,
      username: `u${suffix}_${role}`,
      display_name: overrides.displayName ?? `Added ${role} ${suffix}`,
      email: null,
      role,
      team_id: role === 'team_member' || role === 'team_leader' ? m.users[0]!.team_id : null,
      department_id: null,
      password_hash,
      disabled_at: overrides.disabled ? new Date() : null,
    })
    .returning(['id', 'username', 'role', 'team_id', 'version'])
    .executeTakeFirstOrThrow();
}

/**
 * Makes `userId` the only staff member with a competence in the domain, at `level`: a task
 * in that domain is then routed to them and nobody else.
 */
export async function makeSoleSpecialist(
  db: Db,
  m: GeneratedMunicipality,
  userId: string,
  domainId: string,
  level: number,
) {
  const k = db.kysely;
  await k
    .deleteFrom('staff_competence')
    .where('municipality_id', '=', m.municipality.id)
    .where('domain_id', '=', domainId)
    .execute();
  await k
    .insertInto('staff_competence')
    .values({ municipality_id: m.municipality.id, user_id: userId, domain_id: domainId, level })
    .execute();
}

/** A valid body for POST /api/admin/users: a team member of `teamId` with a strong password. */
export function buildAccount(teamId: string, overrides: Record<string, unknown> = {}) {
  return {
    username: `new_${token()}`,
    displayName: 'Sara Holm',
    email: 'sara.holm@example.dk',
    role: 'team_member',
    teamId,
    signIn: 'password',
    password: 'harbour lantern oat vivid',
    ...overrides,
  };
}

/** Saves administrator settings with the version the page would have loaded (409 otherwise). */
export async function saveSettings(
  admin: {
    get(url: string): Promise<LightMyRequestResponse>;
    put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  },
  changes: { mfaRequired?: boolean; breakGlassMinutes?: number; breakGlassDailyLimit?: number },
) {
  const { version } = (await admin.get('/api/admin/settings')).json();
  return admin.put('/api/admin/settings', { version, ...changes });
}

/** Removes a family's journal (the demo seed writes notes for the first families): a test starts from none. */
export async function clearJournal(db: Db, municipalityId: string, familyId: string) {
  const k = db.kysely;
  const notes = k
    .selectFrom('journal_note')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId);
  for (const table of ['journal_note_participant', 'journal_note_task', 'journal_note_version'] as const)
    await k
      .deleteFrom(table)
      .where('municipality_id', '=', municipalityId)
      .where('note_id', 'in', notes)
      .execute();
  await k
    .deleteFrom('journal_note')
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId)
    .execute();
}

/**
 * A household outreach found, not yet a family (decision 0040): a parent unemployed two years and
 * a child at home, eligible, at the given outreach status, in the generated team's area. Written
 * directly; its list columns refreshed as the import does.
 */
export async function addProspect(
  db: Db,
  m: GeneratedMunicipality,
  o: { outreachStatus?: OutreachStatusValue; eligible?: boolean; apartmentId?: string | null } = {},
) {
  const k = db.kysely;
  const municipalityId = m.municipality.id;
  const suffix = token();
  const household = await k
    .insertInto('household')
    .values({
      municipality_id: municipalityId,
      team_id: m.team.id,
      area_id: m.team.area_id,
      reference: `U-${suffix}`,
      street: 'Gudrunsvej',
      building_number: '18',
      postal_code: '8220',
      status: 'prospect',
      outreach_status: o.outreachStatus ?? 'interested',
      eligible: o.eligible ?? true,
      apartment_id: o.apartmentId ?? null,
      search_text: '',
      sort_name: '',
      updated_at: new Date(),
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const people = await k
    .insertInto('person')
    .values([
      {
        municipality_id: municipalityId,
        household_id: household.id,
        first_name: 'Amina',
        last_name: `Prospekt${suffix}`,
        birth_date: '1984-03-02',
        household_role: 'parent',
        unemployed_months: 24,
      },
      {
        municipality_id: municipalityId,
        household_id: household.id,
        first_name: 'Yusuf',
        last_name: `Prospekt${suffix}`,
        birth_date: '2014-05-06',
        household_role: 'child',
        lives_at_home: true,
      },
    ])
    .returning(['id', 'household_role'])
    .execute();
  await k.transaction().execute((trx) => refreshHouseholdSummary(trx, municipalityId, household.id));
  return {
    id: household.id,
    version: household.version,
    reference: `U-${suffix}`,
    adultId: people.find((p) => p.household_role === 'parent')!.id,
    childId: people.find((p) => p.household_role === 'child')!.id,
  };
}

/** A building of the area with one staircase, Gudrunsvej 18 (where addDoorProspect's households live): its id. */
export async function addStaircase(
  db: Db,
  o: { municipalityId: string; areaId: string; buildingName: string },
): Promise<string> {
  const k = db.kysely;
  const building = await k
    .insertInto('building')
    .values({ municipality_id: o.municipalityId, area_id: o.areaId, name: o.buildingName })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staircase = await k
    .insertInto('staircase')
    .values({
      municipality_id: o.municipalityId,
      building_id: building.id,
      street: 'Gudrunsvej',
      number: '18',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return staircase.id;
}

/**
 * A prospect behind one door of a staircase, with one parent of the given first name: what the
 * walk and its visits show at that door. Eligible unless marked not eligible.
 */
export async function addDoorProspect(
  db: Db,
  o: {
    municipalityId: string;
    teamId: string;
    areaId: string;
    apartmentId: string;
    name: string;
    outreachStatus: OutreachStatusValue;
  },
): Promise<string> {
  const k = db.kysely;
  const { id } = await k
    .insertInto('household')
    .values({
      municipality_id: o.municipalityId,
      team_id: o.teamId,
      area_id: o.areaId,
      reference: `U-${randomUUID().slice(0, 6)}`,
      street: 'Gudrunsvej',
      building_number: '18',
      postal_code: '8220',
      status: 'prospect',
      outreach_status: o.outreachStatus,
      eligible: o.outreachStatus !== 'not_eligible',
      search_text: '',
      sort_name: '',
      apartment_id: o.apartmentId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .insertInto('person')
    .values({
      municipality_id: o.municipalityId,
      household_id: id,
      first_name: o.name,
      last_name: 'Yusuf',
      birth_date: '1984-03-05',
      household_role: 'parent',
    })
    .execute();
  return id;
}

/**
 * Contact notes of a family written directly at version 1 by one author, for a test that needs
 * notes to exist rather than to be written through the journal's route.
 */
export async function addNotes(
  db: Db,
  n: {
    municipalityId: string;
    familyId: string;
    by: string;
    occurredOn: string;
    kind: string;
    text: string;
    count?: number;
  },
): Promise<string[]> {
  const k = db.kysely;
  const notes = await k
    .insertInto('journal_note')
    .values(
      Array.from({ length: n.count ?? 1 }, () => ({
        municipality_id: n.municipalityId,
        household_id: n.familyId,
        occurred_on: n.occurredOn,
        kind: n.kind,
        created_by: n.by,
      })),
    )
    .returning('id')
    .execute();
  await k
    .insertInto('journal_note_version')
    .values(
      notes.map((note) => ({
        municipality_id: n.municipalityId,
        note_id: note.id,
        version: 1,
        text: n.text,
        written_by: n.by,
      })),
    )
    .execute();
  return notes.map((note) => note.id);
}
