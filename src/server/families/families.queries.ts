import {
  type InsertObject,
  type QueryCreator,
  type RawBuilder,
  sql,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import { compiledOnce } from '../../db/compiled-once';
import { searchPattern } from '../../db/danish-text';
import type { Q } from '../../db/queryable';
import type { ChangeList, Database } from '../../db/schema';
import { sameTenant } from '../../db/tenant-join';
import type { AuditAction } from '../../shared/admin/audit.contract';
import { today } from '../../shared/common/today';
import { normaliseCpr } from '../../shared/families/cpr';
import type { FamilyListQuery, MemberValues } from '../../shared/families/families.contract';
import { familyRows, isFamily } from '../access/family-scope';
import type { Actor } from '../http/access';
import * as sample from '../snapshot-samples';
import { pairStaffAmong } from '../team/staff-scope';

type ListQuery = {
  q?: string | undefined;
  sort: NonNullable<FamilyListQuery['sort']>;
  dir: 'asc' | 'desc';
  status?: 'enrolled' | 'exited' | undefined;
  areaId?: string | undefined;
  mine?: boolean | undefined;
  noPair?: boolean | undefined;
  page: number;
  pageSize: number;
};

/**
 * Name and street sort by their stored Danish sort keys (`danish_sort_key`, collation "C":
 * æ, ø, å after z on every database, decision 0021).
 */
const sortColumns = {
  reference: 'reference',
  address: 'street_sort',
  name: 'sort_name',
  enrolledOn: 'enrolled_on',
  memberCount: 'member_count',
  updatedAt: 'updated_at',
  pair: 'pair_sort',
} as const;

/**
 * An address sorts by street, then by the building number as a number ("9" before "11 D" before
 * "27 B"), then by the rest of it; by street alone, one street's buildings came in case order.
 */
const buildingNumberOrder = sql`(substring(h.building_number from '^[0-9]+'))::int`;

/** What decides the SQL text of the list: the compiled statement is cached per shape. */
interface FilterShape {
  search: 'none' | 'text' | 'cpr';
  status: boolean;
  area: boolean;
  /**
   * Only the actor's pairs and the pairs they cover today (decision 0034): "only mine", and a
   * team member's search by CPR number (a backup sees the CPR numbers the pair sees).
   */
  pairsOnly: boolean;
  /** Only families without a pair yet. */
  noPair: boolean;
}

interface FilterValues {
  municipalityId: string;
  teamId: string;
  userId: string;
  /** Denmark's date: which covers are in force. */
  today: string;
  /** The search as typed: folded and made a pattern by the statement (searchPattern). */
  text?: string;
  cpr?: string;
  status?: string;
  areaId?: string;
}

interface ListShape extends FilterShape {
  sort: ListQuery['sort'];
  dir: ListQuery['dir'];
}

interface ListValues extends FilterValues {
  limit: number;
  offset: number;
  role: string;
  action: string;
  fields: string[];
  purpose: string;
}

type Filters = Omit<ListQuery, 'sort' | 'dir' | 'page' | 'pageSize'>;

/**
 * The request's filters as shape and values. Names, address and reference match as
 * substrings, without regard to case or accents (the household's search_text and the search
 * are folded by one rule, search_fold: "sorensen" finds Sørensen, decision 0021); a CPR number only in full, and only among the families whose CPR numbers the
 * actor may see (the leader: the team's; a team member: their pair's) — else trying the 10,000
 * endings of a birth date would reveal a number the policy hides.
 */
function filterOf(actor: Actor, query: Filters): { shape: FilterShape; values: FilterValues } {
  const cpr = query.q ? normaliseCpr(query.q) : null;
  const search = !query.q ? 'none' : cpr ? 'cpr' : 'text';
  return {
    shape: {
      search,
      status: Boolean(query.status),
      area: Boolean(query.areaId),
      pairsOnly: Boolean(query.mine) || (search === 'cpr' && actor.role !== 'team_leader'),
      noPair: Boolean(query.noPair),
    },
    values: {
      municipalityId: actor.municipalityId,
      teamId: actor.teamId ?? '00000000-0000-0000-0000-000000000000',
      userId: actor.userId,
      today: today(),
      ...(search === 'text' ? { text: query.q! } : {}),
      ...(cpr ? { cpr } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.areaId ? { areaId: query.areaId } : {}),
    },
  };
}

/**
 * The filters of the family list: the access rule (the actor's team) and the user's search
 * and filters. Shared by the list and its count, so the two cannot disagree.
 */
function filtered(db: QueryCreator<Database>, v: FilterValues, shape: FilterShape) {
  return (
    db
      .selectFrom('household as h')
      .where('h.municipality_id', '=', v.municipalityId)
      .where('h.team_id', '=', v.teamId)
      // Outreach's prospects (found, not enrolled) are not in the family register.
      .where(isFamily('h'))
      .$if(shape.search === 'text', (qb) => qb.where('h.search_text', 'like', searchPattern(v.text)))
      .$if(shape.search === 'cpr', (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('person as c')
              .select('c.id')
              .whereRef('c.municipality_id', '=', 'h.municipality_id')
              .whereRef('c.household_id', '=', 'h.id')
              .where('c.cpr', '=', v.cpr!),
          ),
        ),
      )
      .$if(shape.status, (qb) => qb.where('h.status', '=', v.status as 'enrolled' | 'exited'))
      .$if(shape.area, (qb) => qb.where('h.area_id', '=', v.areaId!))
      .$if(shape.pairsOnly, (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('pair_assignment as mp')
              .select('mp.id')
              .whereRef('mp.municipality_id', '=', 'h.municipality_id')
              .whereRef('mp.household_id', '=', 'h.id')
              .where('mp.ended_at', 'is', null)
              .where((m) =>
                m.or([
                  m('mp.first_member_id', '=', v.userId),
                  m('mp.second_member_id', '=', v.userId),
                  // The pairs the actor covers today (decision 0034): in force from the cover's
                  // first day through its last, unless cancelled.
                  m.exists(
                    m
                      .selectFrom('pair_cover as mc')
                      .select('mc.id')
                      .whereRef('mc.municipality_id', '=', 'mp.municipality_id')
                      .where('mc.backup_id', '=', v.userId)
                      .where('mc.cancelled_at', 'is', null)
                      .where('mc.starts_on', '<=', sql<string>`${v.today}::date`)
                      .where('mc.ends_on', '>=', sql<string>`${v.today}::date`)
                      .where((c) =>
                        c.or([
                          c('mc.absent_id', '=', c.ref('mp.first_member_id')),
                          c('mc.absent_id', '=', c.ref('mp.second_member_id')),
                        ]),
                      ),
                  ),
                ]),
              ),
          ),
        ),
      )
      .$if(shape.noPair, (qb) =>
        qb.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('pair_assignment as np')
                .select('np.id')
                .whereRef('np.municipality_id', '=', 'h.municipality_id')
                .whereRef('np.household_id', '=', 'h.id')
                .where('np.ended_at', 'is', null),
            ),
          ),
        ),
      )
  );
}

