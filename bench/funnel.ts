/**
 * The building picture and the funnel at national scale (issue 15 §6; DESIGN.md §7), on PostgreSQL.
 *
 *   npx tsx bench/funnel.ts [--quick] [--out DIR] [--profile]
 *
 * The installation is the families benchmark's (100 municipalities × 200 families, generate.ts)
 * in a database of its own (BENCH_DATABASE_URL, default …/staircase_bench_outreach), and on it,
 * server-side with generate_series, each team's outreach: 10 buildings × 4 staircases × 24
 * apartments, 300 eligible prospects, the team's 200 families placed and made eligible, and 0–4
 * visits per household over two years — 50,000 households in the funnel, ~70,000 visits.
 * Measured for municipality 50's team leader, closed loops of 1 and 16 clients: the app
 * (`GET /api/outreach/funnel?areaId=…`, `GET /api/outreach/buildings/:id` round the 10
 * buildings), the floor over HTTP (the same hand-written SQL behind bare routes in the server's
 * process, funnel-floor.ts) and the floor in this process (the bare driver). Results:
 * bench/results/<date>-outreach-postgres.{json,md}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/staircase_bench_outreach';

const { sql } = await import('kysely');
const { httpClient } = await import('./client');
const { openBenchDb } = await import('./databases');
const { openSqlDriver } = await import('./floor');
const { floorBuilding, floorFunnel } = await import('./funnel-floor');
const { ensureInstallation } = await import('./generate');
const { signIn, startServer } = await import('./http');
const { runLoad, settle } = await import('./load');
const { codeVersion, databaseVersion, machineFacts } = await import('./machine');
const { MEASURED_MUNICIPALITY, municipalityOptions } = await import('./settings');

const quick = process.argv.includes('--quick');
const outIndex = process.argv.indexOf('--out');
const out =
  outIndex >= 0
    ? process.argv[outIndex + 1]!
    : quick
      ? '/tmp/staircase-bench-results'
      : new URL('./results', import.meta.url).pathname;
const log = (line: string) => console.log(line);

/** Every team's outreach, made by the database itself; once (kept while visits exist). */
async function ensureOutreach() {
  const db = openBenchDb('postgres');
  const k = db.kysely;
  try {
    const { rows } = await sql<{ n: string }>`select count(*) as n from outreach_visit`.execute(k);
    if (Number(rows[0]!.n) > 0) {
      log(`  outreach data present: ${rows[0]!.n} visits`);
      return;
    }
    const started = performance.now();
    log('  generating outreach: buildings, staircases, apartments, prospects, visits…');
    await k.transaction().execute(async (trx) => {
      await sql`
        insert into building (municipality_id, area_id, name)
        select t.municipality_id, t.area_id, 'Blok ' || g
        from team t cross join generate_series(1, 10) g`.execute(trx);
      await sql`
        insert into staircase (municipality_id, building_id, street, number, postal_code)
        select b.municipality_id, b.id, 'Tragtvej', (split_part(b.name, ' ', 2)::int * 10 + g)::text, '8220'
        from building b cross join generate_series(1, 4) g`.execute(trx);
      await sql`
        insert into apartment (municipality_id, staircase_id, floor, door)
        select s.municipality_id, s.id, f, d
        from staircase s cross join generate_series(0, 7) f cross join unnest(array['tv', 'mf', 'th']) d`.execute(
        trx,
      );
      // Apartments numbered per team: the first 300 for prospects, the next 200 for the families.
      await sql`
        create temporary table numbered on commit drop as
        select a.municipality_id, a.id, b.area_id,
          row_number() over (partition by a.municipality_id order by b.name, s.number, a.floor, a.door) as n
        from apartment a
        join staircase s on s.municipality_id = a.municipality_id and s.id = a.staircase_id
        join building b on b.municipality_id = s.municipality_id and b.id = s.building_id`.execute(trx);
      await sql`
        insert into household (municipality_id, team_id, area_id, reference, street, building_number,
          search_text, sort_name, status, apartment_id, eligible, outreach_status, updated_at)
        select n.municipality_id, t.id, n.area_id, 'P-' || lpad(n.n::text, 5, '0'), 'Tragtvej', '1',
          '', '', 'prospect', n.id, true,
          case when n.n % 15 = 0 then 'comparison' else 'eligible' end, now()
        from numbered n join team t on t.municipality_id = n.municipality_id and t.area_id = n.area_id
        where n.n <= 300`.execute(trx);
      await sql`
        update household h set apartment_id = n.id, eligible = true
        from (select h2.municipality_id, h2.id,
                row_number() over (partition by h2.municipality_id order by h2.reference) + 300 as n
              from household h2 where h2.status <> 'prospect') f
        join numbered n on n.municipality_id = f.municipality_id and n.n = f.n
        where h.municipality_id = f.municipality_id and h.id = f.id`.execute(trx);
      // 0–4 visits per prospect over 2025–2026, outcomes by a hash of the household; families
      // get one 'interested' visit three weeks before their enrolment, when it is recent enough.
      await sql`
        insert into outreach_visit (municipality_id, household_id, visited_at, visited_by, outcome, reason,
          call_back_on, client_id)
        select h.municipality_id, h.id,
          timestamptz '2025-01-06 09:00+00' + ((abs(hashtext(h.id::text)) % 600) + g * 9) * interval '1 day',
          u.id, o.outcome,
          case when o.outcome = 'not_interested'
            then (array['no_time', 'has_work_or_education', 'already_helped', 'distrust', 'health', 'moving', 'other'])[1 + abs(hashtext(h.id::text || g)) % 7]
          end,
          case when o.outcome = 'call_back' then date '2026-12-15' end,
          gen_random_uuid()
        from household h
        join app_user u on u.municipality_id = h.municipality_id and u.team_id = h.team_id and u.role = 'team_leader'
        cross join lateral generate_series(1, abs(hashtext(h.id::text)) % 5) g
        cross join lateral (select (array['not_home', 'not_home', 'talked', 'call_back', 'not_interested', 'interested'])[1 + abs(hashtext(h.id::text || 'o' || g)) % 6] as outcome) o
        where h.status = 'prospect'`.execute(trx);
      await sql`
        insert into outreach_visit (municipality_id, household_id, visited_at, visited_by, outcome, client_id)
        select h.municipality_id, h.id, (h.enrolled_on - 21)::timestamp at time zone 'Europe/Copenhagen',
          u.id, 'interested', gen_random_uuid()
        from household h
        join app_user u on u.municipality_id = h.municipality_id and u.team_id = h.team_id and u.role = 'team_leader'
        where h.status <> 'prospect' and h.enrolled_on >= date '2024-01-01'`.execute(trx);
    });
    await sql`vacuum analyze`.execute(k);
    const counts = await sql<{ households: string; visits: string; buildings: string }>`
      select (select count(*) from household where eligible) as households,
        (select count(*) from outreach_visit) as visits, (select count(*) from building) as buildings`.execute(
      k,
    );
    log(
      `  outreach generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])}`,
    );
  } finally {
    await db.close();
  }
}

