import { type Kysely, sql, type Transaction } from 'kysely';
import { danishOrder } from '../../db/danish-text';
import type { Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import { AUDIT_COUNT_CAP, LISTED_FAMILIES_SHOWN } from '../../shared/admin/audit.contract';
import type { Actor } from '../http/access';
import * as sample from '../snapshot-samples';

export interface AuditFilter {
  actorId?: string | undefined;
  householdId?: string | undefined;
  action?: string | undefined;
  /** The period, both days included (yyyy-mm-dd, UTC). Required: the log is only searched by period. */
  from: string;
  to: string;
  breakGlass?: boolean | undefined;
  page: number;
  pageSize: number;
  /**
   * A leader's team's family ids (scopedFilter), read once per search and bound as one
   * array: planned for its values (planForValues), `= any` of it is a hash lookup, so a list's
   * row costs one probe per family it names, not a scan of the team's families per name.
   */
  teamFamilyIds?: string[] | undefined;
}

const dayStart = (iso: string) => new Date(`${iso}T00:00:00Z`);
const dayAfter = (iso: string) => new Date(dayStart(iso).getTime() + 86_400_000);

/**
 * Plans the audit search for its values every time (`plan_cache_mode`, for this transaction
 * only). Its best plan depends on them — a family's events are found through their indexes, a
 * period's are read newest first along the primary key — and the generic plan a named
 * prepared statement settles on after five runs read a whole year along the primary key to
 * find one family's events: 300 ms against 22 ms at 2,000,000 rows. Planning costs ~2 ms, and
 * the search is an auditor's, not a hot path.
 */
export async function planForValues(trx: Transaction<Database>) {
  await sql`set local plan_cache_mode = force_custom_plan`.execute(trx);
}

/** What a list's row says of its families in a search: how many, and the first ones shown. */
export interface ListedFamilies {
  count: number;
  shown: { id: string; reference: string }[];
}

/** The ids of the leader's team's staff, as a sub-select. */
const teamStaff = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('app_user as tu')
    .select('tu.id')
    .where('tu.municipality_id', '=', actor.municipalityId)
    .where('tu.team_id', '=', actor.teamId);

/** The ids of the leader's team's families, as a sub-select. */
const teamFamilies = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('household as ta')
    .select('ta.id')
    .where('ta.municipality_id', '=', actor.municipalityId)
    .where('ta.team_id', '=', actor.teamId);

/**
 * Every family of a list's row, named: how many, and the first LISTED_FAMILIES_SHOWN from the
 * head of `household_ids`, which a list stores in reference order (decision 0022) — so a page
 * of export events reads 100 families each, not the 10,000 an export may name.
 */
const firstListed = sql<ListedFamilies | null>`(
  select json_build_object('count', coalesce(cardinality(e.household_ids), 0), 'shown', coalesce(
    json_agg(json_build_object('id', lh.id, 'reference', lh.reference) order by u.n), '[]'))
  from unnest(e.household_ids[1:${sql.lit(LISTED_FAMILIES_SHOWN)}]) with ordinality as u(id, n)
  join household lh on lh.municipality_id = e.municipality_id and lh.id = u.id)`;

/**
 * The leader's own families among a list made by another team's staff: how many, and the
 * first LISTED_FAMILIES_SHOWN by reference. Each of the row's families is looked up, since which
 * are the team's decides the count; bounded by the list's size.
 */
const teamListed = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom((sub) =>
      sub
        .selectFrom('household as lh')
        .select(['lh.id', 'lh.reference', sql<number>`row_number() over (order by lh.reference)`.as('rank')])
        // Correlated with the search's row `e`, which this builder does not know by type.
        .where('lh.municipality_id', '=', sql.ref<string>('e.municipality_id'))
        .where('lh.id', '=', sql<string>`any(e.household_ids)`)
        .where('lh.team_id', '=', actor.teamId)
        .as('l'),
    )
    .select(
      sql<ListedFamilies>`json_build_object('count', count(*), 'shown', coalesce(
        json_agg(json_build_object('id', l.id, 'reference', l.reference) order by l.rank)
          filter (where l.rank <= ${sql.lit(LISTED_FAMILIES_SHOWN)}), '[]'))`.as('listed'),
    );

/** The team's family ids a leader's search needs; a search without them is a programming error. */
function teamFamilyIdsOf(f: AuditFilter): string[] {
  if (!f.teamFamilyIds) throw new Error('a leader’s audit search needs teamFamilyIds (scopedFilter)');
  return f.teamFamilyIds;
}

/**
 * The filter as the search runs it: a leader's search that names no family tests list rows
 * against the team's families, so it carries their ids (AuditFilter.teamFamilyIds), read here
 * once per search. Every caller of searchAudit/countAudit passes its filter through this.
 */
export async function scopedFilter(db: Kysely<Database>, actor: Actor, f: AuditFilter): Promise<AuditFilter> {
  if (actor.role !== 'team_leader' || f.householdId) return f;
  const teamFamilyIds = (await teamFamilies(db, actor).execute()).map((r) => r.id);
  return { ...f, teamFamilyIds };
}

/**
 * The events matching a search, before any join. The period comes first, so only its monthly
 * partitions are scanned. A leader's scope is their team: events by its staff or about its
 * families, as two hashed sub-selects tested on each row (no join), so a newest-first scan of
 * the primary key (municipality_id, at, id) can stop as soon as a page is full.
 */
function matching(db: Kysely<Database>, actor: Actor, f: AuditFilter) {
  return (
    db
      .selectFrom('audit_event as e')
      .where('e.municipality_id', '=', actor.municipalityId)
      .where('e.at', '>=', dayStart(f.from))
      .where('e.at', '<', dayAfter(f.to))
      .$if(actor.role === 'team_leader', (q) =>
        q.where((eb) =>
          eb.or([
            eb('e.actor_id', 'in', teamStaff(db, actor)),
            eb('e.household_id', 'in', teamFamilies(db, actor)),
            // A list's row names its families in an array (decision 0022): in scope when one of
            // them is the team's (the array of the team's families is built once per search).
            // Searched by one family, only when that family is the team's: a row by others
            // naming it beside one of the team's would otherwise tell the leader it exists.
            f.householdId
              ? eb(eb.val(f.householdId), 'in', teamFamilies(db, actor))
              : sql<boolean>`exists (select from unnest(e.household_ids) as listed(id)
                  where listed.id = any(${teamFamilyIdsOf(f)}::uuid[]))`,
          ]),
        ),
      )
      .$if(Boolean(f.actorId), (q) => q.where('e.actor_id', '=', f.actorId!))
      // The family's own events, and the lists and exports that showed it among others.
      .$if(Boolean(f.householdId), (q) =>
        q.where((eb) =>
          eb.or([
            eb('e.household_id', '=', f.householdId!),
            eb('e.household_ids', '@>', sql<string[]>`array[${f.householdId!}]::uuid[]`),
          ]),
        ),
      )
      .$if(Boolean(f.action), (q) => q.where('e.action', '=', f.action!))
      // Written as `break_glass` / `not break_glass`, not `= $n`: a prepared statement's generic plan
      // can then use the partial index `where break_glass` (a parameter could be false).
      .$if(f.breakGlass === true, (q) => q.where((eb) => eb.ref('e.break_glass')))
      .$if(f.breakGlass === false, (q) => q.where((eb) => eb.not(eb.ref('e.break_glass'))))
  );
}

/**
 * One page of the audit search, newest first, with who and which family by reference (a list's
 * families: how many, and the first ones by reference); for a break-the-glass event, the grant it made (reason, expiry) and the family's team, by which the
 * route decides who may read the reason (admin.policy.ts). One query: the joins are by primary key.
 */
export function searchAudit(db: Kysely<Database>, actor: Actor, f: AuditFilter) {
  return (
    matching(db, actor, f)
      .leftJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'e.actor_id'))
      .leftJoin('household as h', (j) => sameTenant(j, 'h.id', 'e.household_id'))
      .leftJoin('break_glass_grant as g', (j) =>
        sameTenant(j, 'g.id', 'e.entity_id')
          .on('e.action', '=', 'break_glass')
          .on('e.entity', '=', 'break_glass_grant'),
      )
      .select((eb) => [
        'e.id',
        'e.at',
        'e.action',
        'e.entity',
        'e.entity_id',
        'e.household_id',
        'e.fields',
        'e.purpose',
        'e.break_glass',
        'e.subject_hash',
        'e.actor_role',
        'u.id as actor_id',
        'u.display_name as actor_name',
        'h.reference as household_reference',
        'h.team_id as household_team_id',
        'g.id as grant_id',
        'g.reason as grant_reason',
        'g.expires_at as grant_expires_at',
        // A list's families the searcher may see named: an administrator all; a leader, as
        // the per-family rows before decision 0022 were in their scope, all of a list made by
        // the team's staff, and of another's list only the team's families.
        actor.role === 'team_leader'
          ? eb
              .case()
              .when('e.actor_id', 'in', teamStaff(db, actor))
              .then(firstListed)
              .else(teamListed(db, actor))
              .end()
              .as('listed_families')
          : firstListed.as('listed_families'),
      ])
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      // Pages stop at the count's cap, also when the page size does not divide it.
      .limit(Math.max(0, Math.min(f.pageSize, AUDIT_COUNT_CAP - (f.page - 1) * f.pageSize)))
      .offset((f.page - 1) * f.pageSize)
      .execute()
  );
}

