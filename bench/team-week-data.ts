import pg from 'pg';
import { dropInstallation, ensurePostgresDatabase } from './databases';
import { ensureInstallation, type InstallationInfo } from './generate';
import { BENCH_SCALE, POSTGRES_URL } from './settings';

/**
 * The team-week installation (issue 14, bench/team-week.ts): the families benchmark's national
 * installation (generate.ts: 100 municipalities × 200 families, the real schema by migrations),
 * and on it, generated in the server by `insert … select … from generate_series` — never row by
 * row from Node — per family 50 tasks and 250 journal notes: 1,000,000 tasks and 5,000,000 notes.
 *
 * - Tasks: levels 1–3 (50/30/20 %), every state (10 % still open in one of the four open states,
 *   70 % done, 20 % dropped), created over five years (open ones in the last four months), owned
 *   by the family's pair, 60 % with a due date, 5 % with a helper. Half of level 2–3 tasks are
 *   routed: asked 30 %, accepted 45 %, handed back 25 %; half of those to one specialist of a
 *   second team of the municipality (`mNNN_specialist1`, the one with many requests asked of
 *   them), the rest spread over the team's members and the second team's three specialists.
 * - Notes: five years of contacts, every kind, 10 % sensitive (with a category), 20 % with an
 *   interpreter, 5 % corrected once (two text versions); each with its author as participant and
 *   40 % with a family member too; 30 % linked to one of the family's tasks.
 *
 * The load runs with `session_replication_role = replica` (foreign-key triggers off: the rows
 * are built from the keys they reference, and 25 million trigger calls would be most of the
 * time), then `vacuum analyze`. The data key lives in `bench_week_data` (the families
 * installation keeps its own as the database's comment); a stored installation whose key
 * differs is thrown away and generated again.
 */
export const WEEK_SCALE = { tasksPerFamily: 50, notesPerFamily: 250 } as const;

export const WEEK_DATA_VERSION = `staircase-bench-week v2 ${BENCH_SCALE.municipalities}x${BENCH_SCALE.families}f/${WEEK_SCALE.tasksPerFamily}t/${WEEK_SCALE.notesPerFamily}n`;

export interface WeekInstallation {
  base: InstallationInfo;
  generated: boolean;
  /** Seconds of the week's own generation (tasks, notes, vacuum analyze), when it ran. */
  seconds: number | undefined;
  steps: { step: string; seconds: number }[];
  counts: { families: number; tasks: number; notes: number; noteVersions: number; noteTaskLinks: number };
}

const TASK_WORDS = [
  'Skrive et CV sammen med parret',
  'Søge praktik i et supermarked',
  'Lave et budget for en måned',
  'Søge boligstøtte',
  'Samle alle regninger i én mappe',
  'Finde en aflastningsfamilie',
  'Tale med sundhedsplejersken om søvn',
  'Holde møde med klasselæreren',
  'Finde lektiehjælp',
  'Få en tid hos egen læge',
  'Finde en psykolog, der taler arabisk',
  'Skrive os op til en større bolig',
  'Tilmelde sig danskundervisning om aftenen',
  'Finde en fritidsaktivitet til den yngste',
];

const NOTE_TEXTS = [
  'Hjemmebesøg. Vi talte om ugens aftaler og gik budgettet igennem sammen. Mor fortalte, at regningen fra varmeværket er betalt, og at de næste skridt er en aftale med banken.',
  'Telefonsamtale med far om praktikken. Han har været der tre dage og er glad for kollegerne. Vi aftalte at følge op i næste uge, når han har talt med sin leder om timerne.',
  'Møde på kontoret. Familien havde brevene med fra kommunen, og vi læste dem sammen. Vi aftalte, hvem der ringer til jobcentret, og at datteren kommer med til næste møde.',
  'Netværksmøde med skolen og sundhedsplejersken om den ældste. Skolen oplever fremgang i fraværet. Aftalt: ugentlig kontakt mellem mor og klasselæreren frem til jul.',
  'SMS-kontakt: mor bekræftede tiden hos egen læge og bad om hjælp til at finde vej dertil. Parret følger hende derhen på torsdag.',
  'Hjemmebesøg med tolk. Vi gennemgik planen og drømmene igen; familien vil gerne prioritere boligen. Ansøgningen til boligforeningen er sendt i dag.',
  'Møde med myndighed om ydelsen. Sagsbehandleren forklarede reglerne, og familien fik svar på deres spørgsmål. Næste møde er om fire uger.',
  'Kort telefonopkald: far meldte afbud til mødet i morgen, fordi den yngste er syg. Ny tid aftalt til mandag.',
];

const log = (line: string) => console.log(line);

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  return client;
}

