import { DEFAULT_POOL_SIZE } from '../src/db/client';

/**
 * What the benchmarks run against: one installation at national scale (DESIGN.md §7),
 * on PGlite (a data folder under /tmp, kept between runs) and on a PostgreSQL server.
 */
export type BenchDbKind = 'pglite' | 'postgres';

/**
 * `BENCH_MUNICIPALITIES` shrinks the installation for the smoke run of `npm test`
 * (scripts/test.mjs), which checks that the benchmark still runs and that the app and the
 * floors still agree — never a size to read timings from.
 */
function municipalityCount(): number {
  const raw = process.env.BENCH_MUNICIPALITIES;
  if (raw === undefined || raw === '') return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error('BENCH_MUNICIPALITIES must be a whole number ≥ 1');
  return n;
}

export const BENCH_SCALE = {
  municipalities: municipalityCount(),
  /** Per municipality: 200 families, 310 adults, 690 children = 1,000 persons. */
  families: 200,
  adults: 310,
  children: 690,
  /** The generator's "today": fixed, so the data is the same on every run and machine. */
  today: '2026-11-25',
} as const;

/** Bump when the generated data changes shape; a stored installation with another key is rebuilt. */
export const BENCH_DATA_VERSION = `staircase-bench-data v2 ${BENCH_SCALE.municipalities}x${BENCH_SCALE.families}f/${BENCH_SCALE.adults}a/${BENCH_SCALE.children}c`;

export const BENCH_PASSWORD = 'staircase-bench-password';

export const PGLITE_DATA_DIR = process.env.BENCH_PGLITE_DIR ?? '/tmp/staircase-bench-pglite';

/** The server database the benchmark owns (created if missing, rebuilt when its data key differs). */
export const POSTGRES_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/staircase_bench';

/** The pool size of the app and the floor alike: the server's default (openDatabase), or BENCH_POOL_SIZE. */
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? DEFAULT_POOL_SIZE);

/** Municipality i (1-based) of the installation: its seed, name and username prefix. */
export function municipalityOptions(i: number) {
  const n = String(i).padStart(3, '0');
  return {
    seed: 10_000 + i,
    name: `Bench Kommune ${n}`,
    usernamePrefix: `m${n}_`,
    families: BENCH_SCALE.families,
    adults: BENCH_SCALE.adults,
    children: BENCH_SCALE.children,
    today: BENCH_SCALE.today,
  };
}

/** The municipality whose team the benchmark signs in to (any would do; this one is mid-table: 50 of 100). */
export const MEASURED_MUNICIPALITY = Math.ceil(BENCH_SCALE.municipalities / 2);
