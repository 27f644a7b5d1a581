import { defineConfig } from 'vitest/config';

// Each run gets its own PostgreSQL database, so concurrent runs never share or drop each other's.
process.env.STAIRCASE_TEST_DB ??= `staircase_test_${process.pid}`;

/**
 * Three projects: unit (pure rules), integration (HTTP through the real app on PGlite, and again
 * on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set), e2e (Chromium against the built app).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Projects with different worker limits run as separate groups, unit first.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A page answers in milliseconds on a quiet machine and in seconds on a loaded CI one;
          // vitest's 1 s default failed a poll for a page that came 0.2 s later.
          expect: { poll: { timeout: 15_000 } },
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
