import { sql, type Transaction, type UpdateObject } from 'kysely';
import { danishOrder, folded, searchPattern } from '../../db/danish-text';
import type { Q } from '../../db/queryable';
import type { CredentialReset, Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import type { UserSort, UserStatus } from '../../shared/admin/users.contract';
import type { Role } from '../../shared/auth/auth.contract';
import { resetIsCurrent } from '../auth/reset-notice';
import { announce } from '../auth/session-events';
import * as sample from '../snapshot-samples';

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  teamId?: string | undefined;
  status?: UserStatus | undefined;
  sort: UserSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The account as the administrator sees it: never the hashes or the TOTP secret, only whether they exist. */
function accountQuery(db: Q, municipalityId: string, now: Date) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (j) => sameTenant(j, 't.id', 'u.team_id'))
    .leftJoin('department as d', (j) => sameTenant(j, 'd.id', 'u.department_id'))
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.work_phone',
      'u.role',
      'u.team_id',
      't.name as team_name',
      'u.department_id',
      'd.code as department_code',
      'd.name as department_name',
      'u.disabled_at',
      'u.created_at',
      'u.version',
      sql<boolean>`u.password_hash is not null`.as('has_password'),
      sql<boolean>`u.oidc_subject is not null`.as('has_oidc_subject'),
      sql<boolean>`u.totp_enabled_at is not null`.as('has_totp'),
      sql<boolean>`coalesce(u.locked_until > ${now}, false)`.as('locked'),
      // The families whose current pair the account is in (both indexed by member).
      sql<string>`(select count(*) from pair_assignment p
        where p.municipality_id = u.municipality_id and p.ended_at is null
          and (p.first_member_id = u.id or p.second_member_id = u.id))`.as('pair_families'),
    ])
    .where('u.municipality_id', '=', municipalityId);
}

/** Names (the account's, its team's) in Danish order, the others the same on every database. */
const sortColumns = {
  displayName: danishOrder('u.display_name'),
  username: sql`lower(u.username) collate "C"`,
  role: 'u.role',
  team: danishOrder('t.name'),
  createdAt: 'u.created_at',
} as const;

/**
 * One page of the municipality's accounts, searched, filtered and sorted, with the total. The
 * search finds a part of the name or username without regard to case or accents (search_fold,
 * decision 0021): "sorensen" finds Sørensen. Folded per row: a municipality's staff are few.
 */
