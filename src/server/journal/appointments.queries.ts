import { type Kysely, sql, type Transaction } from 'kysely';
import type { AppointmentKind, Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import {
  COLLEAGUE,
  FAMILY,
  inTransaction,
  MUNICIPALITY,
  NOW,
  type SnapshotCases,
  USER,
} from '../snapshot-samples';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** An appointment with its family's reference (participants come from `participantsOf`, one query per list). */
function appointmentSelect(db: Q, municipalityId: string) {
  return db
    .selectFrom('appointment as a')
    .leftJoin('household as h', (j) => sameTenant(j, 'h.id', 'a.household_id'))
    .innerJoin('app_user as c', (j) => sameTenant(j, 'c.id', 'a.created_by'))
    .select([
      'a.created_by',
      // Who may see an appointment without a family: its creator, its participants, and the leader
      // of the creator's team (decision 0045).
      'c.team_id as creator_team_id',
      'a.id',
      'a.household_id',
      'h.reference as family_reference',
      'a.kind',
      'a.title',
      'a.other_authority',
      'a.place',
      'a.starts_at',
      'a.ends_at',
      'a.cancelled_at',
      'a.version',
      'a.created_at',
      'a.updated_at',
    ])
    .where('a.municipality_id', '=', municipalityId);
}
export type AppointmentRow = Awaited<ReturnType<typeof familyAppointments>>[number];

/** The family's appointments, in time order (the family page shows what is coming and what was). */
export function familyAppointments(db: Q, municipalityId: string, familyId: string) {
  return appointmentSelect(db, municipalityId)
    .where('a.household_id', '=', familyId)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
}

/**
 * The family's next appointments, not cancelled, the soonest first (the printed plan): those not
 * yet over at the moment given.
 */
export function nextFamilyAppointments(
  db: Q,
  municipalityId: string,
  familyId: string,
  from: Date,
  limit: number,
) {
  return appointmentSelect(db, municipalityId)
    .where('a.household_id', '=', familyId)
    .where('a.cancelled_at', 'is', null)
    .where('a.ends_at', '>', from)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** One appointment (of one family, for the family's routes). */
export function findAppointment(db: Q, municipalityId: string, appointmentId: string, familyId?: string) {
  return appointmentSelect(db, municipalityId)
    .where('a.id', '=', appointmentId)
    .$if(familyId !== undefined, (q) => q.where('a.household_id', '=', familyId!))
    .executeTakeFirst();
}

/**
 * A person's appointments that overlap a period (a week; the feed's window), in time order:
 * those they take part in, cancelled ones included (the page and the feed say so).
 */
export function appointmentsOf(db: Q, municipalityId: string, userId: string, from: Date, to: Date) {
  return appointmentSelect(db, municipalityId)
    .innerJoin('appointment_participant as p', (j) =>
      sameTenant(j, 'p.appointment_id', 'a.id').on('p.user_id', '=', userId),
    )
    .where('a.starts_at', '<', to)
    .where('a.ends_at', '>', from)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
}

/** The participants of several appointments, with their names, in one query. */
export function participantsOf(db: Q, municipalityId: string, appointmentIds: string[]) {
  if (appointmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointment_participant as p')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'p.user_id'))
    .select(['p.appointment_id', 'p.user_id', 'u.display_name'])
    .where('p.municipality_id', '=', municipalityId)
    .where('p.appointment_id', 'in', appointmentIds)
    .orderBy('u.display_name')
    .orderBy('p.user_id')
    .execute();
}

/** The adults of several families, for the feed's initials (one query). */
export function adultsOf(db: Q, municipalityId: string, familyIds: string[]) {
  if (familyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .select(['household_id', 'first_name', 'last_name'])
    .where('municipality_id', '=', municipalityId)
    .where('household_id', 'in', familyIds)
    .where('household_role', 'in', ['parent', 'other_adult'])
    .orderBy('household_id')
    .orderBy('household_role', 'desc')
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/** Which of the ids are active team staff of the municipality (who may take part). */
export async function activeStaffAmong(db: Q, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', ids)
    .where('role', 'in', ['team_member', 'team_leader'])
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export interface AppointmentValues {
  kind: AppointmentKind;
  title: string | null;
  other_authority: string | null;
  place: string | null;
  starts_at: Date;
  ends_at: Date;
}

export function insertAppointment(
  trx: Trx,
  v: AppointmentValues & { municipalityId: string; familyId: string | null; createdBy: string },
) {
  return trx
    .insertInto('appointment')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      kind: v.kind,
      title: v.title,
      other_authority: v.other_authority,
      place: v.place,
      starts_at: v.starts_at,
      ends_at: v.ends_at,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Locks one appointment for a write: the family's, or (null) one with another authority only, so
 * neither kind's routes reach the other's. The caller checks its version.
 */
export function lockAppointment(
  trx: Trx,
  municipalityId: string,
  appointmentId: string,
  familyId: string | null,
) {
  return trx
    .selectFrom('appointment')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', appointmentId)
    .where((eb) => (familyId === null ? eb('household_id', 'is', null) : eb('household_id', '=', familyId)))
    .forUpdate()
    .executeTakeFirst();
}

/** Writes a change (or a cancellation) and moves the version on. */
export function updateAppointment(
  trx: Trx,
  municipalityId: string,
  appointmentId: string,
  change: Partial<AppointmentValues> & { cancelled_at?: Date; cancelled_by?: string },
  at: Date,
) {
  return trx
    .updateTable('appointment')
    .set({ ...change, updated_at: at, version: sql<number>`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', appointmentId)
    .executeTakeFirstOrThrow();
}

/** Sets who takes part: the given staff, no one else. */
export async function setParticipants(
  trx: Trx,
  municipalityId: string,
  appointmentId: string,
  userIds: string[],
) {
  await trx
    .deleteFrom('appointment_participant')
    .where('municipality_id', '=', municipalityId)
    .where('appointment_id', '=', appointmentId)
    .execute();
  await trx
    .insertInto('appointment_participant')
    .values(
      userIds.map((user_id) => ({ municipality_id: municipalityId, appointment_id: appointmentId, user_id })),
    )
    .execute();
}

/** The appointment's history, in the family's history (change_record, as tasks do). */
export function recordAppointmentChange(
  trx: Trx,
  v: {
    municipalityId: string;
    familyId: string;
    appointmentId: string;
    action: string;
    changes: unknown[];
    by: string;
  },
) {
  return trx
    .insertInto('change_record')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      entity: 'appointment',
      entity_id: v.appointmentId,
      action: v.action,
      changes: JSON.stringify(v.changes),
      changed_by: v.by,
    })
    .execute();
}

// ---- The calendar feed. ----

/** The person's feed, running or revoked. */
export function findFeed(db: Q, municipalityId: string, userId: string) {
  return db
    .selectFrom('calendar_feed')
    .select(['details', 'created_at', 'revoked_at'])
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** A new feed, or a new token for the person's feed: the old URL stops working at once. */
export function saveFeed(
  trx: Trx,
  municipalityId: string,
  userId: string,
  tokenHash: string,
  details: boolean,
  at: Date,
) {
  return trx
    .insertInto('calendar_feed')
    .values({
      municipality_id: municipalityId,
      user_id: userId,
      token_hash: tokenHash,
      details,
      created_at: at,
    })
    .onConflict((c) =>
      c.columns(['municipality_id', 'user_id']).doUpdateSet({
        token_hash: tokenHash,
        details,
        created_at: at,
        revoked_at: null,
      }),
    )
    .execute();
}

/** Revokes the person's feed; the number of feeds it revoked (0 or 1). */
export async function revokeFeed(trx: Trx, municipalityId: string, userId: string, at: Date) {
  const result = await trx
    .updateTable('calendar_feed')
    .set({ revoked_at: at })
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The running feed of a token's hash, with its owner (an active staff member), or nothing. */
export function feedByTokenHash(db: Q, tokenHash: string) {
  return db
    .selectFrom('calendar_feed as f')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'f.user_id'))
    .select(['f.municipality_id', 'f.user_id', 'f.details', 'u.role', 'u.locale'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

const WEEK_START = new Date('2026-11-23T00:00:00+01:00');
const WEEK_END = new Date('2026-11-30T00:00:00+01:00');

export const snapshotCases: SnapshotCases<typeof import('./appointments.queries')> = {
  nextFamilyAppointments: [{ run: (db) => nextFamilyAppointments(db, MUNICIPALITY, FAMILY, NOW, 10) }],
  familyAppointments: [{ run: (db) => familyAppointments(db, MUNICIPALITY, FAMILY) }],
  findAppointment: [
    { run: (db) => findAppointment(db, MUNICIPALITY, COLLEAGUE, FAMILY) },
    { variant: 'any family', run: (db) => findAppointment(db, MUNICIPALITY, COLLEAGUE) },
  ],
  appointmentsOf: [{ run: (db) => appointmentsOf(db, MUNICIPALITY, USER, WEEK_START, WEEK_END) }],
  participantsOf: [{ run: (db) => participantsOf(db, MUNICIPALITY, [COLLEAGUE]) }],
  adultsOf: [{ run: (db) => adultsOf(db, MUNICIPALITY, [FAMILY]) }],
  activeStaffAmong: [{ run: (db) => activeStaffAmong(db, MUNICIPALITY, [USER, COLLEAGUE]) }],
  insertAppointment: [
    {
      run: inTransaction((trx) =>
        insertAppointment(trx, {
          municipalityId: MUNICIPALITY,
          familyId: FAMILY,
          createdBy: USER,
          kind: 'home_visit',
          title: null,
          other_authority: null,
          place: null,
          starts_at: WEEK_START,
          ends_at: WEEK_END,
        }),
      ),
    },
  ],
  lockAppointment: [
    { run: inTransaction((trx) => lockAppointment(trx, MUNICIPALITY, COLLEAGUE, FAMILY)) },
    {
      variant: 'no family',
      run: inTransaction((trx) => lockAppointment(trx, MUNICIPALITY, COLLEAGUE, null)),
    },
  ],
  updateAppointment: [
    { run: inTransaction((trx) => updateAppointment(trx, MUNICIPALITY, COLLEAGUE, { place: 'x' }, NOW)) },
  ],
  setParticipants: [{ run: inTransaction((trx) => setParticipants(trx, MUNICIPALITY, COLLEAGUE, [USER])) }],
  recordAppointmentChange: [
    {
      run: inTransaction((trx) =>
        recordAppointmentChange(trx, {
          municipalityId: MUNICIPALITY,
          familyId: FAMILY,
          appointmentId: COLLEAGUE,
          action: 'create',
          changes: [],
          by: USER,
        }),
      ),
    },
  ],
  findFeed: [{ run: (db) => findFeed(db, MUNICIPALITY, USER) }],
  saveFeed: [{ run: inTransaction((trx) => saveFeed(trx, MUNICIPALITY, USER, 'hash', false, NOW)) }],
  revokeFeed: [{ run: inTransaction((trx) => revokeFeed(trx, MUNICIPALITY, USER, NOW)) }],
  feedByTokenHash: [{ run: (db) => feedByTokenHash(db, 'hash') }],
};
