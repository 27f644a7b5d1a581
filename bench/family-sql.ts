import pg from 'pg';
import { buildApp } from '../src/server/app';
import { benchConfig, sessionCookie } from './bench-app';
import { openBenchDb } from './databases';
import { floorFamily, openSqlDriver } from './floor';
import { buildWorkload } from './workload';

/**
 * `npx tsx bench/family-sql.ts`: every statement `GET /api/families/:id` sends to PostgreSQL, as
 * the wire sees it (pg's Client.query, so begin and commit too), for each of the benchmark's two
 * actors, and beside them the floor's (floor.ts `floorFamily`). The floor must send the same
 * statements in the same round trips; the script fails when the counts differ. Needs the
 * benchmark's installation (`npx tsx bench/generate.ts --db postgres`).
 */
interface Sent {
  text: string;
  values: number;
}
let recording: Sent[] | undefined;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [first, second] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
  if (recording) {
    const text = typeof first === 'string' ? first : (first.text ?? '');
    const values = typeof first === 'string' ? (second?.length ?? 0) : (first.values?.length ?? 0);
    recording.push({ text: text.replace(/\s+/g, ' ').trim(), values });
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

async function capture(work: () => Promise<unknown>): Promise<Sent[]> {
  recording = [];
  try {
    await work();
    return recording;
  } finally {
    recording = undefined;
  }
}

const show = (title: string, sent: Sent[]) => {
  console.log(`\n${title}: ${sent.length} round trips`);
  for (const [i, s] of sent.entries()) console.log(`  ${i + 1}. (${s.values} values) ${s.text}`);
};

const workload = buildWorkload();
const db = openBenchDb('postgres');
const app = await buildApp({ db, config: benchConfig(), logger: false });
await app.ready();
const driver = openSqlDriver('postgres');
let differ = false;
try {
  const familyId = workload.familyIds[0]!;
  for (const [n, actor] of workload.actors.entries()) {
    const cookie = await sessionCookie(app, actor.username);
    const page = () =>
      app.inject({ method: 'GET', url: `/api/families/${familyId}`, headers: { cookie } }).then((r) => {
        if (r.statusCode !== 200) throw new Error(`family page: ${r.statusCode}`);
      });
    // The first request reads the session into the cache; the benchmark's requests find it there.
    await page();
    const app_ = await capture(page);
    const floor = await capture(() => floorFamily(driver, actor, familyId));
    show(`app, ${actor.role} (actor ${n})`, app_);
    show(`floor, ${actor.role} (actor ${n})`, floor);
    if (app_.length !== floor.length) differ = true;
  }
} finally {
  await driver.close();
  await app.close();
  await db.close();
}
if (differ) {
  console.error('\nThe floor and the app send a different number of statements.');
  process.exitCode = 1;
}
