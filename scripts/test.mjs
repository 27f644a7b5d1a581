#!/usr/bin/env node
// `npm test`: what CI runs, in order — lint, type-check, unit + integration tests (PGlite, and
// PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set), the benchmark's smoke run, web
// build, browser tests.
// Ends with one plain line "N passed, N failed" counted from Vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  [
    'unit+integration',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'unit',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/unit-integration.json`,
    ],
  ],
  // The benchmark end to end at toy size (scripts/bench-smoke.mjs): it still runs, and the app
  // and its hand-written floors still answer alike.
  ['bench smoke', 'node', ['scripts/bench-smoke.mjs']],
  ['web build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  [
    'e2e',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'e2e',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/e2e.json`,
    ],
  ],
];

if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) {
  console.log('Note: no TEST_DATABASE_URL/DATABASE_URL — integration tests run on PGlite only.');
}

let failedStep = null;
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(
    `=== ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (run.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
for (const file of ['unit-integration.json', 'e2e.json']) {
  const path = `${results}/${file}`;
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}
if (failedStep && failed === 0) failed = 1; // a failed lint/type/build step counts as a failure
console.log(`\n${failedStep ? `Failed at: ${failedStep}` : 'All steps passed.'}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${results}/summary.txt`, `${summary}\n`);
console.log(summary);
process.exit(failedStep ? 1 : 0);
