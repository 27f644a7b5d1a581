/**
 * `npx tsx bench/audit.ts [--rows N] [--runs N] [--out DIR]`: the audit search at national scale,
 * before and after the bounded search (migration 0004, audit.queries.ts), on PostgreSQL.
 *
 * Data: the benchmark installation (100 municipalities, bench/generate.ts) in its own database
 * (BENCH_DATABASE_URL, default staircase_bench_audit, so the family benchmark's data is left
 * alone), plus N audit rows (default 2,000,000) over the 365 days before the day they were
 * loaded: half in municipality 50 — a large municipality whose measured team holds one event in
 * ten (the other nine are other teams' families and staff) — and half spread over the other 99.
 * Actions: 70 % list (each naming a page of 25 families in one row, decision 0022), 25 % read,
 * 3 % update, 1 % sign-in, 0.5 % CPR reveal, 0.4 % refused, 0.1 % break the glass. Kept between runs; keyed by the table's comment.
 *
 * Before: the old statement (count(*) over (), offset paging, no period unless the user set one,
 * the leader's scope as OR over two joins), in a transaction where 0004's indexes are dropped
 * and then rolled back. After: the app's own searchAudit + countAudit (Kysely, named prepared
 * statements, as the server runs them), the page and the capped count one after the other.
 * Each case: 3 warm-up runs, then --runs timed runs (default 15; before: 1 warm-up and
 * --before-runs, default 5, as each takes seconds); p50, p95, max in ms.
 * Writes <out>/<date>-audit-postgres.json and <date>-audit-explain.txt (EXPLAIN ANALYZE, BUFFERS).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { argOf } from './args';
import { compileOnly, sqlLiteral } from './sql-capture';

process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/staircase_bench_audit';

const { ensureInstallation } = await import('./generate');
const { openBenchDb } = await import('./databases');
const { POSTGRES_URL, MEASURED_MUNICIPALITY, municipalityOptions } = await import('./settings');
const { machineFacts, databaseVersion, codeVersion } = await import('./machine');
const { countAudit, planForValues, scopedFilter, searchAudit } = await import(
  '../src/server/admin/audit.queries'
);
type Transaction<D> = import('kysely').Transaction<D>;
type Kysely<D> = import('kysely').Kysely<D>;
type Database = import('../src/db/schema').Database;
const { ensureAuditPartitions } = await import('../src/db/partitions');
type AuditFilter = import('../src/server/admin/audit.queries').AuditFilter;
type Actor = import('../src/server/http/access').Actor;

const argv = process.argv.slice(2);
const ROWS = Number(argOf('--rows', '2000000'));
const RUNS = Number(argOf('--runs', '15'));
/** The old search takes seconds a run: fewer runs (after one warm-up). */
const BEFORE_RUNS = Number(argOf('--before-runs', '5'));
const OUT = argOf('--out', 'bench/results');
const CAP = 1000;
const DATA_KEY = `bench-audit v2 ${ROWS}`;

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Data

await ensureInstallation('postgres');
const db = openBenchDb('postgres');

async function storedKey(): Promise<{ key: string | null }> {
  const { rows } = await sql<{ key: string | null }>`
    select obj_description('audit_event'::regclass, 'pg_class') as key`.execute(db.kysely);
  return rows[0]!;
}