/**
 * The pair as a sort key: the Danish sort key of the pair's first name in the alphabet, so the
 * list sorts by who the family's pair is; a family without a pair has none and sorts last
 * (ascending).
 */
const pairSortKey = sql<string | null>`(
  select min(danish_sort_key(u.display_name)) collate "C"
  from pair_assignment ps
  join app_user u on u.municipality_id = ps.municipality_id
    and u.id in (ps.first_member_id, ps.second_member_id)
  where ps.municipality_id = h.municipality_id and ps.household_id = h.id and ps.ended_at is null
)`;

/** How a list of families is shown, for its audit records. */
export interface ListShown {
  action: AuditAction;
  fields: string[];
  purpose: string;
}

/**
 * The team's family list in one statement, page first: the `page` CTE filters (the access
 * rule — the actor's team — is part of its `where`), sorts, counts (count(*) over ()) and cuts
 * the page on household alone; only the page's rows are then joined to area, pair and the
 * adults' names. Joining before the limit would build names for every family of the team.
 *
 * The same statement writes the page's audit record (the `shown` CTE): one row naming every
 * family shown (decision 0022), or none when nothing matched. One statement is atomic, so a
 * family is shown exactly when its access is logged, and the list costs one round trip to the
 * database instead of four (begin, list, audit, commit).
 */
