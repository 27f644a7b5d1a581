/**
 * The databases integration tests run on: PGlite always, and a PostgreSQL server when
 * TEST_DATABASE_URL (or DATABASE_URL) names one. CI sets it, so both run there.
 */
export const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? undefined;

/** One database per test run on the server (named in vitest.config.ts), made and dropped by global-setup.ts. */
export const testDatabaseName = process.env.STAIRCASE_TEST_DB ?? 'staircase_test';

export function testDatabaseUrl(): string | undefined {
  if (!serverUrl) return undefined;
  const url = new URL(serverUrl);
  url.pathname = `/${testDatabaseName}`;
  return url.toString();
}

export const databaseKinds = [
  { kind: 'pglite' as const, url: undefined },
  ...(serverUrl ? [{ kind: 'postgres' as const, url: testDatabaseUrl() }] : []),
];