interface Cell {
  endpoint: 'funnel' | 'building';
  layer: 'app' | 'floor over HTTP' | 'floor';
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
  requests: number;
  errors: number;
  serverCpuMsPerOp?: number;
  firstError?: string;
}

await ensureInstallation('postgres', { log });
await ensureOutreach();

const db = openBenchDb('postgres');
const prefix = municipalityOptions(MEASURED_MUNICIPALITY).usernamePrefix;
const { rows: actorRows } = await sql<{
  municipality_id: string;
  user_id: string;
  team_id: string;
  area_id: string;
}>`
  select u.municipality_id, u.id as user_id, u.team_id, t.area_id
  from app_user u join team t on t.municipality_id = u.municipality_id and t.id = u.team_id
  where u.username = ${`${prefix}leader`}`.execute(db.kysely);
const actor = actorRows[0]!;
const { rows: buildingRows } = await sql<{ id: string }>`
  select id from building where municipality_id = ${actor.municipality_id} and area_id = ${actor.area_id} order by name`.execute(
  db.kysely,
);
const { rows: sizeRows } = await sql<{ households: string; visits: string }>`
  select (select count(*) from household where municipality_id = ${actor.municipality_id} and area_id = ${actor.area_id} and eligible) as households,
    (select count(*) from outreach_visit where municipality_id = ${actor.municipality_id}) as visits`.execute(
  db.kysely,
);
const { rows: totalRows } = await sql<{ households: string; visits: string; municipalities: string }>`
  select (select count(*) from household where eligible) as households, (select count(*) from outreach_visit) as visits,
    (select count(*) from municipality) as municipalities`.execute(db.kysely);