const listStatement = compiledOnce((db: Q, v: ListValues, shape: ListShape) => {
  const sortBy = sortColumns[shape.sort];
  return db
    .with('page', (w) =>
      filtered(w, v, shape)
        .select([
          'h.municipality_id',
          'h.id',
          'h.area_id',
          'h.reference',
          'h.street',
          'h.building_number',
          'h.entrance',
          'h.floor',
          'h.door',
          'h.status',
          'h.enrolled_on',
          'h.adult_count',
          'h.child_count',
          'h.updated_at',
          'h.sort_name',
          'h.street_sort',
          sql<number>`h.adult_count + h.child_count`.as('member_count'),
          sql<string>`count(*) over ()`.as('total'),
        ])
        .$if(shape.sort === 'pair', (qb) => qb.select(pairSortKey.as('pair_sort')))
        // Output-column names: member_count is computed above.
        .orderBy(sql.ref(sortBy), shape.dir)
        .$if(shape.sort === 'address', (qb) =>
          qb.orderBy(buildingNumberOrder, shape.dir).orderBy('h.building_number', shape.dir),
        )
        .$if(shape.sort !== 'reference', (qb) => qb.orderBy('h.reference', shape.dir))
        .limit(v.limit)
        .offset(v.offset),
    )
    .with('shown', (w) =>
      w
        .insertInto('audit_event')
        .columns([
          'municipality_id',
          'actor_id',
          'actor_role',
          'action',
          'entity',
          'household_ids',
          'fields',
          'purpose',
        ])
        // One row for the page, also for an empty one: an aggregate without `group by` always
        // yields a row, and `array_agg` of no rows is null — "searched, nothing shown". The ids
        // are stored in reference order, so the audit search names an export's first families
        // by reference from the array's head alone (LISTED_FAMILIES_SHOWN), not from all of it.
        .expression((eb) =>
          eb
            .selectFrom('page')
            .select([
              sql<string>`${v.municipalityId}::uuid`.as('municipality_id'),
              sql<string>`${v.userId}::uuid`.as('actor_id'),
              sql<string>`${v.role}::text`.as('actor_role'),
              sql<string>`${v.action}::text`.as('action'),
              sql<string>`'household'`.as('entity'),
              sql<string[] | null>`array_agg(page.id order by page.reference)`.as('household_ids'),
              sql<string[]>`${v.fields}::text[]`.as('fields'),
              sql<string>`${v.purpose}::text`.as('purpose'),
            ]),
        ),
    )
    .selectFrom('page as h')
    .innerJoin('area as a', (j) => sameTenant(j, 'a.id', 'h.area_id'))
    .leftJoin('pair_assignment as p', (j) =>
      sameTenant(j, 'p.household_id', 'h.id').on('p.ended_at', 'is', null),
    )
    .leftJoin('app_user as u1', (j) => sameTenant(j, 'u1.id', 'p.first_member_id'))
    .leftJoin('app_user as u2', (j) => sameTenant(j, 'u2.id', 'p.second_member_id'))
    .select((eb) => [
      'h.id',
      'h.reference',
      'h.street',
      'h.building_number',
      'h.entrance',
      'h.floor',
      'h.door',
      'h.status',
      'h.enrolled_on',
      'h.adult_count',
      'h.child_count',
      'h.updated_at',
      'h.total',
      'a.name as area_name',
      'u1.id as pair1_id',
      'u1.display_name as pair1_name',
      'u2.id as pair2_id',
      'u2.display_name as pair2_name',
      // Whom the actor covers in this family's pair today, if anyone: the list tags it (0034).
      eb
        .selectFrom('pair_cover as lc')
        .innerJoin('app_user as la', (j) => sameTenant(j, 'la.id', 'lc.absent_id'))
        .select(sql<string>`min(la.display_name)`.as('n'))
        .whereRef('lc.municipality_id', '=', 'h.municipality_id')
        .where('lc.backup_id', '=', v.userId)
        .where('lc.cancelled_at', 'is', null)
        .where('lc.starts_on', '<=', sql<string>`${v.today}::date`)
        .where('lc.ends_on', '>=', sql<string>`${v.today}::date`)
        .where((c) =>
          c.or([
            c('lc.absent_id', '=', c.ref('p.first_member_id')),
            c('lc.absent_id', '=', c.ref('p.second_member_id')),
          ]),
        )
        .as('covered_for'),
      eb
        .selectFrom('person as m')
        .select(
          sql<
            string[]
          >`coalesce(array_agg(m.first_name || ' ' || m.last_name order by m.birth_date), '{}')`.as('names'),
        )
        .whereRef('m.municipality_id', '=', 'h.municipality_id')
        .whereRef('m.household_id', '=', 'h.id')
        .where('m.household_role', '!=', 'child')
        .as('adult_names'),
    ])
    .orderBy(`h.${sortBy}`, shape.dir)
    .$if(shape.sort === 'address', (qb) =>
      qb.orderBy(buildingNumberOrder, shape.dir).orderBy('h.building_number', shape.dir),
    )
    .$if(shape.sort !== 'reference', (qb) => qb.orderBy('h.reference', shape.dir));
});

export async function listFamilies(db: Q, actor: Actor, query: ListQuery, shown: ListShown) {
  const { shape, values } = filterOf(actor, query);
  const statement = listStatement(
    db,
    { ...shape, sort: query.sort, dir: query.dir },
    {
      ...values,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      role: actor.role,
      ...shown,
    },
  );
  return (await db.executeQuery(statement)).rows;
}

/** How many families the list's filters match: for a page past the last, which has no row to carry the total. */
export async function countFamilies(db: Q, actor: Actor, query: Filters): Promise<number> {
  const { shape, values } = filterOf(actor, query);
  const row = await filtered(db, values, shape)
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The person (and family) a CPR number is registered to in the municipality, other than `exceptPersonId`. */
export function findCprHolder(db: Q, municipalityId: string, cpr: string, exceptPersonId: string | null) {
  return db
    .selectFrom('person')
    .select(['id', 'household_id'])
    .where('municipality_id', '=', municipalityId)
    .where('cpr', '=', cpr)
    .$if(exceptPersonId !== null, (q) => q.where('id', '<>', exceptPersonId!))
    .executeTakeFirst();
}

/** How many refusals of this purpose the actor has met since `since` (read from the audit log). */
export async function countRefusals(
  db: Q,
  municipalityId: string,
  actorId: string,
  purpose: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_id', '=', municipalityId)
    .where('actor_id', '=', actorId)
    .where('at', '>=', since)
    .where('action', '=', 'denied')
    .where('purpose', '=', purpose)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends every current pair the account is in, and says which families' pairs ended. */
export function endPairsOfMember(
  db: Transaction<Database>,
  municipalityId: string,
  userId: string,
  now: Date,
) {
  return db
    .updateTable('pair_assignment')
    .set({ ended_at: now })
    .where('municipality_id', '=', municipalityId)
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('first_member_id', '=', userId), eb('second_member_id', '=', userId)]))
    .returning(['id', 'household_id', 'first_member_id', 'second_member_id'])
    .execute();
}

