import './team-week-env';
import { writeFile } from 'node:fs/promises';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { countNotes, familyNotes, type NoteViewer } from '../src/server/journal/journal.queries';
import { askedTasks, familyTasks, myTasks, taskHelpers } from '../src/server/plans/plans.queries';
import { argOf } from './args';
import { MEASURED_MUNICIPALITY, municipalityOptions, POSTGRES_URL } from './settings';
import { compileOnly, sqlLiteral } from './sql-capture';
import { loadWeekWorkload } from './team-week-floor';

/**
 * `npx tsx bench/team-week-explain.ts [--out FILE]`: EXPLAIN (ANALYZE, BUFFERS) of the app's own
 * statements behind "My tasks", "Asked of me" and the family page's tasks and journal, on the
 * team-week installation (run bench/team-week.ts first), as the app runs them: a named prepared
 * statement executed six times first, so PostgreSQL has settled on its plan (decision 0010).
 */
const out = argOf('--out', '');
const client = new pg.Client({ connectionString: POSTGRES_URL });
await client.connect();
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};
try {
  const query = async (text: string, params: unknown[]) => (await client.query(text, params)).rows;
  const w = await loadWeekWorkload(query, municipalityOptions(MEASURED_MUNICIPALITY).usernamePrefix);
  const [member, specialist] = w.actors;
  const memberFamily = w.families[0][0]!;
  const specialistFamily = w.families[1][0]!;
  const viewer = (a: typeof member, familyId: string, own: boolean): NoteViewer => ({
    municipalityId: a.municipalityId,
    familyId,
    userId: a.userId,
    whole: own,
    readsSensitive: own,
    readsTasks: true,
  });
  const mineIds = (
    await query('select id from task where municipality_id = $1 limit 200', [member.municipalityId])
  ).map((r) => String(r.id));
  const cases: [string, (db: ReturnType<typeof compileOnly>['db']) => Promise<unknown>][] = [
    ['myTasks (pair member)', (db) => myTasks(db, member.municipalityId, member.userId)],
    ['askedTasks (specialist)', (db) => askedTasks(db, specialist.municipalityId, specialist.userId)],
    ['familyTasks (pair member’s family)', (db) => familyTasks(db, member.municipalityId, memberFamily)],
    ['taskHelpers (200 tasks)', (db) => taskHelpers(db, member.municipalityId, mineIds)],
    [
      'familyNotes page 1 (pair member)',
      (db) => familyNotes(db, viewer(member, memberFamily, true), { limit: 20, offset: 0 }),
    ],
    ['countNotes (pair member)', (db) => countNotes(db, viewer(member, memberFamily, true))],
    [
      'familyNotes page 1 (specialist, another team)',
      (db) => familyNotes(db, viewer(specialist, specialistFamily, false), { limit: 20, offset: 0 }),
    ],
    ['countNotes (specialist)', (db) => countNotes(db, viewer(specialist, specialistFamily, false))],
  ];
  say(`-- team week: EXPLAIN (ANALYZE, BUFFERS) of the app's statements, ${new Date().toISOString()}`);
  say(`-- ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//')}, actors ${member.username} and ${specialist.username}`);
  for (const [n, [title, run]] of cases.entries()) {
    const { db, captured } = compileOnly();
    await run(db).catch(() => undefined);
    const compiled = captured[0] as CompiledQuery;
    const name = `week_explain_${n}`;
    const args = compiled.parameters.length ? `(${compiled.parameters.map(sqlLiteral).join(', ')})` : '';
    await client.query(`prepare ${name} as ${compiled.sql}`);
    for (let i = 0; i < 6; i++) await client.query(`execute ${name}${args}`);
    const plan = await client.query(`explain (analyze, buffers) execute ${name}${args}`);
    say(`\n-- ${title}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    await client.query(`deallocate ${name}`);
  }
} finally {
  await client.end();
}
if (out) await writeFile(out, `${lines.join('\n')}\n`);