/** The day the rows were loaded ("today" of every case), kept in the key so a rerun matches. */
async function loadAuditRows(): Promise<string> {
  const stored = (await storedKey()).key;
  if (stored?.startsWith(`${DATA_KEY} anchor `)) return stored.slice(`${DATA_KEY} anchor `.length);
  const anchor = iso(Date.now());
  const end = new Date(Date.parse(`${anchor}T00:00:00Z`) + day);
  console.log(`  loading ${ROWS.toLocaleString('en')} audit rows ending ${anchor}…`);
  // Monthly partitions for the year before, as a server running that long would have made.
  await ensureAuditPartitions(db, new Date(end.getTime() - 396 * day), 14);
  const municipalities = await sql<{ id: string; name: string }>`
    select id, name from municipality order by name`.execute(db.kysely);
  const measuredName = municipalityOptions(MEASURED_MUNICIPALITY).name;
  const others = municipalities.rows.filter((m) => m.name !== measuredName);
  const measured = municipalities.rows.find((m) => m.name === measuredName)!;
  const insert = (municipalityId: string, n: number, teamShare: number) =>
    sql`
      with hh as (select array_agg(id) a from household where municipality_id = ${municipalityId}),
      st as (select array_agg(id) a from app_user where municipality_id = ${municipalityId} and role = 'team_member'),
      oh as (select array_agg(gen_random_uuid()) a from generate_series(1, 1800)),
      os as (select array_agg(gen_random_uuid()) a from generate_series(1, 90)),
      r as (
        select random() as t, random() < ${teamShare}::float8 as team, random() as who, random() as fam,
               random() as act
        from generate_series(1, ${n}::int)
      ),
      x as (
        select r.*, case
          when act < 0.70 then 'list' when act < 0.95 then 'read' when act < 0.98 then 'update'
          when act < 0.99 then 'sign_in' when act < 0.995 then 'reveal' when act < 0.999 then 'denied'
          else 'break_glass' end as action
        from r
      )
      insert into audit_event (municipality_id, at, actor_id, actor_role, action, entity, entity_id,
                               household_id, household_ids, fields, purpose, break_glass)
      select ${municipalityId}, ${end}::timestamptz - t * interval '365 days',
        case when team then st.a[1 + floor(who * cardinality(st.a))::int]
             else os.a[1 + floor(who * cardinality(os.a))::int] end,
        'team_member', action,
        case when action = 'sign_in' then 'app_user' else 'household' end, null,
        case when action in ('sign_in', 'list') then null
             when team then hh.a[1 + floor(fam * cardinality(hh.a))::int]
             else oh.a[1 + floor(fam * cardinality(oh.a))::int] end,
        -- A list names the page's 25 families in one row (decision 0022): 25 in a row of the team's.
        case when action <> 'list' then null
             when team then array(select hh.a[1 + (floor(fam * cardinality(hh.a))::int + k) % cardinality(hh.a)]
                                  from generate_series(0, 24) k)
             else array(select oh.a[1 + (floor(fam * cardinality(oh.a))::int + k) % cardinality(oh.a)]
                        from generate_series(0, 24) k) end,
        '{}', case when action = 'break_glass' then 'break_glass' else 'case_work' end,
        action = 'break_glass'
      from x, hh, st, oh, os
    `.execute(db.kysely);
  const half = Math.floor(ROWS / 2);
  const chunks = 10;
  for (let i = 0; i < chunks; i++) {
    await insert(measured.id, Math.floor(half / chunks), 0.1);
    console.log(`  municipality ${MEASURED_MUNICIPALITY}: ${((i + 1) * half) / chunks} rows`);
  }
  const each = Math.floor((ROWS - half) / others.length);
  for (const [i, m] of others.entries()) {
    await insert(m.id, each, 1);
    if ((i + 1) % 33 === 0) console.log(`  other municipalities: ${i + 1}/${others.length}`);
  }
  await sql`vacuum analyze audit_event`.execute(db.kysely);
  await sql`comment on table audit_event is ${sql.lit(`${DATA_KEY} anchor ${anchor}`)}`.execute(db.kysely);
  return anchor;
}

const anchor = await loadAuditRows();
const { rows: counts } = await sql<{ n: string }>`select count(*) as n from audit_event`.execute(db.kysely);
console.log(`  audit_event: ${Number(counts[0]!.n).toLocaleString('en')} rows, today = ${anchor}`);

// ---------------------------------------------------------------------------------------------
// Actors and cases

