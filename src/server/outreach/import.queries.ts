import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Database, ImportJobState } from '../../db/schema';
import { householdSummary } from '../families/families.queries';
import {
  AREA,
  COLLEAGUE,
  inTransaction,
  MUNICIPALITY,
  type SnapshotCases,
  TEAM,
  USER,
} from '../snapshot-samples';
import type { CheckedRow } from './import.row';

/*
 * The register import's SQL (decision 0041). Rows go into import_row in batches as the file
 * streams in; matching, the preview's counts and the commit are set-based statements over the
 * job's rows — never a query per row — so 100,000 households take a handful of statements.
 */

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export function insertJob(
  db: Q,
  j: {
    municipalityId: string;
    areaId: string;
    teamId: string;
    userId: string;
    fileName: string;
    bytesTotal: number | null;
  },
) {
  return db
    .insertInto('import_job')
    .values({
      municipality_id: j.municipalityId,
      area_id: j.areaId,
      team_id: j.teamId,
      created_by: j.userId,
      file_name: j.fileName,
      bytes_total: j.bytesTotal,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const jobColumns = [
  'id',
  'area_id',
  'team_id',
  'created_by',
  'file_name',
  'state',
  'format',
  'bytes_total',
  'bytes_read',
  'row_count',
  'error_row_count',
  'household_count',
  'create_count',
  'update_count',
  'unsure_count',
  'committed_count',
  'extra_columns',
  'missing_columns',
  'failure',
  'created_at',
] as const;

export function findJob(db: Q, municipalityId: string, jobId: string) {
  return db
    .selectFrom('import_job')
    .select(jobColumns)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', jobId)
    .executeTakeFirst();
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

/**
 * The team's recent jobs, newest first, with who started each: the job's own columns only, never
 * its rows, so the list carries no household's data.
 */
export function listJobs(
  db: Q,
  municipalityId: string,
  teamId: string,
  page: { limit: number; offset: number },
) {
  return db
    .selectFrom('import_job as j')
    .innerJoin('app_user as u', (join) =>
      join.onRef('u.municipality_id', '=', 'j.municipality_id').onRef('u.id', '=', 'j.created_by'),
    )
    .select([
      'j.id',
      'j.area_id',
      'j.file_name',
      'j.state',
      'j.row_count',
      'j.error_row_count',
      'j.household_count',
      'j.create_count',
      'j.update_count',
      'j.unsure_count',
      'j.committed_count',
      'j.created_at',
      'j.finished_at',
      'u.display_name as created_by_name',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .where('j.municipality_id', '=', municipalityId)
    .where('j.team_id', '=', teamId)
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * The municipality's imports locked until the transaction ends: two commits of one municipality
 * go one after the other, so the second matches against the people the first saved (decision
 * 0060); commits of different municipalities never wait for each other.
 */
export function lockMunicipalityImports(trx: Trx, municipalityId: string) {
  return sql`select pg_advisory_xact_lock(hashtext(${`import_commit:${municipalityId}`}))`.execute(trx);
}

/** The job's row locked: one commit at a time. */
export function lockJob(trx: Trx, municipalityId: string, jobId: string) {
  return trx
    .selectFrom('import_job')
    .select(jobColumns)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
}

export function updateJob(
  db: Q,
  municipalityId: string,
  jobId: string,
  set: Partial<{
    state: ImportJobState;
    format: string | null;
    bytes_read: number;
    row_count: number;
    committed_count: number;
    extra_columns: string[];
    missing_columns: string[];
    failure: string | null;
    finished: boolean;
  }>,
) {
  const { finished, ...columns } = set;
  return db
    .updateTable('import_job')
    .set({ ...columns, ...(finished ? { finished_at: sql<Date>`now()` } : {}) })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', jobId)
    .execute();
}

/**
 * One batch of checked rows in one statement whose only value is the batch as JSON: one text
 * (not 19 parameters a row) to compile, send and bind, and one statement text for every batch
 * size, prepared once (decision 0010). About twice as fast as a multi-row VALUES.
 */
export function insertRows(db: Q, municipalityId: string, jobId: string, rows: CheckedRow[]) {
  const batch = rows.map((r) => [
    r.line,
    r.householdKey,
    r.street,
    r.number,
    r.entrance,
    r.floor,
    r.floorLabel,
    r.door,
    r.postalCode,
    r.cpr,
    r.firstName,
    r.lastName,
    r.birthDate,
    r.role,
    r.unemployedMonths,
    r.livesAtHome,
    r.errors.length > 0 ? r.errors : null,
  ]);
  // Arrays, not objects: the keys would be most of the text. A JSON null in errors is SQL null.
  return sql`
    insert into import_row (municipality_id, job_id, line, household_key, street, number, entrance, floor,
      floor_label, door, postal_code, cpr, first_name, last_name, birth_date, role, unemployed_months,
      lives_at_home, errors)
    select ${municipalityId}::uuid, ${jobId}::uuid, (r->>0)::int, r->>1, r->>2, r->>3, r->>4, (r->>5)::smallint,
      r->>6, r->>7, r->>8, r->>9, r->>10, r->>11, (r->>12)::date, r->>13, (r->>14)::numeric,
      (r->>15)::boolean, nullif(r->16, 'null'::jsonb)
    from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) r
  `.execute(db);
}

/** A failed upload's rows go; the job stays, failed, to say why. */
export function deleteRows(db: Q, municipalityId: string, jobId: string) {
  return db
    .deleteFrom('import_row')
    .where('municipality_id', '=', municipalityId)
    .where('job_id', '=', jobId)
    .execute();
}

/**
 * Finds each row's person and household in the register: by CPR; else by first name, last name,
 * birth date and street and number (an "unsure" match, shown to the user); then every row of a
 * household takes the household a row of it matched. A duplicate CPR in the file is a row error.
 */
export async function matchRows(trx: Trx, municipalityId: string, jobId: string) {
  await sql`
    update import_row set match = null, person_id = null, household_id = null
    where municipality_id = ${municipalityId} and job_id = ${jobId} and (match is not null or household_id is not null)
  `.execute(trx);
  await sql`
    update import_row r set errors = coalesce(r.errors, '[]'::jsonb) || '[{"column":"cpr","code":"duplicateInFile"}]'::jsonb
    from (
      select line, row_number() over (partition by cpr order by line) as nth from import_row
      where municipality_id = ${municipalityId} and job_id = ${jobId} and cpr is not null
    ) d
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.line = d.line and d.nth > 1
      and not coalesce(r.errors @> '[{"code":"duplicateInFile"}]'::jsonb, false)
  `.execute(trx);
  await sql`
    update import_row r set match = 'cpr', person_id = p.id, household_id = p.household_id
    from person p
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.cpr is not null
      and p.municipality_id = r.municipality_id and p.cpr = r.cpr
  `.execute(trx);
  await sql`
    update import_row r set match = 'name_address', person_id = m.person_id, household_id = m.household_id
    from (
      select distinct on (r2.line) r2.line, p.id as person_id, p.household_id
      from import_row r2
      join person p on p.municipality_id = r2.municipality_id and p.birth_date = r2.birth_date
        and lower(p.last_name) = lower(r2.last_name) and lower(p.first_name) = lower(r2.first_name)
        and (p.cpr is null or r2.cpr is null)
      join household h on h.municipality_id = p.municipality_id and h.id = p.household_id
        and lower(h.street) = lower(r2.street) and lower(h.building_number) = lower(r2.number)
      where r2.municipality_id = ${municipalityId} and r2.job_id = ${jobId} and r2.match is null
      order by r2.line, p.id
    ) m
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.line = m.line
  `.execute(trx);
  await sql`
    update import_row r set household_id = g.household_id
    from (
      select line, household_id is null as open, first_value(household_id)
        over (partition by household_key order by household_id is null, line) as household_id
      from import_row where municipality_id = ${municipalityId} and job_id = ${jobId}
    ) g
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.line = g.line
      and g.open and g.household_id is not null
  `.execute(trx);
}

/**
 * Fresh statistics of the rows just read: without them the planner takes the job's thousands of
 * rows for a handful and joins them row by row (a 3,500-row job's matching took a minute).
 */
export function analyzeRows(db: Q) {
  return sql`analyze import_row`.execute(db);
}

/**
 * Fresh statistics of the places the commit just added: taken for the few there were, the
 * planner looked up each new household's apartment by scanning them all (time growing with the
 * square of the households).
 */
export function analyzePlaces(trx: Trx) {
  return sql`analyze staircase, apartment`.execute(trx);
}

/** The preview's counts, written on the job. */
export function countPreview(trx: Trx, municipalityId: string, jobId: string) {
  return sql`
    update import_job j set
      row_count = c.rows, error_row_count = c.errors, household_count = c.households,
      update_count = c.updates, create_count = c.households - c.updates, unsure_count = c.unsure
    from (
      select count(*)::int as rows,
        count(*) filter (where errors is not null)::int as errors,
        count(distinct household_key)::int as households,
        count(distinct household_key) filter (where household_id is not null)::int as updates,
        count(distinct household_key) filter (where match = 'name_address')::int as unsure
      from import_row where municipality_id = ${municipalityId} and job_id = ${jobId}
    ) c
    where j.municipality_id = ${municipalityId} and j.id = ${jobId}
  `.execute(trx);
}

/** A row the preview's "only problems" shows: one with errors or an unsure match. */
const isProblem = (eb: ExpressionBuilder<Database, 'import_row'>) =>
  eb.or([eb('errors', 'is not', null), eb('match', '=', 'name_address')]);

/** The rows a preview page is cut from; past the last page, where no row carries its total. */
export function countPreviewRows(db: Q, municipalityId: string, jobId: string, problemsOnly: boolean) {
  return db
    .selectFrom('import_row')
    .select(sql<string>`count(*)`.as('total'))
    .where('municipality_id', '=', municipalityId)
    .where('job_id', '=', jobId)
    .$if(problemsOnly, (qb) => qb.where(isProblem))
    .executeTakeFirstOrThrow();
}

/** A page of the preview: every row, or only those with errors or an unsure match. */
export function previewRows(
  db: Q,
  municipalityId: string,
  jobId: string,
  o: { problemsOnly: boolean; limit: number; offset: number },
) {
  return db
    .selectFrom('import_row')
    .select([
      'line',
      'household_key',
      'first_name',
      'last_name',
      'cpr',
      'birth_date',
      'street',
      'number',
      'entrance',
      'floor_label',
      'door',
      'role',
      'errors',
      'match',
      'household_id',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('job_id', '=', jobId)
    .$if(o.problemsOnly, (qb) => qb.where(isProblem))
    .orderBy('line')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
}

/**
 * The places the job's addresses need: a building per new address (named after it), its
 * staircase, and each apartment (floor, door) — addresses already known keep theirs.
 */
export async function ensurePlaces(trx: Trx, municipalityId: string, jobId: string, areaId: string) {
  await sql`
    insert into building (municipality_id, area_id, name)
    select distinct ${municipalityId}::uuid, ${areaId}::uuid, r.street || ' ' || r.number
    from import_row r
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId}
      and not exists (
        select 1 from staircase s where s.municipality_id = r.municipality_id
          and lower(s.street) = lower(r.street) and lower(s.number) = lower(r.number) and lower(s.entrance) = lower(r.entrance))
    on conflict (municipality_id, area_id, lower(name)) do nothing
  `.execute(trx);
  await sql`
    insert into staircase (municipality_id, building_id, street, number, entrance, postal_code)
    select distinct on (lower(r.street), lower(r.number), lower(r.entrance))
      ${municipalityId}::uuid, b.id, r.street, r.number, r.entrance, r.postal_code
    from import_row r
    join building b on b.municipality_id = r.municipality_id and b.area_id = ${areaId}
      and lower(b.name) = lower(r.street || ' ' || r.number)
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId}
    order by lower(r.street), lower(r.number), lower(r.entrance), r.line
    on conflict (municipality_id, lower(street), lower(number), lower(entrance)) do nothing
  `.execute(trx);
  await sql`
    insert into apartment (municipality_id, staircase_id, floor, door)
    select distinct ${municipalityId}::uuid, s.id, r.floor, r.door
    from import_row r
    join staircase s on s.municipality_id = r.municipality_id and lower(s.street) = lower(r.street)
      and lower(s.number) = lower(r.number) and lower(s.entrance) = lower(r.entrance)
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.floor is not null
    on conflict (municipality_id, staircase_id, floor, lower(door)) do nothing
  `.execute(trx);
}

/** The apartment `a` of a staged row `r`'s address, through its staircase `s` (either may be missing). */
const apartmentOfRow = sql`left join staircase s on s.municipality_id = r.municipality_id
    and lower(s.street) = lower(r.street) and lower(s.number) = lower(r.number) and lower(s.entrance) = lower(r.entrance)
  left join apartment a on a.municipality_id = s.municipality_id and a.staircase_id = s.id
    and a.floor = r.floor and lower(a.door) = lower(r.door)`;

/**
 * The first matched row of each known household with the apartment of its address, joined once
 * (set-based): a lookup per row, planned before the new places have statistics, scanned the
 * apartments once per row and made the commit grow with the square of the households.
 */
const firstMatchedRowWithApartment = (municipalityId: string, jobId: string) => sql`(
  select r.*, a.id as apartment_id
  from (
    select distinct on (household_id) * from import_row
    where municipality_id = ${municipalityId} and job_id = ${jobId} and match is not null
    order by household_id, line
  ) r
  ${apartmentOfRow}
)`;

/**
 * The known households moved to the register's address (their status, enrolment and history stay
 * as they are); the new ones are written whole by insertNewHouseholds.
 */
export async function updateMatchedHouseholds(trx: Trx, municipalityId: string, jobId: string) {
  const updated = await sql<{ id: string }>`
    update household h set street = r.street, building_number = r.number, entrance = nullif(r.entrance, ''),
      floor = r.floor_label, door = nullif(r.door, ''), postal_code = coalesce(r.postal_code, h.postal_code),
      apartment_id = coalesce(r.apartment_id, h.apartment_id), version = h.version + 1, updated_at = now()
    from ${firstMatchedRowWithApartment(municipalityId, jobId)} r
    where h.municipality_id = ${municipalityId} and h.id = r.household_id
    returning h.id
  `.execute(trx);
  return updated.rows.length;
}

/**
 * The people of the known households: matched ones updated from the register, the rest added to
 * their household (the new households' people come with them, insertNewHouseholds).
 */
export async function writeMatchedPersons(trx: Trx, municipalityId: string, jobId: string) {
  await sql`
    update person p set first_name = r.first_name, last_name = r.last_name, cpr = coalesce(p.cpr, r.cpr),
      birth_date = coalesce(r.birth_date, p.birth_date), household_id = r.household_id,
      household_role = coalesce(r.role, p.household_role),
      unemployed_months = r.unemployed_months, lives_at_home = r.lives_at_home,
      version = p.version + 1, updated_at = now()
    from import_row r
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.person_id is not null
      and p.municipality_id = r.municipality_id and p.id = r.person_id
  `.execute(trx);
  await sql`
    insert into person (municipality_id, household_id, first_name, last_name, cpr, birth_date, household_role,
      unemployed_months, lives_at_home)
    select r.municipality_id, r.household_id, r.first_name, r.last_name, r.cpr, r.birth_date,
      coalesce(r.role, 'parent'), r.unemployed_months, r.lives_at_home
    from import_row r
    where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.person_id is null
      and r.household_id is not null
    order by r.line
  `.execute(trx);
}

/** The job's households, distinct: the commit's later statements are scoped to them. */
const jobHouseholdIds = (municipalityId: string, jobId: string) => sql`(
  select distinct household_id as id from import_row
  where municipality_id = ${municipalityId} and job_id = ${jobId} and household_id is not null
)`;

/**
 * The addresses (street, postal code) of the job's households, for the area part of the rule: the
 * known households' (moved already) and those of the rows of the new ones (not yet written).
 */
export function jobAddresses(trx: Trx, municipalityId: string, jobId: string) {
  return sql<{ street: string; postal_code: string | null }>`
    select h.street, h.postal_code
    from ${jobHouseholdIds(municipalityId, jobId)} j
    join household h on h.municipality_id = ${municipalityId} and h.id = j.id
    union
    select street, postal_code from import_row
    where municipality_id = ${municipalityId} and job_id = ${jobId} and household_id is null
  `.execute(trx);
}

type Rule = { minChildrenAtHome: number; minUnemployedMonths: number };
type InArea = { street: string; postalCode: string | null }[] | null;

/** Whether the address (street, postal code) of `f` is among `inArea` (null: every address is). */
const inAreaOf = (inArea: InArea) =>
  inArea === null
    ? sql`true`
    : sql`exists (select 1 from jsonb_to_recordset(${JSON.stringify(inArea)}::jsonb) as a("street" text, "postalCode" text)
        where a.street = f.street and a."postalCode" is not distinct from f.postal_code)`;

/**
 * The rule's verdict (eligible) and reasons (judgeEligibility's, as JSON) over `c`: in_area,
 * children (at home) and longest (a parent's unemployment in months).
 */
const verdictOf = (rule: Rule) => sql`
  x.in_area and x.children_met and x.months_met as eligible,
  jsonb_build_array(
    jsonb_build_object('criterion', 'livesInArea', 'met', x.in_area, 'value', null, 'required', null),
    jsonb_build_object('criterion', 'childAtHome', 'met', x.children_met, 'value', x.children,
      'required', ${rule.minChildrenAtHome}::int),
    jsonb_build_object('criterion', 'parentUnemployed', 'met', x.months_met, 'value', x.longest,
      'required', ${rule.minUnemployedMonths}::int)
  ) as reasons`;
const metOf = (rule: Rule) => sql`c.children >= ${rule.minChildrenAtHome}::int as children_met,
  coalesce(c.longest >= ${rule.minUnemployedMonths}::int, false) as months_met`;
/** The rule's counts over a household's members `p` (household_role, lives_at_home, unemployed_months). */
const ruleCounts = sql`
  count(p.id) filter (where p.household_role = 'child' and p.lives_at_home is not false)::int as children,
  max(p.unemployed_months) filter (where p.household_role = 'parent') as longest`;

/**
 * Judges every household of the job in one statement, with its reasons, as judgeEligibility
 * (src/shared/outreach/eligibility.ts) does: children at home (living at home unless the register
 * says not), the longest unemployment of a parent, and the area — judged there, in TypeScript, per
 * distinct address (`inArea`: the addresses in the area; null: every address is). A household not
 * yet contacted shows it as its outreach status, one further along keeps its status.
 * The import test checks every household's reasons against judgeEligibility.
 */
export function judgeJobHouseholds(
  trx: Trx,
  municipalityId: string,
  jobId: string,
  rule: Rule,
  inArea: InArea,
) {
  return sql`
    update household h set eligible = e.eligible, eligibility = e.reasons,
      outreach_status = case when h.outreach_status in ('eligible', 'not_eligible')
        then (case when e.eligible then 'eligible' else 'not_eligible' end) else h.outreach_status end
    from (
      select x.id, ${verdictOf(rule)}
      from (
        select c.*, ${metOf(rule)}
        from (
          select f.id, ${inAreaOf(inArea)} as in_area, ${ruleCounts}
          from ${jobHouseholdIds(municipalityId, jobId)} j
          join household f on f.municipality_id = ${municipalityId} and f.id = j.id
          left join person p on p.municipality_id = f.municipality_id and p.household_id = f.id
          group by f.id, f.street, f.postal_code
        ) c
      ) x
    ) e
    where h.municipality_id = ${municipalityId} and h.id = e.id
  `.execute(trx);
}

/**
 * The job's new households (rows no household matched), whole, in one statement (decision 0057):
 * an id per household key, its people, and the household with its list columns (householdSummary,
 * as refreshHouseholdSummary writes them) and its eligibility (as judgeJobHouseholds judges it)
 * computed from the rows — each household row written once, not inserted and then updated twice.
 * The people get their ids here so the names go into the search text in the order
 * refreshHouseholdSummary uses (created_at, the same for all, then id). The rows take their new
 * household's id (the preview's audit names it). The people are checked against their household
 * at the end of the statement, so inserting them first is fine.
 */
export function insertNewHouseholds(
  trx: Trx,
  municipalityId: string,
  jobId: string,
  rule: Rule,
  inArea: InArea,
) {
  return sql<{ id: string }>`
    with k as materialized (
      select household_key, gen_random_uuid() as id, min(line) as first_line from import_row
      where municipality_id = ${municipalityId} and job_id = ${jobId} and household_id is null
      group by household_key
    ), f as materialized (
      select k.id, 'U-' || upper(substr(replace(k.id::text, '-', ''), 1, 12)) as reference, r.street, r.number,
        r.entrance, r.floor_label, r.door, r.postal_code, a.id as apartment_id
      from k
      join import_row r on r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.line = k.first_line
      ${apartmentOfRow}
    ), p as materialized (
      select r.line, k.id as household_id, gen_random_uuid() as id, r.first_name, r.last_name, r.cpr,
        r.birth_date, coalesce(r.role, 'parent') as household_role, r.unemployed_months, r.lives_at_home,
        now() as created_at
      from import_row r join k on k.household_key = r.household_key
      where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.household_id is null
    ), staged as (
      update import_row r set household_id = p.household_id from p
      where r.municipality_id = ${municipalityId} and r.job_id = ${jobId} and r.line = p.line
    ), people as (
      insert into person (municipality_id, id, household_id, first_name, last_name, cpr, birth_date, household_role,
        unemployed_months, lives_at_home)
      select ${municipalityId}::uuid, id, household_id, first_name, last_name, cpr, birth_date, household_role,
        unemployed_months, lives_at_home
      from p order by line
    ), c as (
      select p.household_id as id, ${householdSummary.members}, ${ruleCounts} from p group by p.household_id
    ), x as (
      select f.*, c.adult_count, c.child_count, c.sort_name, c.names, c.children, c.longest,
        ${inAreaOf(inArea)} as in_area, ${metOf(rule)}
      from f join c on c.id = f.id
    )
    insert into household (municipality_id, id, team_id, area_id, reference, street, building_number, entrance,
      floor, door, postal_code, status, outreach_status, search_text, sort_name, apartment_id, adult_count,
      child_count, street_sort, eligible, eligibility)
    select ${municipalityId}::uuid, x.id, j.team_id, j.area_id, x.reference, x.street, x.number,
      nullif(x.entrance, ''), x.floor_label, nullif(x.door, ''), x.postal_code, 'prospect',
      case when v.eligible then 'eligible' else 'not_eligible' end,
      ${householdSummary.searchText(sql`x.reference`, sql`x.street`, sql`x.number`, sql`x.names`)},
      x.sort_name, x.apartment_id, x.adult_count, x.child_count, danish_sort_key(x.street), v.eligible, v.reasons
    from x
    cross join lateral (select ${verdictOf(rule)}) v
    join import_job j on j.municipality_id = ${municipalityId} and j.id = ${jobId}
    order by x.id
    returning id
  `.execute(trx);
}

/** The households the job wrote, for the audit record. */
export async function jobHouseholds(trx: Trx, municipalityId: string, jobId: string) {
  const rows = await trx
    .selectFrom('import_row')
    .select('household_id')
    .distinct()
    .where('municipality_id', '=', municipalityId)
    .where('job_id', '=', jobId)
    .where('household_id', 'is not', null)
    .execute();
  return rows.map((r) => r.household_id as string);
}

export const snapshotCases: SnapshotCases<typeof import('./import.queries')> = {
  insertJob: [
    {
      run: (db) =>
        insertJob(db, {
          municipalityId: MUNICIPALITY,
          areaId: AREA,
          teamId: TEAM,
          userId: USER,
          fileName: 'udtraek.csv',
          bytesTotal: 1000,
        }),
    },
  ],
  findJob: [{ run: (db) => findJob(db, MUNICIPALITY, COLLEAGUE) }],
  listJobs: [{ run: (db) => listJobs(db, MUNICIPALITY, TEAM, { limit: 20, offset: 0 }) }],
  lockMunicipalityImports: [{ run: inTransaction((trx) => lockMunicipalityImports(trx, MUNICIPALITY)) }],
  lockJob: [{ run: inTransaction((trx) => lockJob(trx, MUNICIPALITY, COLLEAGUE)) }],
  updateJob: [
    { run: (db) => updateJob(db, MUNICIPALITY, COLLEAGUE, { bytes_read: 10, row_count: 2 }) },
    {
      variant: 'finished',
      run: (db) => updateJob(db, MUNICIPALITY, COLLEAGUE, { state: 'failed', failure: 'x', finished: true }),
    },
  ],
  insertRows: [
    {
      run: (db) =>
        insertRows(db, MUNICIPALITY, COLLEAGUE, [
          {
            line: 2,
            householdKey: 'k',
            street: 'Gudrunsvej',
            number: '18',
            entrance: '',
            floor: 1,
            floorLabel: '1',
            door: 'tv',
            postalCode: '8220',
            cpr: null,
            firstName: 'A',
            lastName: 'B',
            birthDate: '1980-01-01',
            role: 'parent',
            unemployedMonths: 12,
            livesAtHome: null,
            errors: [],
          },
        ]),
    },
  ],
  deleteRows: [{ run: (db) => deleteRows(db, MUNICIPALITY, COLLEAGUE) }],
  analyzeRows: [{ run: (db) => analyzeRows(db) }],
  analyzePlaces: [{ run: inTransaction((trx) => analyzePlaces(trx)) }],
  matchRows: [{ run: inTransaction((trx) => matchRows(trx, MUNICIPALITY, COLLEAGUE)) }],
  countPreview: [{ run: inTransaction((trx) => countPreview(trx, MUNICIPALITY, COLLEAGUE)) }],
  countPreviewRows: [
    { run: (db) => countPreviewRows(db, MUNICIPALITY, COLLEAGUE, false) },
    { variant: 'problems only', run: (db) => countPreviewRows(db, MUNICIPALITY, COLLEAGUE, true) },
  ],
  previewRows: [
    { run: (db) => previewRows(db, MUNICIPALITY, COLLEAGUE, { problemsOnly: false, limit: 50, offset: 0 }) },
    {
      variant: 'problems only',
      run: (db) => previewRows(db, MUNICIPALITY, COLLEAGUE, { problemsOnly: true, limit: 50, offset: 0 }),
    },
  ],
  ensurePlaces: [{ run: inTransaction((trx) => ensurePlaces(trx, MUNICIPALITY, COLLEAGUE, AREA)) }],
  updateMatchedHouseholds: [
    { run: inTransaction((trx) => updateMatchedHouseholds(trx, MUNICIPALITY, COLLEAGUE)) },
  ],
  writeMatchedPersons: [{ run: inTransaction((trx) => writeMatchedPersons(trx, MUNICIPALITY, COLLEAGUE)) }],
  insertNewHouseholds: [
    {
      run: inTransaction((trx) =>
        insertNewHouseholds(trx, MUNICIPALITY, COLLEAGUE, { minChildrenAtHome: 1, minUnemployedMonths: 12 }, [
          { street: 'Gudrunsvej', postalCode: '8220' },
        ]),
      ),
    },
  ],
  jobAddresses: [{ run: inTransaction((trx) => jobAddresses(trx, MUNICIPALITY, COLLEAGUE)) }],
  judgeJobHouseholds: [
    {
      run: inTransaction((trx) =>
        judgeJobHouseholds(
          trx,
          MUNICIPALITY,
          COLLEAGUE,
          { minChildrenAtHome: 1, minUnemployedMonths: 12 },
          null,
        ),
      ),
    },
    {
      variant: 'area by address',
      run: inTransaction((trx) =>
        judgeJobHouseholds(trx, MUNICIPALITY, COLLEAGUE, { minChildrenAtHome: 1, minUnemployedMonths: 12 }, [
          { street: 'Gudrunsvej', postalCode: '8220' },
        ]),
      ),
    },
  ],
  jobHouseholds: [{ run: inTransaction((trx) => jobHouseholds(trx, MUNICIPALITY, COLLEAGUE)) }],
};