export function listUsers(db: Q, municipalityId: string, f: UserFilter, now: Date) {
  return accountQuery(db, municipalityId, now)
    .select(sql<string>`count(*) over ()`.as('total'))
    .$if(Boolean(f.q), (q) =>
      q.where((eb) =>
        eb.or([
          eb(folded('u.display_name'), 'like', searchPattern(f.q)),
          eb(folded('u.username'), 'like', searchPattern(f.q)),
        ]),
      ),
    )
    .$if(Boolean(f.role), (q) => q.where('u.role', '=', f.role!))
    .$if(Boolean(f.teamId), (q) => q.where('u.team_id', '=', f.teamId!))
    .$if(f.status === 'active', (q) => q.where('u.disabled_at', 'is', null))
    .$if(f.status === 'disabled', (q) => q.where('u.disabled_at', 'is not', null))
    .orderBy(sortColumns[f.sort], (o) => (f.dir === 'asc' ? o.asc().nullsLast() : o.desc().nullsLast()))
    .orderBy('u.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

export function findUser(db: Q, municipalityId: string, userId: string, now: Date) {
  return accountQuery(db, municipalityId, now).where('u.id', '=', userId).executeTakeFirst();
}

/** The account's row locked for the change: concurrent edits of one account wait for each other. */
export function lockUser(trx: Transaction<Database>, municipalityId: string, userId: string) {
  return trx
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'role',
      'team_id',
      'department_id',
      'display_name',
      'email',
      'work_phone',
      'disabled_at',
      'version',
      // A reset whose notice is no longer shown is not joined to the next one (decision 0018).
      sql<CredentialReset | null>`case when ${resetIsCurrent('credential_reset')} then credential_reset end`.as(
        'credential_reset',
      ),
      sql<boolean>`password_hash is not null`.as('has_password'),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The municipality's active administrators, locked: two administrators disabling each other at
 * once are serialised, so the last one standing is never removed.
 */
export function lockActiveAdministrators(trx: Transaction<Database>, municipalityId: string) {
  return trx
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'administrator')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Usernames are unique installation-wide, whatever their case (sign-in does not know the municipality). */
export function usernameTaken(db: Q, username: string) {
  return db
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function oidcSubjectTaken(db: Q, subject: string) {
  return db.selectFrom('app_user').select('id').where('oidc_subject', '=', subject).executeTakeFirst();
}

export function teamExists(db: Q, municipalityId: string, teamId: string) {
  return db
    .selectFrom('team')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

export function departmentExists(db: Q, municipalityId: string, departmentId: string) {
  return db
    .selectFrom('department')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', departmentId)
    .executeTakeFirst();
}

export function insertUser(
  trx: Transaction<Database>,
  values: {
    municipality_id: string;
    username: string;
    display_name: string;
    email: string | null;
    role: Role;
    team_id: string | null;
    department_id: string | null;
    password_hash: string | null;
    oidc_subject: string | null;
  },
) {
  return trx.insertInto('app_user').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Writes a change and counts the version up; the caller holds the row's lock (lockUser). */
export function updateUser(
  trx: Transaction<Database>,
  municipalityId: string,
  userId: string,
  changes: UpdateObject<Database, 'app_user'>,
) {
  return trx
    .updateTable('app_user')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', userId)
    .returning('version')
    .executeTakeFirstOrThrow();
}

/** Ends every session of the account at once (disabled, new password, second factor reset). */
export async function deleteSessions(trx: Transaction<Database>, municipalityId: string, userId: string) {
  await trx
    .deleteFrom('user_session')
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .execute();
  // Told to every server instance on commit, so a change made with the CLI ends cached sessions too.
  await announce(trx, { user: userId });
}

// The command line names things by name, not id.

/**
 * Municipalities of this name in any case: one at most since migration 0007's index on lower(name)
 * (two are read so that a caller can tell if that ever changes).
 */
export function findMunicipalitiesByName(db: Q, name: string) {
  return db
    .selectFrom('municipality')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name.trim())])))
    .limit(2)
    .execute();
}

export function findTeamByName(db: Q, municipalityId: string, name: string) {
  return db
    .selectFrom('team')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function findUserByUsername(db: Q, username: string) {
  return db
    .selectFrom('app_user')
    .select(['municipality_id', 'id', 'version'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/**
 * The SQL snapshot of this module (users.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./users.queries')> = {
  listUsers: [
    {
      variant: 'no filter, by name',
      run: (db) =>
        listUsers(
          db,
          sample.MUNICIPALITY,
          { sort: 'displayName', dir: 'asc', page: 1, pageSize: 25 },
          sample.NOW,
        ),
    },
    {
      variant: 'every filter, by team descending',
      run: (db) =>
        listUsers(
          db,
          sample.MUNICIPALITY,
          {
            q: 'lea',
            role: 'team_member',
            teamId: sample.TEAM,
            status: 'disabled',
            sort: 'team',
            dir: 'desc',
            page: 2,
            pageSize: 25,
          },
          sample.NOW,
        ),
    },
  ],
  findUser: [{ run: (db) => findUser(db, sample.MUNICIPALITY, sample.USER, sample.NOW) }],
  lockUser: [{ run: sample.inTransaction((trx) => lockUser(trx, sample.MUNICIPALITY, sample.USER)) }],
  lockActiveAdministrators: [
    { run: sample.inTransaction((trx) => lockActiveAdministrators(trx, sample.MUNICIPALITY)) },
  ],
  usernameTaken: [{ run: (db) => usernameTaken(db, 'Lea') }],
  oidcSubjectTaken: [{ run: (db) => oidcSubjectTaken(db, 'sub-1') }],
  teamExists: [{ run: (db) => teamExists(db, sample.MUNICIPALITY, sample.TEAM) }],
  departmentExists: [{ run: (db) => departmentExists(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  insertUser: [
    {
      run: sample.inTransaction((trx) =>
        insertUser(trx, {
          municipality_id: sample.MUNICIPALITY,
          username: 'lea',
          display_name: 'Lea',
          email: null,
          role: 'team_member',
          team_id: sample.TEAM,
          department_id: null,
          password_hash: 'hash',
          oidc_subject: null,
        }),
      ),
    },
  ],
  updateUser: [
    {
      variant: 'disable',
      run: sample.inTransaction((trx) =>
        updateUser(trx, sample.MUNICIPALITY, sample.USER, { disabled_at: sample.NOW }),
      ),
    },
  ],
  deleteSessions: [
    { run: sample.inTransaction((trx) => deleteSessions(trx, sample.MUNICIPALITY, sample.USER)) },
  ],
  findMunicipalitiesByName: [{ run: (db) => findMunicipalitiesByName(db, 'Aarhus Kommune') }],
  findTeamByName: [{ run: (db) => findTeamByName(db, sample.MUNICIPALITY, 'Opgang til Opgang') }],
  findUserByUsername: [{ run: (db) => findUserByUsername(db, 'lea') }],
};