const measuredName = municipalityOptions(MEASURED_MUNICIPALITY).name;
const users = await db.kysely
  .selectFrom('app_user as u')
  .innerJoin('municipality as m', 'm.id', 'u.municipality_id')
  .select(['u.id', 'u.municipality_id', 'u.role', 'u.team_id', 'u.username'])
  .where('m.name', '=', measuredName)
  .execute();
const actorOf = (role: 'administrator' | 'team_leader'): Actor => {
  const u = users.find((x) => x.role === role)!;
  return {
    userId: u.id,
    municipalityId: u.municipality_id,
    role: u.role,
    teamId: u.team_id,
    locale: 'en',
  } as unknown as Actor;
};
const admin = actorOf('administrator');
const leader = actorOf('team_leader');
const member = users.find((u) => u.role === 'team_member')!.id;
const family = (
  await db.kysely
    .selectFrom('household')
    .select('id')
    .where('municipality_id', '=', leader.municipalityId)
    .where('team_id', '=', leader.teamId)
    .orderBy('reference')
    .limit(1)
    .executeTakeFirstOrThrow()
).id;

const todayMs = Date.parse(`${anchor}T00:00:00Z`);
const last30 = { from: iso(todayMs - 29 * day), to: anchor };
const last12m = { from: iso(todayMs - 365 * day), to: anchor };

interface Case {
  name: string;
  actor: Actor;
  /** Filters as the user set them; the old search had no period unless the user gave one. */
  filter: Omit<AuditFilter, 'from' | 'to' | 'page' | 'pageSize'> & { page?: number };
  period: 'default' | '12 months';
}
const cases: Case[] = [
  { name: 'administrator, no filter, page 1', actor: admin, filter: {}, period: 'default' },
  { name: 'administrator, no filter, page 10', actor: admin, filter: { page: 10 }, period: 'default' },
  { name: 'administrator, no filter, 12 months', actor: admin, filter: {}, period: '12 months' },
  { name: 'administrator, CPR reveals', actor: admin, filter: { action: 'reveal' }, period: 'default' },
  {
    name: 'administrator, refusals, 12 months',
    actor: admin,
    filter: { action: 'denied' },
    period: '12 months',
  },
  { name: 'administrator, break the glass', actor: admin, filter: { breakGlass: true }, period: 'default' },
  { name: 'administrator, one staff member', actor: admin, filter: { actorId: member }, period: 'default' },
  { name: 'leader, no filter, page 1', actor: leader, filter: {}, period: 'default' },
  { name: 'leader, no filter, 12 months', actor: leader, filter: {}, period: '12 months' },
  { name: 'leader, one family', actor: leader, filter: { householdId: family }, period: 'default' },
  {
    name: 'leader, one family, 12 months',
    actor: leader,
    filter: { householdId: family },
    period: '12 months',
  },
  {
    name: 'administrator, one family, 12 months',
    actor: admin,
    filter: { householdId: family },
    period: '12 months',
  },
  {
    name: 'leader, one staff member, 12 months',
    actor: leader,
    filter: { actorId: member },
    period: '12 months',
  },
  {
    name: 'leader, break the glass, 12 months',
    actor: leader,
    filter: { breakGlass: true },
    period: '12 months',
  },
];
const PAGE_SIZE = 50;

// ---------------------------------------------------------------------------------------------
// The old search, as audit.queries.ts had it before (SQL from its snapshot)

