/**
 * SQL you can see (after Immich's `server/src/queries/*.sql`): runs every query function of every
 * `src/server/<area>/*.queries.ts` against a Kysely instance with the PostgreSQL dialect and a
 * driver that executes nothing, records the SQL each function sends, and writes it next to the
 * module as `*.queries.sql`. A reviewer then sees every query change as SQL in the diff.
 *
 *   npm run sql:snapshot          regenerate the files
 *
 * test/unit/sql-snapshot.test.ts regenerates them in memory and fails when a committed file
 * differs, when a queries module has no entry below, or when an exported function has no case.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type Transaction,
} from 'kysely';
import type { Database } from '../src/db/schema';
import * as approvals from '../src/server/admin/approvals.queries';
import * as audit from '../src/server/admin/audit.queries';
import * as organisation from '../src/server/admin/organisation.queries';
import * as origins from '../src/server/admin/origins.queries';
import * as settings from '../src/server/admin/settings.queries';
import * as users from '../src/server/admin/users.queries';
import * as auth from '../src/server/auth/auth.queries';
import * as breakGlass from '../src/server/families/break-glass.queries';
import * as families from '../src/server/families/families.queries';
import type { Actor } from '../src/server/http/access';
import * as auditLog from '../src/server/plugins/audit.queries';
import * as team from '../src/server/team/team.queries';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// A Kysely that records instead of executing

/**
 * Every query comes back with one row, so functions that need a row (`executeTakeFirstOrThrow`)
 * run to the end; `next` is the column `nextReference` reads. The values are never printed.
 */
const DUMMY_ROW = { next: 1 };

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly log: string[]) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.log.push(query.sql);
    return { rows: [DUMMY_ROW as R] };
  }
  // biome-ignore lint/correctness/useYield: nothing to stream, the recorder only records
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    this.log.push(query.sql);
  }
}

/** begin/commit are no-ops (DummyDriver's): a snapshot shows the queries, not the transaction. */
class RecordingDriver extends DummyDriver {
  constructor(private readonly log: string[]) {
    super();
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RecordingConnection(this.log);
  }
}

function recordingDb(log: string[]): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(log),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Representative parameters. Their values never reach the snapshot (it shows $1, $2, …); what
// matters is which branches of a query they switch on.

const MUNICIPALITY = '00000000-0000-4000-8000-000000000001';
const TEAM = '00000000-0000-4000-8000-000000000002';
const USER = '00000000-0000-4000-8000-000000000003';
const COLLEAGUE = '00000000-0000-4000-8000-000000000004';
const FAMILY = '00000000-0000-4000-8000-000000000005';
const AREA = '00000000-0000-4000-8000-000000000006';
const NOW = new Date('2026-11-25T12:00:00Z');

const actor = (role: Actor['role']): Actor => ({
  userId: USER,
  municipalityId: MUNICIPALITY,
  role,
  teamId: role === 'team_member' || role === 'team_leader' ? TEAM : null,
  displayName: 'Snapshot',
});

type Run = (db: Kysely<Database>) => Promise<unknown>;
/** One case: a function called once. `variant` names the branch when a function has several. */
interface Case {
  variant?: string;
  run: Run;
}

/** Runs `work` inside a (recorded, no-op) transaction, for functions that require one. */
const inTransaction =
  (work: (trx: Transaction<Database>) => Promise<unknown>): Run =>
  (db) =>
    db.transaction().execute(work);

export interface QueryModule {
  /** The queries module, relative to the repository root. */
  source: string;
  exports: Record<string, unknown>;
  /** Every exported function, with the cases that show its SQL. */
  cases: Record<string, Case[]>;
}