async function storedWeekVersion(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ exists: boolean }>(
    "select to_regclass('bench_week_data') is not null as exists",
  );
  if (!rows[0]?.exists) return null;
  const stored = await client.query<{ key: string }>('select key from bench_week_data');
  return stored.rows[0]?.key ?? null;
}

async function countWeek(client: pg.Client): Promise<WeekInstallation['counts']> {
  const { rows } = await client.query<Record<keyof WeekInstallation['counts'], string>>(`
    select (select count(*) from household) as "families", (select count(*) from task) as "tasks",
      (select count(*) from journal_note) as "notes",
      (select count(*) from journal_note_version) as "noteVersions",
      (select count(*) from journal_note_task) as "noteTaskLinks"`);
  const r = rows[0]!;
  return {
    families: Number(r.families),
    tasks: Number(r.tasks),
    notes: Number(r.notes),
    noteVersions: Number(r.noteVersions),
    noteTaskLinks: Number(r.noteTaskLinks),
  };
}

/** A uniform draw in [0, 1) of one task (family `h`, number `g`), named so draws are independent. */
const draw = (name: string) =>
  `((hashtext(h.id::text || ':' || g || ':${name}') & 2147483647)::float8 / 2147483648)`;

const sqlArray = (values: readonly string[]) =>
  `(array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}])`;