const dbVersion = await databaseVersion(db);
await db.close();
const buildings = buildingRows.map((b) => b.id);

// --profile: V8's CPU profile of the server (app and floor over HTTP share it), read with bench/profile.ts.
const profileDir = process.argv.includes('--profile') ? '/tmp/staircase-bench-profile/funnel' : undefined;
const server = await startServer('postgres', profileDir);
const client = httpClient('undici');
const app = `http://127.0.0.1:${server.ports.app}`;
const bare = `http://127.0.0.1:${server.ports.bare}`;
const session = await signIn(client, app, `${prefix}leader`);
const driver = openSqlDriver('postgres');
const floorActor = { municipalityId: actor.municipality_id, userId: actor.user_id, teamId: actor.team_id };
const actorPath = `${actor.municipality_id}/${actor.user_id}/${actor.team_id}`;

const ok = async (url: string, headers: Record<string, string> = {}) => {
  const reply = await client(url, { headers });
  if (reply.status !== 200) throw new Error(`${url}: ${reply.status} ${reply.body.slice(0, 200)}`);
  return reply.body;
};
const operations: Record<Cell['endpoint'], Record<Cell['layer'], (i: number) => Promise<unknown>>> = {
  funnel: {
    app: () => ok(`${app}/api/outreach/funnel?areaId=${actor.area_id}`, { cookie: session.cookie }),
    'floor over HTTP': () => ok(`${bare}/floor/funnel/${actorPath}/${actor.area_id}`),
    floor: () => floorFunnel(driver, floorActor, actor.area_id),
  },
  building: {
    app: (i) =>
      ok(`${app}/api/outreach/buildings/${buildings[i % buildings.length]}`, { cookie: session.cookie }),
    'floor over HTTP': (i) => ok(`${bare}/floor/building/${actorPath}/${buildings[i % buildings.length]}`),
    floor: (i) => floorBuilding(driver, floorActor, buildings[i % buildings.length]!),
  },
};

// The app and its floors must agree before anything is timed.
const appFunnel = JSON.parse(
  await ok(`${app}/api/outreach/funnel?areaId=${actor.area_id}`, { cookie: session.cookie }),
);
const floorRow = (await floorFunnel(driver, floorActor, actor.area_id)) as Record<string, unknown>;
for (const stage of ['eligible', 'contacted', 'talked', 'interested', 'enrolled'] as const)
  if (appFunnel.stages[stage] !== floorRow[stage])
    throw new Error(`app and floor disagree on ${stage}: ${appFunnel.stages[stage]} vs ${floorRow[stage]}`);
log(`  the area's funnel: ${JSON.stringify(appFunnel.stages)}, ${appFunnel.months.length} months`);

const plan = quick
  ? { 1: { warmup: 20, requests: 100 }, 16: { warmup: 32, requests: 300 } }
  : { 1: { warmup: 100, requests: 500 }, 16: { warmup: 320, requests: 2000 } };
const settleCount = quick ? 200 : 1500;