/** Entries of families' histories (who, when, what changed), written with the change itself. */
export function insertChangeRecords(
  db: Transaction<Database>,
  municipalityId: string,
  changedBy: string,
  records: {
    familyId: string;
    entity: string;
    entityId: string;
    action: string;
    changes: ChangeList;
    at?: Date;
  }[],
) {
  return db
    .insertInto('change_record')
    .values(
      records.map((r) => ({
        municipality_id: municipalityId,
        household_id: r.familyId,
        entity: r.entity,
        entity_id: r.entityId,
        action: r.action,
        changes: JSON.stringify(r.changes),
        changed_by: changedBy,
        ...(r.at ? { changed_at: r.at } : {}),
      })),
    )
    .execute();
}

/** Marks families as changed (their version and time), e.g. when their pair ended. */
export function touchHouseholds(
  db: Transaction<Database>,
  municipalityId: string,
  familyIds: string[],
  now: Date,
) {
  return db
    .updateTable('household')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', familyIds)
    .execute();
}

const householdStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; familyId: string }, _shape: Record<string, never>) =>
    db
      .selectFrom('household as h')
      .innerJoin('area as a', (j) => sameTenant(j, 'a.id', 'h.area_id'))
      .innerJoin('team as t', (j) => sameTenant(j, 't.id', 'h.team_id'))
      .leftJoin('pair_assignment as p', (j) =>
        sameTenant(j, 'p.household_id', 'h.id').on('p.ended_at', 'is', null),
      )
      .leftJoin('app_user as u1', (j) => sameTenant(j, 'u1.id', 'p.first_member_id'))
      .leftJoin('app_user as u2', (j) => sameTenant(j, 'u2.id', 'p.second_member_id'))
      .selectAll('h')
      .select([
        'a.name as area_name',
        't.name as team_name',
        'u1.id as pair1_id',
        'u1.display_name as pair1_name',
        'u2.id as pair2_id',
        'u2.display_name as pair2_name',
      ])
      .where('h.municipality_id', '=', v.municipalityId)
      .where('h.id', '=', v.familyId),
);

export async function findHousehold(db: Q, municipalityId: string, familyId: string) {
  return (await db.executeQuery(householdStatement(db, {}, { municipalityId, familyId }))).rows[0];
}

const membersStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; familyId: string }, _shape: Record<string, never>) =>
    db
      .selectFrom('person')
      .selectAll()
      .where('municipality_id', '=', v.municipalityId)
      .where('household_id', '=', v.familyId)
      .orderBy('birth_date')
      .orderBy('id'),
);

export async function findMembers(db: Q, municipalityId: string, familyId: string) {
  return (await db.executeQuery(membersStatement(db, {}, { municipalityId, familyId }))).rows;
}

const consentsStatement = compiledOnce(
  (db: Q, v: { municipalityId: string; familyId: string }, _shape: Record<string, never>) =>
    db
      .selectFrom('consent as c')
      .leftJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'c.recorded_by'))
      .select([
        'c.id',
        'c.purpose',
        'c.scope',
        'c.given_on',
        'c.withdrawn_on',
        'c.person_id',
        'c.given_how',
        'c.language',
        'c.interpreter',
        'u.id as recorder_id',
        'u.display_name as recorder_name',
      ])
      .where('c.municipality_id', '=', v.municipalityId)
      .where('c.household_id', '=', v.familyId)
      .orderBy('c.given_on', 'desc')
      .orderBy('c.id'),
);

export async function findConsents(db: Q, municipalityId: string, familyId: string) {
  return (await db.executeQuery(consentsStatement(db, {}, { municipalityId, familyId }))).rows;
}

/**
 * The family's consent in force (not withdrawn) for a purpose, if any: at most one, by the rule
 * of decision 0019 (the partial unique index consent_in_force keeps it so).
 */
export function findConsentInForce(db: Q, municipalityId: string, familyId: string, purpose: string) {
  return familyRows(db, 'consent', municipalityId, familyId)
    .select('id')
    .where('purpose', '=', purpose)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst();
}