/** The week's statements, in order; each is timed (exported for a partial rebuild by hand). */
export function weekStatements(): { step: string; sql: string }[] {
  const { tasksPerFamily, notesPerFamily } = WEEK_SCALE;
  return [
    {
      step: 'clear the demo journal',
      // The families installation's demo notes: the week's notes replace them, so the counts are exact.
      // And whatever an interrupted load left: the week's rows and its second team are made again.
      sql: `delete from journal_note_task; delete from journal_note_participant;
        delete from journal_note_version; delete from journal_note; delete from task_helper; delete from task;
        delete from user_session where user_id in (select id from app_user where username like '%\\_specialist_');
        delete from app_user where username like '%\\_specialist_';
        delete from team where name = 'Opgang til Opgang Bispehaven'`,
    },
    {
      step: 'a second team with three specialists per municipality',
      sql: `
        insert into team (municipality_id, area_id, name)
        select a.municipality_id, a.id, 'Opgang til Opgang ' || a.name from area a where a.name = 'Bispehaven';
        insert into app_user (municipality_id, username, display_name, role, team_id, department_id, password_hash)
        select t.municipality_id, replace(l.username, 'leader', 'specialist' || s),
          (array['Yasmin Lund', 'Henrik Bach', 'Fatima Holm'])[s], 'team_member', t.id, d.id, l.password_hash
        from team t
        join app_user l on l.municipality_id = t.municipality_id and l.role = 'team_leader' and l.username like '%\\_leader'
        cross join generate_series(1, 3) s
        join department d on d.municipality_id = t.municipality_id and d.position = s
        where t.name = 'Opgang til Opgang Bispehaven'`,
    },
    {
      step: 'the municipalities at a glance',
      sql: `
        create temporary table week_m as
        select mu.id as municipality_id,
          (select array_agg(c.id order by c.position) from competence_domain c where c.municipality_id = mu.id) as domains,
          (select array_agg(u.id order by u.username) from app_user u
            where u.municipality_id = mu.id and u.role = 'team_member') as staff,
          (select u.id from app_user u where u.municipality_id = mu.id and u.username like '%\\_specialist1') as specialist,
          (select u.id from app_user u where u.municipality_id = mu.id and u.username like '%\\_leader') as leader
        from municipality mu`,
    },
    {
      step: `tasks (${tasksPerFamily} per family)`,
      sql: `
        insert into task (municipality_id, household_id, words, raised_by_staff_id, domain_id, level, owner_id,
          routed_to, routing_state, hand_back_reason, due_on, state, drop_reason, created_at, updated_at)
        select municipality_id, household_id, words, owner_id, domain_id, level, owner_id,
          case when routed then routed_to end,
          case when not routed then 'none' when r_rs < 0.3 then 'asked' when r_rs < 0.75 then 'accepted' else 'handed_back' end,
          case when routed and r_rs >= 0.75 then 'Ikke min faglighed – prøv sundhedsplejen' end,
          case when r_due < 0.6 then (created_at + (7 + floor(r_due * 140)) * interval '1 day')::date end,
          state, case when state = 'dropped' then 'Familien ønskede det ikke længere' end,
          created_at, created_at + r_upd * (timestamptz '2026-11-25 12:00+00' - created_at)
        from (
          select *, level >= 2 and r_route < 0.5 as routed,
            timestamptz '2026-11-25 12:00+00'
              - (case when state in ('done', 'dropped') then r_age * 5 * 365 else r_age * 120 end) * interval '1 day' as created_at
          from (
            select h.municipality_id, h.id as household_id,
              ${sqlArray(TASK_WORDS)}[1 + floor(${draw('words')} * ${TASK_WORDS.length})::int] as words,
              case when g % 2 = 0 then coalesce(p.first_member_id, m.leader) else coalesce(p.second_member_id, m.leader) end as owner_id,
              m.domains[1 + floor(r_domain * array_length(m.domains, 1))::int] as domain_id,
              case when r_level < 0.5 then 1 when r_level < 0.8 then 2 else 3 end as level,
              case when r_who < 0.5 then m.specialist else m.staff[1 + floor(r_staff * array_length(m.staff, 1))::int] end as routed_to,
              case when r_state < 0.04 then 'open' when r_state < 0.07 then 'in_progress'
                when r_state < 0.085 then 'waiting_family' when r_state < 0.10 then 'waiting_authority'
                when r_state < 0.80 then 'done' else 'dropped' end as state,
              r_route, r_rs, r_due, r_age, r_upd
            from household h
            join week_m m on m.municipality_id = h.municipality_id
            left join pair_assignment p
              on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
            cross join generate_series(1, ${tasksPerFamily}) g
            -- Per task, drawn from a hash of the family's id, g and the draw's name: random() in a
            -- lateral subquery was drawn once per family or once per g, depending on the plan.
            cross join lateral (select ${[
              'level',
              'state',
              'route',
              'rs',
              'due',
              'age',
              'upd',
              'domain',
              'who',
              'staff',
            ]
              .map((k) => `${draw(k)} as r_${k}`)
              .join(', ')}) r
            offset 0
          ) x
          offset 0
        ) y`,
    },
    {
      step: 'task helpers (5 %)',
      sql: `
        insert into task_helper (municipality_id, task_id, user_id)
        select t.municipality_id, t.id, m.staff[1 + floor(random() * array_length(m.staff, 1))::int]
        from task t join week_m m on m.municipality_id = t.municipality_id
        where random() < 0.05`,
    },
    {
      step: `notes (${notesPerFamily} per family)`,
      sql: `
        insert into journal_note (municipality_id, household_id, occurred_on, kind, interpreter_used, interpreter_language,
          sensitive, sensitive_category, version, created_by, created_at, updated_at)
        select municipality_id, household_id, occurred_on, kind, interpreter, case when interpreter then 'ar' end,
          sensitive, case when sensitive then category end, case when r_corr < 0.05 then 2 else 1 end, writer,
          occurred_on + time '16:00' + r_corr * interval '2 days', occurred_on + time '16:00' + r_corr * interval '2 days'
        from (
          select h.municipality_id, h.id as household_id,
            date '2026-11-25' - floor(random() * 5 * 365)::int as occurred_on,
            (array['home_visit', 'office', 'phone', 'text', 'authority_meeting', 'network_meeting'])[1 + floor(random() * 6)::int] as kind,
            random() < 0.2 as interpreter,
            random() < 0.1 as sensitive,
            (array['health', 'violence', 'abuse', 'criminal', 'other'])[1 + floor(random() * 5)::int] as category,
            random() as r_corr,
            case when g % 2 = 0 then coalesce(p.first_member_id, m.leader) else coalesce(p.second_member_id, m.leader) end as writer
          from household h
          join week_m m on m.municipality_id = h.municipality_id
          left join pair_assignment p
            on p.municipality_id = h.municipality_id and p.household_id = h.id and p.ended_at is null
          cross join generate_series(1, ${notesPerFamily}) g
          offset 0
        ) x`,
    },
    {
      step: 'note texts (a second version for corrected notes)',
      sql: `
        insert into journal_note_version (municipality_id, note_id, version, text, written_by, written_at)
        select n.municipality_id, n.id, v, ${sqlArray(NOTE_TEXTS)}[1 + floor(random() * ${NOTE_TEXTS.length})::int]
            || case when v = 2 then ' (Rettet: datoen for næste møde.)' else '' end,
          n.created_by, n.created_at + (v - 1) * interval '1 day'
        from journal_note n cross join lateral generate_series(1, n.version) v`,
    },
    {
      step: 'note participants (the author; 40 % a family member too)',
      sql: `
        insert into journal_note_participant (municipality_id, note_id, position, kind, staff_id)
        select municipality_id, id, 0, 'staff', created_by from journal_note;
        create temporary table week_adult as
        select distinct on (municipality_id, household_id) municipality_id, household_id, id as person_id
        from person where household_role <> 'child' order by municipality_id, household_id, birth_date, id;
        insert into journal_note_participant (municipality_id, note_id, position, kind, person_id)
        select n.municipality_id, n.id, 1, 'member', a.person_id
        from journal_note n join week_adult a on a.municipality_id = n.municipality_id and a.household_id = n.household_id
        where random() < 0.4`,
    },
    {
      step: 'notes linked to tasks (30 %)',
      sql: `
        create temporary table week_task as
        select municipality_id, household_id, id, row_number() over (partition by municipality_id, household_id order by id) as n
        from task;
        create index on week_task (municipality_id, household_id, n);
        analyze week_task;
        insert into journal_note_task (municipality_id, note_id, task_id)
        select n.municipality_id, n.id, t.id
        from (select municipality_id, household_id, id, 1 + floor(random() * ${tasksPerFamily})::int as pick
              from journal_note where random() < 0.3 offset 0) n
        join week_task t on t.municipality_id = n.municipality_id and t.household_id = n.household_id and t.n = n.pick`,
    },
  ];
}