function oldSql(actor: Actor, f: Case['filter'], period?: { from: string; to: string }) {
  const params: unknown[] = [actor.municipalityId];
  const where = ['"e"."municipality_id" = $1'];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (period) {
    where.push(`"e"."at" >= ${p(new Date(`${period.from}T00:00:00Z`))}`);
    where.push(`"e"."at" < ${p(new Date(Date.parse(`${period.to}T00:00:00Z`) + day))}`);
  }
  if (actor.role === 'team_leader') {
    where.push(`("u"."team_id" = ${p(actor.teamId)} or "h"."team_id" = ${p(actor.teamId)})`);
  }
  if (f.actorId) where.push(`"e"."actor_id" = ${p(f.actorId)}`);
  if (f.householdId) where.push(`"e"."household_id" = ${p(f.householdId)}`);
  if (f.action) where.push(`"e"."action" = ${p(f.action)}`);
  if (f.breakGlass !== undefined) where.push(`"e"."break_glass" = ${p(f.breakGlass)}`);
  const text = `select "e"."id", "e"."at", "e"."action", "e"."entity", "e"."entity_id", "e"."household_id",
    "e"."fields", "e"."purpose", "e"."break_glass", "e"."actor_role", "u"."id" as "actor_id",
    "u"."display_name" as "actor_name", "h"."reference" as "household_reference", count(*) over () as "total"
  from "audit_event" as "e"
  left join "app_user" as "u" on "u"."municipality_id" = "e"."municipality_id" and "u"."id" = "e"."actor_id"
  left join "household" as "h" on "h"."municipality_id" = "e"."municipality_id" and "h"."id" = "e"."household_id"
  where ${where.join(' and ')}
  order by "e"."at" desc, "e"."id" desc limit ${p(PAGE_SIZE)} offset ${p(((f.page ?? 1) - 1) * PAGE_SIZE)}`;
  return { text, params };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Timing {
  p50: number;
  p95: number;
  max: number;
}
function summarise(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { p50: r(rank(0.5)), p95: r(rank(0.95)), max: r(s[s.length - 1]!) };
}
async function time(work: () => Promise<unknown>, runs = RUNS, warm = 3): Promise<Timing> {
  for (let i = 0; i < warm; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  return summarise(ms);
}

/** A Kysely that only compiles: the statements the app would send, for EXPLAIN. */
const { db: captureDb, captured } = compileOnly();

const client = new pg.Client({ connectionString: POSTGRES_URL });
await client.connect();
const explains: string[] = [];
const literal = sqlLiteral;
const explain = async (title: string, text: string, params: unknown[], generic = false) => {
  let rows: Record<string, string>[];
  if (generic) {
    // As a named prepared statement runs once PostgreSQL settles on a generic plan.
    await client.query('set plan_cache_mode = force_generic_plan');
    await client.query(`prepare bench_q as ${text}`);
    ({ rows } = await client.query(
      `explain (analyze, buffers) execute bench_q(${params.map(literal).join(', ')})`,
    ));
    await client.query('deallocate bench_q');
    await client.query('set plan_cache_mode = auto');
  } else {
    ({ rows } = await client.query(`explain (analyze, buffers) ${text}`, params));
  }
  explains.push(`-- ${title}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
};

const results: {
  case: string;
  period: string;
  before: Timing & { total: number; periodSearched: string };
  after: Timing & {
    page: Timing;
    count: Timing;
    total: number;
    totalCapped: boolean;
    periodSearched: string;
  };
}[] = [];

// Before: the old statement on the old schema (0004's indexes dropped, rolled back afterwards).
const before = new Map<string, Timing & { total: number; periodSearched: string }>();
// --skip-before: keep the before figures of the last results file (the old code does not change).
const previous = argv.includes('--skip-before')
  ? (JSON.parse(await readFile(join(OUT, `${anchor}-audit-postgres.json`), 'utf8')) as {
      results: { case: string; before: Timing & { total: number; periodSearched: string } }[];
    })
  : undefined;
for (const r of previous?.results ?? []) before.set(r.case, r.before);
await client.query('begin');
await client.query('drop index audit_event_action');
await client.query('drop index audit_event_break_glass');
for (const c of previous ? [] : cases) {
  const period = c.period === '12 months' ? last12m : undefined;
  const { text, params } = oldSql(c.actor, c.filter, period);
  const t = await time(() => client.query(text, params), BEFORE_RUNS, 1);
  const { rows } = await client.query(text, params);
  const total = Number(rows[0]?.total ?? 0);
  before.set(c.name, { ...t, total, periodSearched: period ? `${period.from}..${period.to}` : 'all time' });
  console.log(`  before  ${c.name.padEnd(40)} p50 ${String(t.p50).padStart(8)} ms  total ${total}`);
  if (c.name === 'administrator, no filter, page 1' || c.name === 'leader, no filter, page 1') {
    await explain(`BEFORE ${c.name} (all time)`, text, params);
  }
}
await client.query('rollback');

// After: the app's queries through the app's client (named prepared statements).
for (const c of cases) {
  const period = c.period === '12 months' ? last12m : last30;
  const base: AuditFilter = { ...c.filter, ...period, page: c.filter.page ?? 1, pageSize: PAGE_SIZE };
  // As the route: a leader's search without a family reads the team's families first, in the
  // transaction, which is planned for its values (planForValues).
  const scoped = (k: Kysely<Database>) => scopedFilter(k, c.actor, base);
  const planned = <T>(work: (trx: Transaction<Database>, f: AuditFilter) => Promise<T>) =>
    db.kysely.transaction().execute(async (trx) => {
      await planForValues(trx);
      return work(trx, await scoped(trx));
    });
  const page = await time(() => planned((trx, f) => searchAudit(trx, c.actor, f)));
  const count = await time(() => planned((trx, f) => countAudit(trx, c.actor, f, CAP)));
  const both = await time(() =>
    planned(async (trx, f) => {
      await searchAudit(trx, c.actor, f);
      await countAudit(trx, c.actor, f, CAP);
    }),
  );
  const f = await scoped(db.kysely);
  const n = Number((await countAudit(db.kysely, c.actor, f, CAP)).count);
  results.push({
    case: c.name,
    period: c.period,
    before: before.get(c.name)!,
    after: {
      ...both,
      page,
      count,
      total: Math.min(n, CAP),
      totalCapped: n > CAP,
      periodSearched: `${period.from}..${period.to}`,
    },
  });
  console.log(
    `  after   ${c.name.padEnd(40)} p50 ${String(both.p50).padStart(8)} ms  total ${n > CAP ? `>${CAP}` : n}`,
  );
  // EXPLAIN of the statements Kysely sends, with a custom and with a generic plan (what a named
  // prepared statement may settle on after five runs: PREPARE + EXPLAIN EXECUTE, forced generic).
  if (
    [
      'administrator, no filter, page 1',
      'leader, no filter, 12 months',
      'leader, one staff member, 12 months',
      'administrator, refusals, 12 months',
      'leader, break the glass, 12 months',
      'leader, one family, 12 months',
    ].includes(c.name)
  ) {
    for (const [what, run] of [
      ['page', () => searchAudit(captureDb, c.actor, f)],
      ['count', () => countAudit(captureDb, c.actor, f, CAP)],
    ] as const) {
      captured.length = 0;
      await run().catch(() => undefined);
      const q = captured[0]!;
      await explain(`AFTER ${c.name}: ${what} (custom plan)`, q.sql, [...q.parameters]);
      await explain(`AFTER ${c.name}: ${what} (generic plan)`, q.sql, [...q.parameters], true);
    }
  }
}

await client.end();
await db.close();

// ---------------------------------------------------------------------------------------------
// Results

const date = anchor;
const result = {
  benchmark: 'audit search',
  date: new Date().toISOString(),
  machine: machineFacts(),
  postgres: await (async () => {
    const d = openBenchDb('postgres');
    try {
      return await databaseVersion(d);
    } finally {
      await d.close();
    }
  })(),
  code: codeVersion(),
  data: { auditRows: Number(counts[0]!.n), today: anchor, measuredMunicipality: MEASURED_MUNICIPALITY },
  runs: { after: RUNS, before: BEFORE_RUNS },
  pageSize: PAGE_SIZE,
  countCap: CAP,
  results,
};
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, `${date}-audit-postgres.json`), `${JSON.stringify(result, null, 2)}\n`);
await writeFile(join(OUT, `${date}-audit-explain.txt`), explains.join('\n'));
console.log(`wrote ${join(OUT, `${date}-audit-postgres.json`)} and ${date}-audit-explain.txt`);
