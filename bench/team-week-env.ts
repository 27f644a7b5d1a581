/**
 * The team-week benchmark's own database (bench/team-week.ts). Imported first by its scripts: it
 * points `BENCH_DATABASE_URL` — which settings.ts reads once, when it is first imported — at
 * `BENCH_WEEK_DATABASE_URL` (default `staircase_bench_week`), so the shared machinery (the
 * installation of generate.ts, the server of server.ts in its child process, the floor's driver)
 * serves the week's 1,000,000 tasks and 5,000,000 notes and never touches the families
 * benchmark's `staircase_bench`.
 */
process.env.BENCH_DATABASE_URL =
  process.env.BENCH_WEEK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/staircase_bench_week';