async function loadWeek(client: pg.Client) {
  const steps: WeekInstallation['steps'] = [];
  await client.query('set session_replication_role = replica');
  await client.query("set work_mem = '256MB'");
  await client.query("set maintenance_work_mem = '512MB'");
  await client.query('select setseed(0.20261207)');
  // The secondary indexes are built once after the load (a sort) rather than row by row (random
  // inserts into several B-trees): the same definitions, read from the catalogue and put back.
  // They are kept in a table first, so a load interrupted after the drop still puts them back.
  await client.query(
    'create table if not exists bench_week_indexes (name text primary key, definition text not null)',
  );
  await client.query(`
    insert into bench_week_indexes (name, definition)
    select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    from pg_index i
    where i.indrelid in ('task'::regclass, 'task_helper'::regclass, 'journal_note'::regclass,
        'journal_note_version'::regclass, 'journal_note_participant'::regclass, 'journal_note_task'::regclass)
      and not i.indisprimary and not i.indisunique
    on conflict (name) do nothing`);
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    'select name, definition from bench_week_indexes order by name',
  );
  for (const { name } of indexes) await client.query(`drop index if exists ${name}`);
  for (const { step, sql } of weekStatements()) {
    const started = performance.now();
    await client.query(sql);
    const seconds = (performance.now() - started) / 1000;
    steps.push({ step, seconds: Math.round(seconds * 10) / 10 });
    log(`  week: ${step} (${seconds.toFixed(1)} s)`);
  }
  await client.query('reset session_replication_role');
  const indexed = performance.now();
  for (const { definition } of indexes) await client.query(definition);
  await client.query('drop table bench_week_indexes');
  const indexSeconds = (performance.now() - indexed) / 1000;
  steps.push({ step: 'secondary indexes', seconds: Math.round(indexSeconds * 10) / 10 });
  log(`  week: ${indexes.length} secondary indexes (${indexSeconds.toFixed(1)} s)`);
  const started = performance.now();
  // Fresh statistics and a visibility map, as autovacuum would leave them on a live server.
  await client.query('vacuum analyze');
  const seconds = (performance.now() - started) / 1000;
  steps.push({ step: 'vacuum analyze', seconds: Math.round(seconds * 10) / 10 });
  log(`  week: vacuum analyze (${seconds.toFixed(1)} s)`);
  await client.query('create table if not exists bench_week_data (key text not null)');
  await client.query('delete from bench_week_data');
  await client.query('insert into bench_week_data (key) values ($1)', [WEEK_DATA_VERSION]);
  return steps;
}

/**
 * Makes sure the week's installation exists at the current keys (the families installation's and
 * the week's): reused if so, otherwise thrown away and generated again. Migrations run either way.
 */
export async function ensureWeekInstallation(options: { force?: boolean } = {}): Promise<WeekInstallation> {
  await ensurePostgresDatabase();
  if (options.force) await dropInstallation('postgres');
  const base = await ensureInstallation('postgres', { log });
  const client = await connect();
  try {
    const stored = await storedWeekVersion(client);
    if (stored === WEEK_DATA_VERSION && !base.generated) {
      const counts = await countWeek(client);
      log(`  week: reused ${counts.tasks} tasks, ${counts.notes} notes`);
      return { base, generated: false, seconds: undefined, steps: [], counts };
    }
    // A new base, another key, or a load that was interrupted: the week's first step clears it.
    if (stored !== null) log(`  week: stored data is "${stored}", rebuilding`);
    await client.query('drop table if exists bench_week_data');
    log(`  week: generating ${WEEK_DATA_VERSION}…`);
    const started = performance.now();
    const steps = await loadWeek(client);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const counts = await countWeek(client);
    log(`  week: generated ${counts.tasks} tasks, ${counts.notes} notes in ${seconds} s`);
    return { base, generated: true, seconds, steps, counts };
  } finally {
    await client.end();
  }
}