/**
 * How many events match, counted up to `cap + 1`: a count that stops, so a search over millions
 * of rows costs no more than reading the first `cap + 1` of them. More than `cap` means "more than".
 */
export function countAudit(db: Kysely<Database>, actor: Actor, f: AuditFilter, cap: number) {
  return db
    .selectFrom(
      matching(db, actor, f)
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('m'),
    )
    .select(sql<string>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
}

/**
 * A family of the actor's municipality, by its reference (the unique key (municipality_id,
 * reference)) or its id, with its team. Whose family it is does not limit the search — its
 * scope still applies to the events, so another team's family finds only what the actor may
 * see — but it decides whether the search's own audit record may name it (familyInAuditScope).
 */
export function findAuditFamily(
  db: Kysely<Database>,
  municipalityId: string,
  key: { reference: string } | { id: string },
) {
  const [column, value] =
    'reference' in key ? (['reference', key.reference] as const) : (['id', key.id] as const);
  return db
    .selectFrom('household')
    .select(['id', 'team_id'])
    .where('municipality_id', '=', municipalityId)
    .where(column, '=', value)
    .executeTakeFirst();
}

/**
 * The accounts of the municipality, by name, for the search's "staff member" filter: anyone may
 * have acted on the searcher's families (break the glass), so not only their own team.
 */
export function auditActors(db: Kysely<Database>, municipalityId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (j) => sameTenant(j, 't.id', 'u.team_id'))
    .select(['u.id', 'u.display_name', 'u.role', 't.name as team_name', 'u.disabled_at'])
    .where('u.municipality_id', '=', municipalityId)
    .orderBy(danishOrder('u.display_name'))
    .orderBy('u.id')
    .execute();
}

