#!/usr/bin/env node
// `npm run bench:smoke` (and a step of `npm test`): the benchmark end to end at toy size — two
// municipalities, a database `staircase_bench_smoke` beside the test database and a PGlite
// folder under /tmp, so the full installation is never touched. It fails when the benchmark no
// longer runs, a request fails, or the app and its hand-written floors no longer answer alike.
// Its timings mean nothing and are not read.
import { spawnSync } from 'node:child_process';

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const env = {
  ...process.env,
  BENCH_MUNICIPALITIES: '2',
  BENCH_PGLITE_DIR: '/tmp/staircase-bench-smoke-pglite',
  BENCH_POOL_SIZE: '4',
};
if (serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = '/staircase_bench_smoke';
  env.BENCH_DATABASE_URL = url.toString();
}
const run = spawnSync('npx', ['tsx', 'bench/run.ts', '--smoke', '--db', serverUrl ? 'both' : 'pglite'], {
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);
