/**
 * `npx tsx bench/audit-filters.ts [--rows N]`: EXPLAIN (ANALYZE, BUFFERS) of the audit search's
 * staff-member and family filters (decision 0020) on PostgreSQL, as the app sends them
 * (searchAudit + countAudit compiled by Kysely), custom and generic plans.
 *
 * Data, in its own database (BENCH_DATABASE_URL, default staircase_bench_audit_filters): one
 * municipality of 2,000 families in 10 teams of 20 staff (generated, then split into teams),
 * and N audit rows (default 1,000,000) over the 365 days before the day they were loaded. Each
 * event is by one of the 200 staff; nine in ten about a family of the actor's own team, the rest
 * about any family. Kept between runs. Prints the plans; results in bench/results/.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { migrateToLatest } from '../src/db/migrate';
import { ensureAuditPartitions } from '../src/db/partitions';
import { generateMunicipality } from '../src/demo/generate';
import { seedMunicipality } from '../src/demo/seed';
import { countAudit, scopedFilter, searchAudit } from '../src/server/admin/audit.queries';
import type { Actor } from '../src/server/http/access';
import { compileOnly, sqlLiteral } from './sql-capture';

// Its own database, created when missing as the other benchmarks' (bench/databases.ts); the
// settings read the variable when first imported.
process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/staircase_bench_audit_filters';
const { ensurePostgresDatabase } = await import('./databases');
const { POSTGRES_URL: URL_ } = await import('./settings');
const argv = process.argv.slice(2);
const ROWS = Number(argv[argv.indexOf('--rows') + 1] || 1_000_000);
const KEY = `bench-audit-filters v1 ${ROWS}`;
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

await ensurePostgresDatabase();

const db = openDatabase({ url: URL_, poolSize: 2 });
const k = db.kysely;
await migrateToLatest(db);
const stored = (
  await sql<{
    key: string | null;
  }>`select obj_description('audit_event'::regclass, 'pg_class') as key`.execute(k)
).rows[0]!.key;
let anchor: string;
if (stored?.startsWith(`${KEY} anchor `)) {
  anchor = stored.slice(`${KEY} anchor `.length);
} else {
  anchor = iso(Date.now());
  console.log(`loading: 2,000 families, 10 teams, ${ROWS.toLocaleString('en')} audit rows…`);
  const m = generateMunicipality({
    seed: 7,
    name: `Bench audit filters ${anchor}`,
    usernamePrefix: `baf${Date.now()}_`,
    families: 2000,
    adults: 3000,
    children: 3000,
    today: anchor,
  });
  await seedMunicipality(db, m, { demo: false, passwordHash: 'x' });
  const mid = m.municipality.id;
  // Nine teams more, 20 staff each; the families dealt round the ten teams.
  await sql`
    insert into team (municipality_id, area_id, name)
    select ${mid}, ${m.areas[0]!.id}, 'Team ' || g from generate_series(2, 10) g`.execute(k);
  await sql`
    insert into app_user (municipality_id, username, display_name, role, team_id)
    select ${mid}, 'baf_' || t.id || '_' || g, 'Staff ' || t.name || ' ' || g,
           case when g = 1 then 'team_leader' else 'team_member' end, t.id
    from team t, generate_series(1, 20) g
    where t.municipality_id = ${mid} and t.id <> ${m.team.id}`.execute(k);
  await sql`
    with t as (select id, row_number() over (order by name) - 1 as n from team where municipality_id = ${mid}),
         h as (select id, row_number() over (order by reference) as n from household where municipality_id = ${mid})
    update household set team_id = t.id from h, t
    where household.municipality_id = ${mid} and household.id = h.id and t.n = h.n % 10`.execute(k);
  const end = new Date(Date.parse(`${anchor}T00:00:00Z`) + day);
  await ensureAuditPartitions(db, new Date(end.getTime() - 396 * day), 14);
  const chunk = 100_000;
  for (let done = 0; done < ROWS; done += chunk) {
    await sql`
      with teams as (select id, row_number() over (order by id) as n from team where municipality_id = ${mid}),
      per_team as (select t.n, array_agg(h.id order by h.id) as a from teams t
                   join household h on h.municipality_id = ${mid} and h.team_id = t.id group by t.n),
      fams as (select array_agg(a order by n) as a from per_team),
      allf as (select array_agg(id) as a from household where municipality_id = ${mid}),
      staff as (select array_agg(u.id order by u.id) as a, array_agg(t.n order by u.id) as tn
                from app_user u join teams t on t.id = u.team_id where u.municipality_id = ${mid}),
      r as (select random() t, random() who, random() fam, random() own, random() act
            from generate_series(1, ${Math.min(chunk, ROWS - done)}::int)),
      x as (select r.*, 1 + floor(who * cardinality(staff.a))::int as s,
              case when act < 0.70 then 'list' when act < 0.95 then 'read' when act < 0.98 then 'update'
                   when act < 0.99 then 'sign_in' when act < 0.999 then 'reveal' else 'break_glass' end as action
            from r, staff)
      insert into audit_event (municipality_id, at, actor_id, actor_role, action, entity, household_id, purpose, break_glass)
      select ${mid}, ${end}::timestamptz - x.t * interval '365 days', staff.a[x.s], 'team_member', x.action,
        case when x.action = 'sign_in' then 'app_user' else 'household' end,
        case when x.action = 'sign_in' then null
             when x.own < 0.9 then fams.a[staff.tn[x.s]][1 + floor(x.fam * 200)::int]
             else allf.a[1 + floor(x.fam * cardinality(allf.a))::int] end,
        case when x.action = 'break_glass' then 'break_glass' else 'case_work' end,
        x.action = 'break_glass'
      from x, staff, fams, allf`.execute(k);
    console.log(`  ${(done + chunk).toLocaleString('en')}`);
  }
  await sql`vacuum analyze`.execute(k);
  await sql`comment on table audit_event is ${sql.lit(`${KEY} anchor ${anchor}`)}`.execute(k);
}

const mun = await k
  .selectFrom('municipality')
  .select('id')
  .where(
    'name',
    '=',
    sql<string>`(select max(name) from municipality where name like 'Bench audit filters%')`,
  )
  .executeTakeFirstOrThrow();
const users = await k
  .selectFrom('app_user')
  .select(['id', 'role', 'team_id'])
  .where('municipality_id', '=', mun.id)
  .orderBy('id')
  .execute();
const asActor = (u: (typeof users)[number]): Actor =>
  ({
    userId: u.id,
    municipalityId: mun.id,
    role: u.role,
    teamId: u.team_id,
    locale: 'en',
  }) as unknown as Actor;
const leaderRow = users.find((u) => u.role === 'team_leader')!;
const leader = asActor(leaderRow);
const admin = asActor(users.find((u) => u.role === 'administrator')!);
const busiest = await sql<{ actor_id: string; team_id: string }>`
  select e.actor_id, u.team_id from audit_event e join app_user u on u.municipality_id = e.municipality_id and u.id = e.actor_id
  where e.municipality_id = ${mun.id} group by 1, 2 order by count(*) desc`.execute(k);
const ownStaff = busiest.rows.find((r) => r.team_id === leaderRow.team_id)!.actor_id;
const otherStaff = busiest.rows.find((r) => r.team_id !== leaderRow.team_id)!.actor_id;
const familyOf = async (own: boolean) =>
  (
    await k
      .selectFrom('household')
      .select('id')
      .where('municipality_id', '=', mun.id)
      .where('team_id', own ? '=' : '<>', leaderRow.team_id!)
      .orderBy('reference')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
const ownFamily = await familyOf(true);
const otherFamily = await familyOf(false);

const { db: capture, captured } = compileOnly();

const today = Date.parse(`${anchor}T00:00:00Z`);
const year = { from: iso(today - 365 * day), to: anchor, page: 1, pageSize: 50 };
const cases: [string, Actor, Record<string, string>][] = [
  ['leader, own team’s family', leader, { householdId: ownFamily }],
  [
    'leader, another team’s family (nothing in scope but own staff’s access)',
    leader,
    { householdId: otherFamily },
  ],
  ['administrator, one family', admin, { householdId: otherFamily }],
  ['leader, own team’s busiest staff member', leader, { actorId: ownStaff }],
  ['leader, another team’s busiest staff member', leader, { actorId: otherStaff }],
  [
    'administrator, one staff member and one family',
    admin,
    { actorId: otherStaff, householdId: otherFamily },
  ],
];
const client = new pg.Client({ connectionString: URL_ });
await client.connect();
const literal = sqlLiteral;
console.log(
  `-- ${ROWS.toLocaleString('en')} audit rows, 12 months to ${anchor}; PostgreSQL ${(await client.query('show server_version')).rows[0].server_version}`,
);
for (const [title, actor, filter] of cases) {
  captured.length = 0;
  // As the route: the filter as the search runs it (a leader's carries the team's families).
  const f = await scopedFilter(k, actor, { ...year, ...filter });
  await searchAudit(capture, actor, f);
  // The dummy driver answers no row: countAudit's executeTakeFirstOrThrow throws after the query is captured.
  await countAudit(capture, actor, f, 1000).catch(() => undefined);
  for (const [part, q] of [
    ['page', captured[0]!],
    ['count', captured[1]!],
  ] as const) {
    for (const generic of [false, true]) {
      let rows: { 'QUERY PLAN': string }[];
      for (let i = 0; i < 2; i++) await client.query(q.sql, q.parameters as unknown[]);
      if (generic) {
        await client.query('set plan_cache_mode = force_generic_plan');
        await client.query(`prepare q as ${q.sql}`);
        ({ rows } = await client.query(
          `explain (analyze, buffers) execute q(${q.parameters.map(literal).join(', ')})`,
        ));
        await client.query('deallocate q');
        await client.query('set plan_cache_mode = auto');
      } else {
        ({ rows } = await client.query(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]));
      }
      console.log(`\n-- ${title}: ${part} (${generic ? 'generic' : 'custom'} plan)`);
      console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
}
await client.end();
await db.close();