/** How many times the glass was broken since a moment, within the actor's scope (as searchAudit). */
export function countBreakGlass(db: Kysely<Database>, actor: Actor, since: Date) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('household as h', (j) => sameTenant(j, 'h.id', 'e.household_id'))
    .select(sql<string>`count(*)`.as('count'))
    .where('e.municipality_id', '=', actor.municipalityId)
    .where('e.at', '>=', since)
    .where('e.action', '=', 'break_glass')
    .$if(actor.role === 'team_leader', (q) => q.where('h.team_id', '=', actor.teamId))
    .executeTakeFirstOrThrow();
}

/**
 * The SQL snapshot of this module (audit.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./audit.queries')> = {
  countBreakGlass: [
    {
      variant: 'team leader',
      run: (db) => countBreakGlass(db, sample.actor('team_leader'), new Date('2026-11-18T00:00:00Z')),
    },
  ],
  findAuditFamily: [
    {
      variant: 'by reference',
      run: (db) => findAuditFamily(db, sample.MUNICIPALITY, { reference: 'F-0012' }),
    },
    { variant: 'by id', run: (db) => findAuditFamily(db, sample.MUNICIPALITY, { id: sample.FAMILY }) },
  ],
  planForValues: [{ run: sample.inTransaction((trx) => planForValues(trx)) }],
  scopedFilter: [
    {
      variant: 'team leader, no family: the team’s families',
      run: (db) =>
        scopedFilter(db, sample.actor('team_leader'), {
          from: '2026-10-27',
          to: '2026-11-25',
          page: 1,
          pageSize: 50,
        }),
    },
  ],
  auditActors: [{ run: (db) => auditActors(db, sample.MUNICIPALITY) }],
  countAudit: [
    {
      variant: 'team leader, last 30 days',
      run: (db) =>
        countAudit(
          db,
          sample.actor('team_leader'),
          { from: '2026-10-27', to: '2026-11-25', page: 1, pageSize: 50, teamFamilyIds: [sample.FAMILY] },
          1000,
        ),
    },
  ],
  searchAudit: [
    {
      variant: 'administrator, no filter',
      run: (db) =>
        searchAudit(db, sample.actor('administrator'), {
          from: '2026-10-27',
          to: '2026-11-25',
          page: 1,
          pageSize: 50,
        }),
    },
    {
      variant: 'team leader, every filter',
      run: (db) =>
        searchAudit(db, sample.actor('team_leader'), {
          actorId: sample.COLLEAGUE,
          householdId: sample.FAMILY,
          action: 'read',
          from: '2026-11-01',
          to: '2026-11-30',
          breakGlass: true,
          page: 1,
          pageSize: 50,
        }),
    },
  ],
};
