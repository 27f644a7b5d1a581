import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CONNECT_TIMEOUT_MILLIS, openDatabase, POOL_IDLE_MILLIS } from '../src/db/client';
import { namedStatementPool } from '../src/db/named-statements';
import { oneQueryAtATime } from '../src/db/one-query-at-a-time';
import { POSTGRES_URL } from './settings';
import { buildWorkload } from './workload';

/**
 * `npx tsx bench/transaction-cost.ts`: the client-side CPU of one family read's transaction shape
 * (begin, five selects, commit) through the app's path — Kysely's transaction and executor, the
 * one-query-at-a-time loan, named statements — against Kysely without the loan and against the
 * bare pg client the floor uses, in blocks taken in turn (the database's CPU is not counted: it
 * is another process). Needs the benchmark's installation (`npx tsx bench/generate.ts`).
 */
const TEXT = 'select id, reference, street, postal_code from household where id = $1';
const SELECTS = 5;
const BLOCK = 100;
const ROUNDS = Number(process.env.ROUNDS ?? 20);

const app = openDatabase({ url: POSTGRES_URL, poolSize: 4 });
const plainPool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4 });
const noLoan = new Kysely<never>({ dialect: new PostgresDialect({ pool: namedStatementPool(plainPool) }) });
// The app's pool settings (idle and connect timeouts) with and without the loan.
const appPool = () =>
  new pg.Pool({
    connectionString: POSTGRES_URL,
    max: 4,
    idleTimeoutMillis: POOL_IDLE_MILLIS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MILLIS,
  });
const settingsNoLoan = new Kysely<never>({
  dialect: new PostgresDialect({ pool: namedStatementPool(appPool()) }),
});
const settingsLoan = new Kysely<never>({
  dialect: oneQueryAtATime(new PostgresDialect({ pool: namedStatementPool(appPool()) })),
});
const barePool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4 });
const ids = buildWorkload().familyIds;
let n = 0;

const throughKysely = (k: Kysely<never>) => async () => {
  const id = ids[n++ % ids.length];
  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < SELECTS; i++) await trx.executeQuery(CompiledQuery.raw(TEXT, [id]));
  });
};
async function throughPg() {
  const id = ids[n++ % ids.length];
  const client = await barePool.connect();
  try {
    await client.query('begin');
    for (let i = 0; i < SELECTS; i++)
      await client.query({ name: 'transaction_cost', text: TEXT, values: [id] });
    await client.query('commit');
  } finally {
    client.release();
  }
}

const ways: [string, () => Promise<void>][] = [
  ["the app's (Kysely, loan, named statements)", throughKysely(app.kysely as unknown as Kysely<never>)],
  ['Kysely and named statements, no loan', throughKysely(noLoan)],
  ["the app's pool settings, no loan", throughKysely(settingsNoLoan)],
  ["the app's pool settings and the loan", throughKysely(settingsLoan)],
  ['bare pg (the floor)', throughPg],
];
async function block(run: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / BLOCK;
}
for (let i = 0; i < 300; i++) for (const [, run] of ways) await run();
const results = ways.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with another way, so a drift in the machine favours none.
  for (let w = 0; w < ways.length; w++) {
    const k = (w + round) % ways.length;
    results[k]!.push(await block(ways[k]![1]));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [w, [name]] of ways.entries()) {
  console.log(
    `begin + ${SELECTS} selects + commit, client CPU µs (median of ${ROUNDS} blocks): ${median(results[w]!).toFixed(0)}  ${name}`,
  );
}
await app.close();
await noLoan.destroy();
await settingsNoLoan.destroy();
await settingsLoan.destroy();
await barePool.end();