const cells: Cell[] = [];
for (const endpoint of ['funnel', 'building'] as const) {
  for (const layer of ['floor', 'app', 'floor over HTTP'] as const)
    await settle(settleCount, 16, async (i) => {
      await operations[endpoint][layer](i);
    });
  for (const concurrency of [1, 16] as const) {
    // Alternating order per concurrency, so no layer always meets the machine first.
    const layers =
      concurrency === 1
        ? (['floor', 'app', 'floor over HTTP'] as const)
        : (['floor over HTTP', 'app', 'floor'] as const);
    for (const layer of layers) {
      let cpuStart = 0;
      let cpuMicros: number | undefined;
      await server.collectGarbage();
      const result = await runLoad({
        concurrency,
        ...plan[concurrency],
        operation: async (i) => {
          await operations[endpoint][layer](i);
        },
        beforeTimed: async () => {
          cpuStart = await server.cpuMicros();
        },
        afterTimed: async () => {
          cpuMicros = (await server.cpuMicros()) - cpuStart;
        },
      });
      const cell: Cell = {
        endpoint,
        layer,
        concurrency,
        p50: result.p50,
        p95: result.p95,
        p99: result.p99,
        throughput: result.throughput,
        requests: result.requests,
        errors: result.errors,
        ...(layer === 'floor'
          ? {}
          : { serverCpuMsPerOp: Math.round((cpuMicros! / 1000 / result.requests) * 1000) / 1000 }),
        ...(result.firstError ? { firstError: result.firstError } : {}),
      };
      cells.push(cell);
      log(
        `  ${endpoint.padEnd(8)} ${layer.padEnd(15)} c=${String(concurrency).padEnd(2)} p50 ${cell.p50.toFixed(2)} p95 ${cell.p95.toFixed(2)} p99 ${cell.p99.toFixed(2)} ms ${Math.round(cell.throughput)}/s${cell.serverCpuMsPerOp !== undefined ? ` server cpu ${cell.serverCpuMsPerOp} ms/op` : ''}${cell.errors ? ` ERRORS ${cell.errors}: ${cell.firstError}` : ''}`,
      );
    }
  }
}
await server.stop();
await driver.close();

const date = new Date().toISOString().slice(0, 10);
const find = (endpoint: string, layer: string, c: number) =>
  cells.find((x) => x.endpoint === endpoint && x.layer === layer && x.concurrency === c)!;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const machine = machineFacts();
const result = {
  date,
  mode: quick ? 'quick' : 'full',
  code: codeVersion(),
  database: dbVersion,
  machine,
  scale: {
    municipalities: Number(totalRows[0]!.municipalities),
    eligibleHouseholds: Number(totalRows[0]!.households),
    visits: Number(totalRows[0]!.visits),
    measuredArea: { households: Number(sizeRows[0]!.households), visits: Number(sizeRows[0]!.visits) },
  },
  cells,
};
await mkdir(out, { recursive: true });
const base = join(out, `${date}-outreach-postgres`);
await writeFile(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
const lines = [
  `# Outreach at national scale: the funnel and the building picture, PostgreSQL, ${date}`,
  '',
  `\`npx tsx bench/funnel.ts${quick ? ' --quick' : ''}\` at ${result.code.commit} (uncommitted: src ${result.code.uncommittedSrcFiles}, bench ${result.code.uncommittedBenchFiles} files). ${result.scale.municipalities} municipalities, ` +
    `${result.scale.eligibleHouseholds} eligible households, ${result.scale.visits} visits; the measured team's area: ` +
    `${result.scale.measuredArea.households} households, ${result.scale.measuredArea.visits} visits, 10 buildings of 96 apartments. ` +
    `Machine: ${JSON.stringify(machine)}.`,
  '',
  '| endpoint | clients | app p50 / p95 (ms) | floor over HTTP p50 / p95 | floor p50 / p95 | app ÷ floor over HTTP (p50 / p95) | app ÷ floor (p50 / p95) | server CPU ms/op app / floor over HTTP |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...(['funnel', 'building'] as const).flatMap((e) =>
    ([1, 16] as const).map((c) => {
      const a = find(e, 'app', c);
      const h = find(e, 'floor over HTTP', c);
      const f = find(e, 'floor', c);
      return `| ${e} | ${c} | ${a.p50} / ${a.p95} | ${h.p50} / ${h.p95} | ${f.p50} / ${f.p95} | ${ratio(a.p50, h.p50)} / ${ratio(a.p95, h.p95)} | ${ratio(a.p50, f.p50)} / ${ratio(a.p95, f.p95)} | ${a.serverCpuMsPerOp} / ${h.serverCpuMsPerOp} |`;
    }),
  ),
  '',
];
await writeFile(`${base}.md`, `${lines.join('\n')}\n`);
log(`  wrote ${base}.{json,md}`);