export const queryModules: QueryModule[] = [
  {
    source: 'src/server/families/break-glass.queries.ts',
    exports: breakGlass,
    cases: {
      lockRequester: [{ run: inTransaction((trx) => breakGlass.lockRequester(trx, MUNICIPALITY, USER)) }],
      countOpenedFamilies: [
        { run: (db) => breakGlass.countOpenedFamilies(db, MUNICIPALITY, USER, FAMILY, NOW) },
      ],
      findBreakGlassSettings: [{ run: (db) => breakGlass.findBreakGlassSettings(db, MUNICIPALITY) }],
      findOpenRequest: [{ run: (db) => breakGlass.findOpenRequest(db, MUNICIPALITY, USER, FAMILY) }],
      insertRequest: [
        {
          run: inTransaction((trx) =>
            breakGlass.insertRequest(trx, {
              municipalityId: MUNICIPALITY,
              userId: USER,
              familyId: FAMILY,
              reason: 'Urgent',
            }),
          ),
        },
      ],
      findRequestItem: [{ run: (db) => breakGlass.findRequestItem(db, MUNICIPALITY, COLLEAGUE) }],
      findMyRequests: [{ run: (db) => breakGlass.findMyRequests(db, actor('team_member'), NOW) }],
      findRequestsToDecide: [
        { variant: 'team leader', run: (db) => breakGlass.findRequestsToDecide(db, actor('team_leader')) },
        {
          variant: 'administrator',
          run: (db) => breakGlass.findRequestsToDecide(db, actor('administrator')),
        },
      ],
      countRequestsToDecide: [
        { variant: 'team leader', run: (db) => breakGlass.countRequestsToDecide(db, actor('team_leader')) },
        {
          variant: 'administrator',
          run: (db) => breakGlass.countRequestsToDecide(db, actor('administrator')),
        },
      ],
      lockRequest: [{ run: inTransaction((trx) => breakGlass.lockRequest(trx, MUNICIPALITY, COLLEAGUE)) }],
      decideRequest: [
        {
          run: inTransaction((trx) =>
            breakGlass.decideRequest(trx, {
              municipalityId: MUNICIPALITY,
              requestId: COLLEAGUE,
              deciderId: USER,
              granted: true,
              reason: 'Confirmed',
              at: NOW,
            }),
          ),
        },
      ],
      findTeamGrants: [
        { run: (db) => breakGlass.findTeamGrants(db, { ...actor('team_leader'), teamId: TEAM }, NOW) },
      ],
      countUnseenGrants: [
        { run: (db) => breakGlass.countUnseenGrants(db, { ...actor('team_leader'), teamId: TEAM }, NOW) },
      ],
      markGrantsSeen: [{ run: (db) => breakGlass.markGrantsSeen(db, MUNICIPALITY, USER, NOW) }],
    },
  },
  {
    source: 'src/server/families/families.queries.ts',
    exports: families,
    cases: {
      listFamilies: [
        {
          variant: 'no filter, default sort',
          run: (db) =>
            families.listFamilies(
              db,
              actor('team_member'),
              { sort: 'reference', dir: 'asc', page: 1, pageSize: 25 },
              {
                action: 'list',
                fields: ['reference', 'address', 'adult_names', 'pair'],
                purpose: 'case_work',
              },
            ),
        },
        {
          variant: 'every filter, sorted by member count',
          run: (db) =>
            families.listFamilies(
              db,
              actor('team_member'),
              {
                q: 'odeh',
                sort: 'memberCount',
                dir: 'desc',
                status: 'enrolled',
                areaId: AREA,
                mine: true,
                page: 2,
                pageSize: 25,
              },
              { action: 'list', fields: ['reference'], purpose: 'case_work' },
            ),
        },
      ],
      countFamilies: [
        {
          variant: 'past the last page: the filters alone',
          run: (db) => families.countFamilies(db, actor('team_member'), { q: 'odeh', status: 'enrolled' }),
        },
      ],
      findFamilyRelation: [
        { run: (db) => families.findFamilyRelation(db, actor('team_member'), FAMILY, NOW) },
      ],
      findHousehold: [{ run: (db) => families.findHousehold(db, MUNICIPALITY, FAMILY) }],
      isFamilyOf: [{ run: (db) => families.isFamilyOf(db, MUNICIPALITY, FAMILY) }],
      findCprHolder: [
        { variant: 'new', run: (db) => families.findCprHolder(db, MUNICIPALITY, '010203-1234', null) },
        { variant: 'change', run: (db) => families.findCprHolder(db, MUNICIPALITY, '010203-1234', USER) },
      ],
      countRefusals: [{ run: (db) => families.countRefusals(db, MUNICIPALITY, USER, 'cpr_taken', NOW) }],
      endPairsOfMember: [
        { run: inTransaction((trx) => families.endPairsOfMember(trx, MUNICIPALITY, USER, NOW)) },
      ],
      touchHouseholds: [
        { run: inTransaction((trx) => families.touchHouseholds(trx, MUNICIPALITY, [FAMILY], NOW)) },
      ],
      findFamiliesToCheck: [
        { variant: 'first page', run: (db) => families.findFamiliesToCheck(db, MUNICIPALITY, null, 500) },
        { variant: 'next page', run: (db) => families.findFamiliesToCheck(db, MUNICIPALITY, FAMILY, 500) },
      ],
      findFamilyToCheck: [{ run: (db) => families.findFamilyToCheck(db, MUNICIPALITY, FAMILY) }],
      findMembersOfFamilies: [{ run: (db) => families.findMembersOfFamilies(db, MUNICIPALITY, [FAMILY]) }],
      findConsentsOfFamilies: [{ run: (db) => families.findConsentsOfFamilies(db, MUNICIPALITY, [FAMILY]) }],
      insertChangeRecords: [
        {
          run: inTransaction((trx) =>
            families.insertChangeRecords(trx, MUNICIPALITY, USER, [
              {
                familyId: FAMILY,
                entity: 'pair',
                entityId: FAMILY,
                action: 'end_pair',
                changes: [],
                at: NOW,
              },
            ]),
          ),
        },
      ],
      findMembers: [{ run: (db) => families.findMembers(db, MUNICIPALITY, FAMILY) }],
      findConsents: [{ run: (db) => families.findConsents(db, MUNICIPALITY, FAMILY) }],
      findConsentInForce: [
        { run: (db) => families.findConsentInForce(db, MUNICIPALITY, FAMILY, 'cross_department_sharing') },
      ],
      findHistory: [{ run: (db) => families.findHistory(db, MUNICIPALITY, FAMILY, 1, 50) }],
      findTeamStaff: [{ run: (db) => families.findTeamStaff(db, MUNICIPALITY, TEAM, [USER, COLLEAGUE]) }],
      nextReference: [{ run: inTransaction((trx) => families.nextReference(trx, MUNICIPALITY)) }],
      refreshHouseholdSummary: [
        { run: inTransaction((trx) => families.refreshHouseholdSummary(trx, MUNICIPALITY, FAMILY)) },
      ],
      insertHousehold: [
        {
          run: inTransaction((trx) =>
            families.insertHousehold(trx, {
              municipality_id: MUNICIPALITY,
              team_id: TEAM,
              area_id: AREA,
              reference: 'F-0001',
              street: 'Bispehavevej',
              building_number: '27 B',
              entrance: null,
              floor: null,
              door: null,
              postal_code: null,
              enrolled_on: null,
              search_text: '',
              sort_name: '',
              updated_at: NOW,
            }),
          ),
        },
      ],
      findHouseholdForUpdate: [
        { run: inTransaction((trx) => families.findHouseholdForUpdate(trx, MUNICIPALITY, FAMILY)) },
      ],
      updateHousehold: [
        {
          variant: 'address',
          run: inTransaction((trx) =>
            families.updateHousehold(trx, MUNICIPALITY, FAMILY, {
              street: 'Bispehavevej',
              building_number: '9',
            }),
          ),
        },
      ],
      bumpHouseholdVersion: [
        { run: inTransaction((trx) => families.bumpHouseholdVersion(trx, MUNICIPALITY, FAMILY, NOW)) },
      ],
      endPairOfFamily: [
        { run: inTransaction((trx) => families.endPairOfFamily(trx, MUNICIPALITY, FAMILY, NOW)) },
      ],
      insertPair: [
        {
          run: inTransaction((trx) =>
            families.insertPair(trx, MUNICIPALITY, FAMILY, [USER, COLLEAGUE], USER),
          ),
        },
      ],
      insertBreakGlassGrant: [
        {
          run: inTransaction((trx) =>
            families.insertBreakGlassGrant(trx, {
              municipalityId: MUNICIPALITY,
              userId: USER,
              familyId: FAMILY,
              reason: 'Urgent',
              expiresAt: NOW,
            }),
          ),
        },
      ],
      findFamilyMember: [{ run: (db) => families.findFamilyMember(db, MUNICIPALITY, FAMILY, COLLEAGUE) }],
      findMemberForUpdate: [
        { run: inTransaction((trx) => families.findMemberForUpdate(trx, MUNICIPALITY, FAMILY, COLLEAGUE)) },
      ],
      insertPerson: [
        {
          run: inTransaction((trx) =>
            families.insertPerson(trx, MUNICIPALITY, FAMILY, {
              firstName: 'Amal',
              lastName: 'Odeh',
              cpr: null,
              birthDate: '1985-03-02',
              role: 'parent',
              countryOfOrigin: null,
              languages: [],
              interpreterNeeded: false,
            }),
          ),
        },
      ],
      updateMember: [
        {
          variant: 'name',
          run: inTransaction((trx) =>
            families.updateMember(trx, MUNICIPALITY, COLLEAGUE, { first_name: 'Amal' }, NOW),
          ),
        },
      ],
      findMemberCpr: [{ run: (db) => families.findMemberCpr(db, MUNICIPALITY, FAMILY, COLLEAGUE) }],
      insertConsent: [
        {
          run: inTransaction((trx) =>
            families.insertConsent(trx, {
              municipalityId: MUNICIPALITY,
              familyId: FAMILY,
              personId: null,
              purpose: 'cross_department_sharing',
              scope: null,
              givenOn: '2026-11-25',
              recordedBy: USER,
            }),
          ),
        },
      ],
      findConsentForUpdate: [
        { run: inTransaction((trx) => families.findConsentForUpdate(trx, MUNICIPALITY, FAMILY, COLLEAGUE)) },
      ],
      withdrawConsent: [
        { run: inTransaction((trx) => families.withdrawConsent(trx, MUNICIPALITY, COLLEAGUE, '2026-11-25')) },
      ],
    },
  },
  {
    source: 'src/server/team/team.queries.ts',
    exports: team,
    cases: {
      teamStaff: [{ run: (db) => team.teamStaff(db, MUNICIPALITY, TEAM) }],
      areas: [{ run: (db) => team.areas(db, MUNICIPALITY) }],
    },
  },
  {
    source: 'src/server/admin/audit.queries.ts',
    exports: audit,
    cases: {
      countBreakGlass: [
        {
          variant: 'team leader',
          run: (db) => audit.countBreakGlass(db, actor('team_leader'), new Date('2026-11-18T00:00:00Z')),
        },
      ],
      findAuditFamily: [
        {
          variant: 'by reference',
          run: (db) => audit.findAuditFamily(db, MUNICIPALITY, { reference: 'F-0012' }),
        },
        { variant: 'by id', run: (db) => audit.findAuditFamily(db, MUNICIPALITY, { id: FAMILY }) },
      ],
      planForValues: [{ run: inTransaction((trx) => audit.planForValues(trx)) }],
      scopedFilter: [
        {
          variant: 'team leader, no family: the team’s families',
          run: (db) =>
            audit.scopedFilter(db, actor('team_leader'), {
              from: '2026-10-27',
              to: '2026-11-25',
              page: 1,
              pageSize: 50,
            }),
        },
      ],
      auditActors: [{ run: (db) => audit.auditActors(db, MUNICIPALITY) }],
      countAudit: [
        {
          variant: 'team leader, last 30 days',
          run: (db) =>
            audit.countAudit(
              db,
              actor('team_leader'),
              { from: '2026-10-27', to: '2026-11-25', page: 1, pageSize: 50, teamFamilyIds: [FAMILY] },
              1000,
            ),
        },
      ],
      searchAudit: [
        {
          variant: 'administrator, no filter',
          run: (db) =>
            audit.searchAudit(db, actor('administrator'), {
              from: '2026-10-27',
              to: '2026-11-25',
              page: 1,
              pageSize: 50,
            }),
        },
        {
          variant: 'team leader, every filter',
          run: (db) =>
            audit.searchAudit(db, actor('team_leader'), {
              actorId: COLLEAGUE,
              householdId: FAMILY,
              action: 'read',
              from: '2026-11-01',
              to: '2026-11-30',
              breakGlass: true,
              page: 1,
              pageSize: 50,
            }),
        },
      ],
    },
  },
  {
    source: 'src/server/plugins/audit.queries.ts',
    exports: auditLog,
    cases: {
      insertAuditEvents: [
        {
          variant: 'two records',
          run: inTransaction((trx) =>
            auditLog.insertAuditEvents(
              trx,
              { userId: USER, municipalityId: MUNICIPALITY, role: 'team_member' },
              [
                {
                  action: 'read',
                  entity: 'household',
                  entityId: FAMILY,
                  householdId: FAMILY,
                  fields: ['address'],
                  purpose: 'case_work',
                },
                {
                  action: 'read',
                  entity: 'person',
                  householdIds: [FAMILY],
                  purpose: 'case_work',
                  breakGlass: true,
                },
              ],
            ),
          ),
        },
      ],
    },
  },
  {
    source: 'src/server/admin/approvals.queries.ts',
    exports: approvals,
    cases: {
      insertApproval: [
        {
          run: (db) =>
            approvals.insertApproval(db, {
              municipality_id: MUNICIPALITY,
              kind: 'password',
              target_id: COLLEAGUE,
              requested_by: USER,
              password_hash: 'hash',
              oidc_subject: null,
            }),
        },
      ],
      listPendingApprovals: [{ run: (db) => approvals.listPendingApprovals(db, MUNICIPALITY) }],
      findApproval: [{ run: (db) => approvals.findApproval(db, MUNICIPALITY, AREA) }],
      lockApproval: [{ run: inTransaction((trx) => approvals.lockApproval(trx, MUNICIPALITY, AREA)) }],
      decideApproval: [
        {
          run: inTransaction((trx) =>
            approvals.decideApproval(trx, MUNICIPALITY, AREA, USER, 'refused', 'Not asked for'),
          ),
        },
      ],
    },
  },
  {
    source: 'src/server/admin/origins.queries.ts',
    exports: origins,
    cases: {
      listAllowedOrigins: [{ run: (db) => origins.listAllowedOrigins(db, MUNICIPALITY) }],
      allAllowedOrigins: [{ run: (db) => origins.allAllowedOrigins(db) }],
      insertAllowedOrigin: [
        { run: (db) => origins.insertAllowedOrigin(db, MUNICIPALITY, 'https://staircase.example.dk', USER) },
      ],
      deleteAllowedOrigin: [{ run: (db) => origins.deleteAllowedOrigin(db, MUNICIPALITY, AREA) }],
    },
  },
  {
    source: 'src/server/admin/settings.queries.ts',
    exports: settings,
    cases: {
      findSettings: [{ run: (db) => settings.findSettings(db, MUNICIPALITY) }],
      lockSettings: [{ run: (db) => settings.lockSettings(db, MUNICIPALITY) }],
      updateSettings: [
        {
          variant: 'both settings',
          run: (db) =>
            settings.updateSettings(db, MUNICIPALITY, { mfaRequired: true, breakGlassMinutes: 30 }),
        },
      ],
    },
  },
  {
    source: 'src/server/admin/users.queries.ts',
    exports: users,
    cases: {
      listUsers: [
        {
          variant: 'no filter, by name',
          run: (db) =>
            users.listUsers(
              db,
              MUNICIPALITY,
              { sort: 'displayName', dir: 'asc', page: 1, pageSize: 25 },
              NOW,
            ),
        },
        {
          variant: 'every filter, by team descending',
          run: (db) =>
            users.listUsers(
              db,
              MUNICIPALITY,
              {
                q: 'lea',
                role: 'team_member',
                teamId: TEAM,
                status: 'disabled',
                sort: 'team',
                dir: 'desc',
                page: 2,
                pageSize: 25,
              },
              NOW,
            ),
        },
      ],
      findUser: [{ run: (db) => users.findUser(db, MUNICIPALITY, USER, NOW) }],
      lockUser: [{ run: inTransaction((trx) => users.lockUser(trx, MUNICIPALITY, USER)) }],
      lockActiveAdministrators: [
        { run: inTransaction((trx) => users.lockActiveAdministrators(trx, MUNICIPALITY)) },
      ],
      usernameTaken: [{ run: (db) => users.usernameTaken(db, 'Lea') }],
      oidcSubjectTaken: [{ run: (db) => users.oidcSubjectTaken(db, 'sub-1') }],
      teamExists: [{ run: (db) => users.teamExists(db, MUNICIPALITY, TEAM) }],
      departmentExists: [{ run: (db) => users.departmentExists(db, MUNICIPALITY, COLLEAGUE) }],
      insertUser: [
        {
          run: inTransaction((trx) =>
            users.insertUser(trx, {
              municipality_id: MUNICIPALITY,
              username: 'lea',
              display_name: 'Lea',
              email: null,
              role: 'team_member',
              team_id: TEAM,
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
          run: inTransaction((trx) => users.updateUser(trx, MUNICIPALITY, USER, { disabled_at: NOW })),
        },
      ],
      deleteSessions: [{ run: inTransaction((trx) => users.deleteSessions(trx, MUNICIPALITY, USER)) }],
      findMunicipalitiesByName: [{ run: (db) => users.findMunicipalitiesByName(db, 'Aarhus Kommune') }],
      findTeamByName: [{ run: (db) => users.findTeamByName(db, MUNICIPALITY, 'Opgang til Opgang') }],
      findUserByUsername: [{ run: (db) => users.findUserByUsername(db, 'lea') }],
    },
  },
  {
    source: 'src/server/admin/organisation.queries.ts',
    exports: organisation,
    cases: {
      listAreas: [{ run: (db) => organisation.listAreas(db, MUNICIPALITY) }],
      listTeams: [{ run: (db) => organisation.listTeams(db, MUNICIPALITY) }],
      listDepartments: [{ run: (db) => organisation.listDepartments(db, MUNICIPALITY) }],
      listMunicipalities: [{ run: (db) => organisation.listMunicipalities(db) }],
      areaNamedLike: [
        { variant: 'new', run: (db) => organisation.areaNamedLike(db, MUNICIPALITY, 'Gellerup', null) },
        { variant: 'rename', run: (db) => organisation.areaNamedLike(db, MUNICIPALITY, 'Gellerup', AREA) },
      ],
      teamNamedLike: [
        { variant: 'new', run: (db) => organisation.teamNamedLike(db, MUNICIPALITY, 'Team', null) },
        { variant: 'rename', run: (db) => organisation.teamNamedLike(db, MUNICIPALITY, 'Team', TEAM) },
      ],
      areaExists: [{ run: (db) => organisation.areaExists(db, MUNICIPALITY, AREA) }],
      findMunicipalityName: [{ run: (db) => organisation.findMunicipalityName(db, MUNICIPALITY) }],
      insertMunicipality: [
        {
          run: inTransaction((trx) =>
            organisation.insertMunicipality(trx, 'Aarhus Kommune', ['employment', 'social_family']),
          ),
        },
      ],
      insertArea: [{ run: inTransaction((trx) => organisation.insertArea(trx, MUNICIPALITY, 'Bispehaven')) }],
      renameArea: [
        { run: inTransaction((trx) => organisation.renameArea(trx, MUNICIPALITY, AREA, 'Bispehaven')) },
      ],
      insertTeam: [
        { run: inTransaction((trx) => organisation.insertTeam(trx, MUNICIPALITY, AREA, 'Team Bispehaven')) },
      ],
      renameTeam: [
        { run: inTransaction((trx) => organisation.renameTeam(trx, MUNICIPALITY, TEAM, 'Team Bispehaven')) },
      ],
      areaInUse: [{ run: (db) => organisation.areaInUse(db, MUNICIPALITY, AREA) }],
      teamInUse: [{ run: (db) => organisation.teamInUse(db, MUNICIPALITY, TEAM) }],
      deleteArea: [{ run: inTransaction((trx) => organisation.deleteArea(trx, MUNICIPALITY, AREA)) }],
      deleteTeam: [{ run: inTransaction((trx) => organisation.deleteTeam(trx, MUNICIPALITY, TEAM)) }],
    },
  },
  {
    source: 'src/server/auth/auth.queries.ts',
    exports: auth,
    cases: {
      findUserForSignIn: [{ run: (db) => auth.findUserForSignIn(db, 'amal') }],
      findUserForSession: [{ run: (db) => auth.findUserForSession(db, MUNICIPALITY, USER) }],
      findUserByOidcSubject: [
        { variant: 'subject only', run: (db) => auth.findUserByOidcSubject(db, 'sub-1', undefined) },
        {
          variant: 'subject, or an account by username',
          run: (db) => auth.findUserByOidcSubject(db, 'sub-1', 'amal'),
        },
      ],
      linkOidcSubject: [
        { run: (db) => auth.linkOidcSubject(db, { municipality_id: MUNICIPALITY, id: USER }, 'sub-1') },
      ],
      confirmEnrolment: [
        {
          run: (db) =>
            auth.confirmEnrolment(
              db,
              { municipality_id: MUNICIPALITY, id: USER },
              { totpSecret: 'sealed', step: 1, recoveryCodeHashes: ['hash'], at: new Date(0) },
            ),
        },
      ],
      clearFailedLogins: [
        { run: (db) => auth.clearFailedLogins(db, { municipality_id: MUNICIPALITY, id: USER }) },
      ],
      demoLogins: [{ run: (db) => auth.demoLogins(db) }],
      demoSecondFactorRequired: [{ run: (db) => auth.demoSecondFactorRequired(db) }],
      hasAnyAccount: [{ run: (db) => auth.hasAnyAccount(db) }],
      findTotpSecretsToSeal: [{ run: (db) => auth.findTotpSecretsToSeal(db, 'v1:0a1b2c3d:') }],
      replaceTotpSecret: [
        {
          run: (db) =>
            auth.replaceTotpSecret(db, { municipality_id: MUNICIPALITY, id: USER }, 'plain', 'sealed'),
        },
      ],
      findPendingTotpSecretsToSeal: [{ run: (db) => auth.findPendingTotpSecretsToSeal(db, 'v1:0a1b2c3d:') }],
      replacePendingTotpSecret: [
        { run: (db) => auth.replacePendingTotpSecret(db, 'session-hash', 'plain', 'sealed') },
      ],
      findResetNotice: [{ run: (db) => auth.findResetNotice(db, 'session-hash') }],
      findSignInsSince: [
        {
          run: (db) =>
            auth.findSignInsSince(
              db,
              { municipality_id: MUNICIPALITY, id: USER },
              new Date('2026-12-01T09:00:00Z'),
            ),
        },
      ],
      dismissResetNotice: [{ run: (db) => auth.dismissResetNotice(db, 'session-hash') }],
      auditUnknownAccount: [{ run: (db) => auth.auditUnknownAccount(db, '0a1b2c3d:hmac') }],
      recordFailedLogin: [
        {
          run: (db) =>
            auth.recordFailedLogin(db, { municipality_id: MUNICIPALITY, id: USER }, NOW, {
              after: 10,
              until: new Date('2026-11-25T12:15:00Z'),
            }),
        },
      ],
      giveBackSignInAttempt: [
        {
          variant: 'its own attempt, not the lock',
          run: (db) => auth.giveBackSignInAttempt(db, { municipality_id: MUNICIPALITY, id: USER }, NOW, null),
        },
        {
          variant: 'the lock its attempt set',
          run: (db) =>
            auth.giveBackSignInAttempt(db, { municipality_id: MUNICIPALITY, id: USER }, NOW, {
              until: new Date('2026-11-25T12:15:00Z'),
              countBefore: 9,
            }),
        },
      ],
      claimTotpStep: [
        {
          run: inTransaction((trx) =>
            auth.claimTotpStep(trx, { municipality_id: MUNICIPALITY, id: USER }, 59_000_000),
          ),
        },
      ],
      takeRecoveryCode: [
        {
          run: inTransaction((trx) =>
            auth.takeRecoveryCode(trx, { municipality_id: MUNICIPALITY, id: USER }, [
              '0a1b2c3d:hmac',
              'sha256',
            ]),
          ),
        },
      ],
      updateLocale: [
        {
          run: inTransaction((trx) =>
            auth.updateLocale(trx, { municipality_id: MUNICIPALITY, id: USER }, 'en'),
          ),
        },
      ],
      insertSession: [
        {
          run: (db) =>
            auth.insertSession(db, {
              id: 'session-hash',
              municipality_id: MUNICIPALITY,
              user_id: USER,
              stage: 'done',
              csrf_token: 'csrf',
              pending_totp_secret: null,
              verified_by: 'password',
              last_seen_at: NOW,
            }),
        },
      ],
      deleteSession: [{ run: (db) => auth.deleteSession(db, 'session-hash') }],
      findSession: [{ run: (db) => auth.findSession(db, 'session-hash') }],
      touchSession: [{ run: (db) => auth.touchSession(db, 'session-hash', NOW) }],
      deleteExpiredSessions: [
        {
          run: (db) =>
            auth.deleteExpiredSessions(db, {
              lastSeenBefore: new Date('2026-11-25T11:00:00Z'),
              createdBefore: new Date('2026-11-25T00:00:00Z'),
            }),
        },
      ],
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Formatting: one clause per line, list items and `and`-conditions one per line, subqueries
// indented. A small tokenizer, so string literals and quoted identifiers are never touched.

interface Token {
  text: string;
  /** Whitespace preceded the token in the original SQL. */
  space: boolean;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let space = false;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      space = true;
      i++;
      continue;
    }
    let end = i + 1;
    if (c === "'" || c === '"') {
      // A quoted string or identifier; a doubled quote is an escaped quote.
      while (end < sql.length) {
        if (sql[end] === c) {
          if (sql[end + 1] === c) end += 2;
          else {
            end++;
            break;
          }
        } else end++;
      }
    } else if (/[\w$]/.test(c)) {
      while (end < sql.length && /[\w$]/.test(sql[end] as string)) end++;
    } else if (c === '-' && sql[i + 1] === '-') {
      throw new Error('sql-snapshot: line comments in SQL are not supported by the formatter');
    }
    tokens.push({ text: sql.slice(i, end), space });
    space = false;
    i = end;
  }
  return tokens;
}

/** Clauses that start a line; the longest match wins ("left join" before "join"). */
const CLAUSES = [
  'with',
  'select',
  'from',
  'inner join',
  'left join',
  'left outer join',
  'right join',
  'full join',
  'cross join',
  'join',
  'where',
  'group by',
  'having',
  'window',
  'order by',
  'limit',
  'offset',
  'for update',
  'insert into',
  'values',
  'update',
  'set',
  'delete from',
  'on conflict',
  'returning',
  'union all',
  'union',
].map((c) => c.split(' '));

/** Clauses whose items go one per line, split at top-level commas (or `and` for conditions). */
const LIST_CLAUSES = new Set(['select', 'set', 'returning']);
const CONDITION_CLAUSES = new Set(['where', 'having']);

function clauseAt(tokens: Token[], i: number): string | null {
  for (const words of CLAUSES) {
    if (words.every((w, k) => tokens[i + k]?.text.toLowerCase() === w)) return words.join(' ');
  }
  return null;
}

interface Frame {
  /** A parenthesised subquery (clauses break lines inside it) or an expression's parentheses. */
  subquery: boolean;
  /** Indent of the clause keywords inside this frame. */
  level: number;
  clause: string | null;
}

export function formatSql(sql: string): string {
  const tokens = tokenize(sql);
  const lines: string[] = [];
  let line = '';
  let lineLevel = 0;
  const newLine = (level: number) => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '  '.repeat(level);
    lineLevel = level;
  };
  const write = (token: Token) => {
    if (line.trim() && token.space) line += ' ';
    line += token.text;
  };
  const stack: Frame[] = [{ subquery: true, level: 0, clause: null }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const frame = stack[stack.length - 1] as Frame;
    const lower = token.text.toLowerCase();
    const clause = frame.subquery ? clauseAt(tokens, i) : null;
    if (clause) {
      const words = clause.split(' ').length;
      frame.clause = clause;
      newLine(frame.level);
      write({ text: clause, space: false });
      if (LIST_CLAUSES.has(clause) || CONDITION_CLAUSES.has(clause)) newLine(frame.level + 1);
      i += words - 1;
      continue;
    }
    if (token.text === '(') {
      write(token);
      const next = tokens[i + 1]?.text.toLowerCase();
      const subquery = next === 'select' || next === 'with';
      stack.push({ subquery, level: lineLevel + 1, clause: null });
      continue;
    }
    if (token.text === ')') {
      const closed = stack.pop() as Frame;
      if (closed.subquery) {
        newLine(closed.level - 1);
        write({ text: ')', space: false });
      } else write(token);
      continue;
    }
    if (frame.subquery && token.text === ',' && frame.clause && LIST_CLAUSES.has(frame.clause)) {
      write(token);
      newLine(frame.level + 1);
      continue;
    }
    if (frame.subquery && lower === 'and' && frame.clause && CONDITION_CLAUSES.has(frame.clause)) {
      newLine(frame.level + 1);
      write({ text: token.text, space: false });
      continue;
    }
    write(token);
  }
  newLine(0);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Generation

export interface Snapshot {
  /** The .sql file, relative to the repository root. */
  path: string;
  content: string;
}

const isFunction = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function';

/** Every `*.queries.ts` under src/server, relative to the root: each must have a module above. */
export function findQueryModules(root = ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.queries.ts')) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(join(root, 'src/server'));
  return found.sort();
}

/** Checks that every queries module and every exported query function has a case. */
export function coverageProblems(root = ROOT): string[] {
  const problems: string[] = [];
  const known = new Set(queryModules.map((m) => m.source));
  for (const source of findQueryModules(root)) {
    if (!known.has(source)) problems.push(`${source} has no entry in queryModules (scripts/sql-snapshot.ts)`);
  }
  for (const m of queryModules) {
    for (const [name, value] of Object.entries(m.exports)) {
      if (isFunction(value) && !m.cases[name]?.length) {
        problems.push(`${m.source}: ${name} has no case in scripts/sql-snapshot.ts`);
      }
    }
    for (const name of Object.keys(m.cases)) {
      if (!isFunction(m.exports[name])) problems.push(`${m.source}: ${name} is not an exported function`);
    }
  }
  return problems;
}

export async function generateSnapshots(): Promise<Snapshot[]> {
  const problems = coverageProblems();
  if (problems.length) throw new Error(`sql-snapshot:\n  ${problems.join('\n  ')}`);
  const log: string[] = [];
  const db = recordingDb(log);
  const snapshots: Snapshot[] = [];
  try {
    for (const m of queryModules) {
      const file = m.source.split('/').pop() as string;
      const blocks = [
        `-- Generated by \`npm run sql:snapshot\` (scripts/sql-snapshot.ts) from ${file}. Do not edit.`,
      ];
      for (const [name, cases] of Object.entries(m.cases)) {
        for (const c of cases) {
          log.length = 0;
          await c.run(db);
          if (log.length === 0) throw new Error(`sql-snapshot: ${m.source}: ${name} sent no SQL`);
          const title = c.variant ? `${name} (${c.variant})` : name;
          blocks.push(`-- ${title}\n${log.map((q) => `${formatSql(q)};`).join('\n\n')}`);
        }
      }
      snapshots.push({ path: m.source.replace(/\.ts$/, '.sql'), content: `${blocks.join('\n\n')}\n` });
    }
  } finally {
    await db.destroy();
  }
  return snapshots;
}

async function main() {
  for (const snapshot of await generateSnapshots()) {
    writeFileSync(join(ROOT, snapshot.path), snapshot.content);
    process.stdout.write(`wrote ${snapshot.path}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