export function findHistory(db: Q, municipalityId: string, familyId: string, page: number, pageSize: number) {
  return db
    .selectFrom('change_record as c')
    .leftJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'c.changed_by'))
    .select([
      'c.id',
      'c.changed_at',
      'c.action',
      'c.entity',
      'c.entity_id',
      'c.changes',
      'u.id as actor_id',
      'u.display_name as actor_name',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .where('c.municipality_id', '=', municipalityId)
    .where('c.household_id', '=', familyId)
    .orderBy('c.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

/** The team members of one team among the given ids: both of a pair must be team members of the family's team. */
export function findTeamStaff(db: Q, municipalityId: string, teamId: string, ids: string[]) {
  return pairStaffAmong(db, municipalityId, teamId, ids).execute();
}

/** Next case reference ("F-0001") of a municipality; the advisory lock serialises creators. */
export async function nextReference(db: Transaction<Database>, municipalityId: string): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext(${`household:${municipalityId}`}))`.execute(db);
  const row = await db
    .selectFrom('household')
    .select(sql<number>`coalesce(max(substring(reference from 3)::int), 0) + 1`.as('next'))
    .where('municipality_id', '=', municipalityId)
    .where('reference', '~', '^F-[0-9]+$')
    .executeTakeFirstOrThrow();
  return `F-${String(row.next).padStart(4, '0')}`;
}

/**
 * Recomputes the household's list columns from its members and address, in the writer's
 * transaction: the search text folded (search_fold) and the Danish sort keys of the first adult
 * by surname and of the street (danish_sort_key; decision 0021). `familyId` null: every household
 * of the municipality at once (the demo and benchmark seed) — by the same rules, in one query.
 * The left join gives a family without members its zero counts and empty sort name.
 * `{ importJobId }`: the households of a register import's job only (decision 0051). The names go
 * into the search text in the order the members were added: without an order two writes of the
 * same household (the import's and the family page's) could differ.
 */
export async function refreshHouseholdSummary(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string | null | { importJobId: string },
) {
  const only =
    familyId === null
      ? sql``
      : typeof familyId === 'string'
        ? sql` and f.id = ${familyId}`
        : sql` and f.id in (select household_id from import_row where municipality_id = ${municipalityId}
            and job_id = ${familyId.importJobId})`;
  await sql`
    update household h set
      adult_count = s.adult_count,
      child_count = s.child_count,
      sort_name = s.sort_name,
      street_sort = danish_sort_key(h.street),
      search_text = ${householdSummary.searchText(sql`h.reference`, sql`h.street`, sql`h.building_number`, sql`s.names`)}
    from (
      select f.id, ${householdSummary.members}
      from household f
      left join person p on p.municipality_id = f.municipality_id and p.household_id = f.id
      where f.municipality_id = ${municipalityId}${only}
      group by f.id
    ) s
    where h.municipality_id = ${municipalityId} and h.id = s.id
  `.execute(db);
}

/**
 * The list columns' one definition, for refreshHouseholdSummary and for the import's new
 * households, written with them in one insert (decision 0057): two writers must not drift.
 * `members`: the aggregates over a household's members `p` (household_role, first_name,
 * last_name, created_at, id) — adult_count, child_count, sort_name, names. `searchText`: from
 * the household's reference, street, number and those names.
 */
export const householdSummary = {
  members: sql`
    count(p.id) filter (where p.household_role <> 'child') as adult_count,
    count(p.id) filter (where p.household_role = 'child') as child_count,
    coalesce(min(danish_sort_key(p.last_name || ' ' || p.first_name) collate "C")
      filter (where p.household_role <> 'child'), '') as sort_name,
    string_agg(p.first_name || ' ' || p.last_name, ' ' order by p.created_at, p.id) as names`,
  searchText: (
    reference: RawBuilder<unknown>,
    street: RawBuilder<unknown>,
    number: RawBuilder<unknown>,
    names: RawBuilder<unknown>,
  ) => sql<string>`search_fold(concat_ws(' ', ${reference}, ${street} || ' ' || ${number}, ${names}))`,
};

/** The data check's pages of families, by id (families.check.ts): what the rules look at. */
const familyToCheckColumns = [
  'id',
  'reference',
  'area_id',
  'street',
  'building_number',
  'entrance',
  'floor',
  'door',
  'postal_code',
  'status',
  'enrolled_on',
  'exited_on',
] as const;

// A prospect is outreach's record, not yet a family: the import's own checks are its rules.
export function findFamiliesToCheck(db: Q, municipalityId: string, afterId: string | null, limit: number) {
  return db
    .selectFrom('household')
    .select(familyToCheckColumns)
    .where('municipality_id', '=', municipalityId)
    .where(isFamily('household'))
    .$if(afterId !== null, (qb) => qb.where('id', '>', afterId!))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One family as the data check reads it: checked after every write to it (families.check.ts). */
export function findFamilyToCheck(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('household')
    .select(familyToCheckColumns)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .executeTakeFirst();
}

/** The members of a page of families, in each family's order (oldest first), in one query. */
export function findMembersOfFamilies(db: Q, municipalityId: string, familyIds: string[]) {
  return db
    .selectFrom('person')
    .select([
      'household_id',
      'first_name',
      'last_name',
      'cpr',
      'birth_date',
      'household_role',
      'country_of_origin',
      'languages',
      'interpreter_needed',
    ])
    .where('municipality_id', '=', municipalityId)
    .where('household_id', 'in', familyIds)
    .orderBy('household_id')
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/** The consents of a page of families, in one query. */
export function findConsentsOfFamilies(db: Q, municipalityId: string, familyIds: string[]) {
  return db
    .selectFrom('consent')
    .select(['household_id', 'purpose', 'scope', 'given_on', 'withdrawn_on', 'person_id'])
    .where('municipality_id', '=', municipalityId)
    .where('household_id', 'in', familyIds)
    .orderBy('household_id')
    .orderBy('given_on')
    .orderBy('id')
    .execute();
}

/**
 * Enrols a family: its household row, in the enrolment's transaction. The list columns
 * (search_text, sort_name, the counts) are written by refreshHouseholdSummary once the members are in.
 */
export function insertHousehold(db: Transaction<Database>, household: InsertObject<Database, 'household'>) {
  return db.insertInto('household').values(household).returning('id').executeTakeFirstOrThrow();
}

/**
 * The family's household row, locked for the edit's transaction: the version is checked against
 * it and the history's "from" values are read from it, so no other writer may change it between.
 */
export function findHouseholdForUpdate(db: Transaction<Database>, municipalityId: string, familyId: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Writes an edit's changed address, status or date columns (the caller records the change). */
export function updateHousehold(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  columns: UpdateObject<Database, 'household'>,
) {
  return db
    .updateTable('household')
    .set(columns)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .execute();
}

/**
 * Marks one family as changed: a new version (the next edit's conflict check) and time. Called
 * after every change to the family or its members; touchHouseholds does it for many families at once.
 */
export function bumpHouseholdVersion(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  at: Date,
) {
  return db
    .updateTable('household')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', familyId)
    .execute();
}

/**
 * Ends the family's current pair, if it has one, and says who it was (for the history's "from").
 * At most one pair is current: the pair's assignment runs with the family's row locked.
 */
export function endPairOfFamily(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  now: Date,
) {
  return db
    .updateTable('pair_assignment')
    .set({ ended_at: now })
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', familyId)
    .where('ended_at', 'is', null)
    .returning(['first_member_id', 'second_member_id'])
    .executeTakeFirst();
}

/** The family's new current pair, assigned by `assignedBy` (after endPairOfFamily ended the old one). */
export function insertPair(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  memberIds: [string, string],
  assignedBy: string,
) {
  return db
    .insertInto('pair_assignment')
    .values({
      municipality_id: municipalityId,
      household_id: familyId,
      first_member_id: memberIds[0],
      second_member_id: memberIds[1],
      assigned_by: assignedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * A broken glass: the user's access to the family until `expiresAt`, with the reason they gave;
 * `requestId` when a leader granted a request past the daily limit (decision 0024).
 */
export function insertBreakGlassGrant(
  db: Transaction<Database>,
  grant: {
    municipalityId: string;
    userId: string;
    familyId: string;
    reason: string;
    expiresAt: Date;
    requestId?: string;
  },
) {
  return db
    .insertInto('break_glass_grant')
    .values({
      municipality_id: grant.municipalityId,
      user_id: grant.userId,
      household_id: grant.familyId,
      reason: grant.reason,
      expires_at: grant.expiresAt,
      request_id: grant.requestId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Whether the person is a member of this family: a consent may name only the family's own. */
export function findFamilyMember(db: Q, municipalityId: string, familyId: string, personId: string) {
  return memberOf(db, municipalityId, familyId, personId).select('id').executeTakeFirst();
}

/**
 * One member, found by the family as well as the id: a member's id from the URL is only taken
 * together with the family the route's access check was made for.
 */
function memberOf(db: Q, municipalityId: string, familyId: string, memberId: string) {
  return familyRows(db, 'person', municipalityId, familyId).where('id', '=', memberId);
}

/** A member of the family, locked for the edit's transaction (version check and history's "from"). */
export function findMemberForUpdate(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  memberId: string,
) {
  return memberOf(db, municipalityId, familyId, memberId).selectAll().forUpdate().executeTakeFirst();
}

/** Adds a person to a family (the caller records it in the history). */
export function insertPerson(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  m: MemberValues,
) {
  return db
    .insertInto('person')
    .values({
      municipality_id: municipalityId,
      household_id: familyId,
      first_name: m.firstName,
      last_name: m.lastName,
      cpr: m.cpr ?? null,
      birth_date: m.birthDate,
      household_role: m.role,
      country_of_origin: m.countryOfOrigin ?? null,
      languages: m.languages,
      interpreter_needed: m.interpreterNeeded,
      phone: m.phone ?? null,
      email: m.email ?? null,
      preferred_contact: m.preferredContact ?? null,
      contact_language: m.contactLanguage ?? null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Writes an edit's changed member columns, with the member's new version and time. */
export function updateMember(
  db: Transaction<Database>,
  municipalityId: string,
  memberId: string,
  columns: UpdateObject<Database, 'person'>,
  now: Date,
) {
  return db
    .updateTable('person')
    .set((eb) => ({ ...columns, updated_at: now, version: eb('version', '+', 1) }))
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', memberId)
    .execute();
}

/** A member's full CPR number, for the audited reveal. */
export function findMemberCpr(db: Q, municipalityId: string, familyId: string, memberId: string) {
  return memberOf(db, municipalityId, familyId, memberId).select('cpr').executeTakeFirst();
}

/** Records a consent the family gave for a purpose (the index consent_in_force refuses a second in force). */
export function insertConsent(
  db: Transaction<Database>,
  consent: {
    municipalityId: string;
    familyId: string;
    personId: string | null;
    purpose: string;
    scope: string | null;
    givenOn: string;
    recordedBy: string;
    givenHow?: 'signed' | 'oral' | 'digital' | null;
    language?: string | null;
    interpreter?: boolean;
  },
) {
  return db
    .insertInto('consent')
    .values({
      municipality_id: consent.municipalityId,
      household_id: consent.familyId,
      person_id: consent.personId,
      purpose: consent.purpose,
      scope: consent.scope,
      given_on: consent.givenOn,
      recorded_by: consent.recordedBy,
      given_how: consent.givenHow ?? null,
      language: consent.language ?? null,
      interpreter: consent.interpreter ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** One of the family's consents, locked: of two withdrawals at once, the second sees the first's date. */
export function findConsentForUpdate(
  db: Transaction<Database>,
  municipalityId: string,
  familyId: string,
  consentId: string,
) {
  return familyRows(db, 'consent', municipalityId, familyId)
    .select(['given_on', 'withdrawn_on'])
    .where('id', '=', consentId)
    .forUpdate()
    .executeTakeFirst();
}

/** Records the day a consent was withdrawn. */
export function withdrawConsent(
  db: Transaction<Database>,
  municipalityId: string,
  consentId: string,
  withdrawnOn: string,
) {
  return db
    .updateTable('consent')
    .set({ withdrawn_on: withdrawnOn })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', consentId)
    .execute();
}

/**
 * The SQL snapshot of this module (families.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./families.queries')> = {
  listFamilies: [
    {
      variant: 'no filter, default sort',
      run: (db) =>
        listFamilies(
          db,
          sample.actor('team_member'),
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
        listFamilies(
          db,
          sample.actor('team_member'),
          {
            q: 'odeh',
            sort: 'memberCount',
            dir: 'desc',
            status: 'enrolled',
            areaId: sample.AREA,
            mine: true,
            page: 2,
            pageSize: 25,
          },
          { action: 'list', fields: ['reference'], purpose: 'case_work' },
        ),
    },
    {
      variant: "the leader's families without a pair, sorted by pair",
      run: (db) =>
        listFamilies(
          db,
          sample.actor('team_leader'),
          { sort: 'pair', dir: 'asc', noPair: true, page: 1, pageSize: 25 },
          { action: 'list', fields: ['reference'], purpose: 'case_work' },
        ),
    },
  ],
  countFamilies: [
    {
      variant: 'past the last page: the filters alone',
      run: (db) => countFamilies(db, sample.actor('team_member'), { q: 'odeh', status: 'enrolled' }),
    },
  ],
  findHousehold: [{ run: (db) => findHousehold(db, sample.MUNICIPALITY, sample.FAMILY) }],
  findCprHolder: [
    { variant: 'new', run: (db) => findCprHolder(db, sample.MUNICIPALITY, '010203-1234', null) },
    { variant: 'change', run: (db) => findCprHolder(db, sample.MUNICIPALITY, '010203-1234', sample.USER) },
  ],
  countRefusals: [
    { run: (db) => countRefusals(db, sample.MUNICIPALITY, sample.USER, 'cpr_taken', sample.NOW) },
  ],
  endPairsOfMember: [
    {
      run: sample.inTransaction((trx) => endPairsOfMember(trx, sample.MUNICIPALITY, sample.USER, sample.NOW)),
    },
  ],
  touchHouseholds: [
    {
      run: sample.inTransaction((trx) =>
        touchHouseholds(trx, sample.MUNICIPALITY, [sample.FAMILY], sample.NOW),
      ),
    },
  ],
  findFamiliesToCheck: [
    { variant: 'first page', run: (db) => findFamiliesToCheck(db, sample.MUNICIPALITY, null, 500) },
    { variant: 'next page', run: (db) => findFamiliesToCheck(db, sample.MUNICIPALITY, sample.FAMILY, 500) },
  ],
  findFamilyToCheck: [{ run: (db) => findFamilyToCheck(db, sample.MUNICIPALITY, sample.FAMILY) }],
  findMembersOfFamilies: [{ run: (db) => findMembersOfFamilies(db, sample.MUNICIPALITY, [sample.FAMILY]) }],
  findConsentsOfFamilies: [{ run: (db) => findConsentsOfFamilies(db, sample.MUNICIPALITY, [sample.FAMILY]) }],
  insertChangeRecords: [
    {
      run: sample.inTransaction((trx) =>
        insertChangeRecords(trx, sample.MUNICIPALITY, sample.USER, [
          {
            familyId: sample.FAMILY,
            entity: 'pair',
            entityId: sample.FAMILY,
            action: 'end_pair',
            changes: [],
            at: sample.NOW,
          },
        ]),
      ),
    },
  ],
  findMembers: [{ run: (db) => findMembers(db, sample.MUNICIPALITY, sample.FAMILY) }],
  findConsents: [{ run: (db) => findConsents(db, sample.MUNICIPALITY, sample.FAMILY) }],
  findConsentInForce: [
    { run: (db) => findConsentInForce(db, sample.MUNICIPALITY, sample.FAMILY, 'cross_department_sharing') },
  ],
  findHistory: [{ run: (db) => findHistory(db, sample.MUNICIPALITY, sample.FAMILY, 1, 50) }],
  findTeamStaff: [
    { run: (db) => findTeamStaff(db, sample.MUNICIPALITY, sample.TEAM, [sample.USER, sample.COLLEAGUE]) },
  ],
  nextReference: [{ run: sample.inTransaction((trx) => nextReference(trx, sample.MUNICIPALITY)) }],
  refreshHouseholdSummary: [
    {
      variant: 'one family',
      run: sample.inTransaction((trx) => refreshHouseholdSummary(trx, sample.MUNICIPALITY, sample.FAMILY)),
    },
    {
      variant: 'every family of the municipality',
      run: sample.inTransaction((trx) => refreshHouseholdSummary(trx, sample.MUNICIPALITY, null)),
    },
    {
      variant: "a register import's households",
      run: sample.inTransaction((trx) =>
        refreshHouseholdSummary(trx, sample.MUNICIPALITY, { importJobId: sample.FAMILY }),
      ),
    },
  ],
  insertHousehold: [
    {
      run: sample.inTransaction((trx) =>
        insertHousehold(trx, {
          municipality_id: sample.MUNICIPALITY,
          team_id: sample.TEAM,
          area_id: sample.AREA,
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
          updated_at: sample.NOW,
        }),
      ),
    },
  ],
  findHouseholdForUpdate: [
    { run: sample.inTransaction((trx) => findHouseholdForUpdate(trx, sample.MUNICIPALITY, sample.FAMILY)) },
  ],
  updateHousehold: [
    {
      variant: 'address',
      run: sample.inTransaction((trx) =>
        updateHousehold(trx, sample.MUNICIPALITY, sample.FAMILY, {
          street: 'Bispehavevej',
          building_number: '9',
        }),
      ),
    },
  ],
  bumpHouseholdVersion: [
    {
      run: sample.inTransaction((trx) =>
        bumpHouseholdVersion(trx, sample.MUNICIPALITY, sample.FAMILY, sample.NOW),
      ),
    },
  ],
  endPairOfFamily: [
    {
      run: sample.inTransaction((trx) =>
        endPairOfFamily(trx, sample.MUNICIPALITY, sample.FAMILY, sample.NOW),
      ),
    },
  ],
  insertPair: [
    {
      run: sample.inTransaction((trx) =>
        insertPair(trx, sample.MUNICIPALITY, sample.FAMILY, [sample.USER, sample.COLLEAGUE], sample.USER),
      ),
    },
  ],
  insertBreakGlassGrant: [
    {
      run: sample.inTransaction((trx) =>
        insertBreakGlassGrant(trx, {
          municipalityId: sample.MUNICIPALITY,
          userId: sample.USER,
          familyId: sample.FAMILY,
          reason: 'Urgent',
          expiresAt: sample.NOW,
        }),
      ),
    },
  ],
  findFamilyMember: [
    { run: (db) => findFamilyMember(db, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE) },
  ],
  findMemberForUpdate: [
    {
      run: sample.inTransaction((trx) =>
        findMemberForUpdate(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE),
      ),
    },
  ],
  insertPerson: [
    {
      run: sample.inTransaction((trx) =>
        insertPerson(trx, sample.MUNICIPALITY, sample.FAMILY, {
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
      run: sample.inTransaction((trx) =>
        updateMember(trx, sample.MUNICIPALITY, sample.COLLEAGUE, { first_name: 'Amal' }, sample.NOW),
      ),
    },
  ],
  findMemberCpr: [{ run: (db) => findMemberCpr(db, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE) }],
  insertConsent: [
    {
      run: sample.inTransaction((trx) =>
        insertConsent(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          personId: null,
          purpose: 'cross_department_sharing',
          scope: null,
          givenOn: '2026-11-25',
          recordedBy: sample.USER,
        }),
      ),
    },
  ],
  findConsentForUpdate: [
    {
      run: sample.inTransaction((trx) =>
        findConsentForUpdate(trx, sample.MUNICIPALITY, sample.FAMILY, sample.COLLEAGUE),
      ),
    },
  ],
  withdrawConsent: [
    {
      run: sample.inTransaction((trx) =>
        withdrawConsent(trx, sample.MUNICIPALITY, sample.COLLEAGUE, '2026-11-25'),
      ),
    },
  ],
};
