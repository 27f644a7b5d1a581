/**
 * The load loop: `concurrency` clients, each issuing the next operation as soon as its last
 * one finished (a closed loop), first a warm-up whose timings are dropped, then `requests`
 * timed operations. Latency is per operation; throughput is operations per wall-clock second.
 */
export interface LoadOptions {
  concurrency: number;
  warmup: number;
  requests: number;
  /** One operation; `i` picks its parameters from a fixed list, so every run does the same work. */
  operation: (i: number) => Promise<void>;
  /** Called just before and just after the timed part (e.g. to read CPU counters). */
  beforeTimed?: () => Promise<void>;
  afterTimed?: () => Promise<void>;
}

export interface LoadResult {
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  firstError?: string;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

async function drive(
  count: number,
  concurrency: number,
  offset: number,
  operation: (i: number) => Promise<void>,
  onDone: (ms: number, error: unknown) => void,
) {
  let next = 0;
  const client = async () => {
    while (next < count) {
      const i = offset + next++;
      const start = performance.now();
      let error: unknown = null;
      try {
        await operation(i);
      } catch (e) {
        error = e ?? new Error('unknown error');
      }
      onDone(performance.now() - start, error);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
}

export async function runLoad({
  concurrency,
  warmup,
  requests,
  operation,
  beforeTimed,
  afterTimed,
}: LoadOptions): Promise<LoadResult> {
  let warmupErrors = 0;
  let warmupError: unknown = null;
  await drive(warmup, concurrency, 0, operation, (_ms, error) => {
    if (error) {
      warmupErrors++;
      warmupError ??= error;
    }
  });
  if (warmupErrors > warmup / 2) throw new Error(`warm-up failed ${warmupErrors}×: ${String(warmupError)}`);

  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown = null;
  await beforeTimed?.();
  const started = performance.now();
  await drive(requests, concurrency, warmup, operation, (ms, error) => {
    if (error) {
      errors++;
      firstError ??= error;
    } else latencies.push(ms);
  });
  const seconds = (performance.now() - started) / 1000;
  await afterTimed?.();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    concurrency,
    requests,
    errors,
    seconds: round(seconds),
    throughput: round(requests / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    mean: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    max: round(latencies[latencies.length - 1] ?? Number.NaN),
    ...(firstError ? { firstError: String(firstError) } : {}),
  };
}

/**
 * Operations whose timings are all dropped, failing on the first error: the settling-in of a
 * server before any cell is measured (run.ts).
 */
export async function settle(count: number, concurrency: number, operation: (i: number) => Promise<void>) {
  let failure: unknown = null;
  await drive(count, concurrency, 0, operation, (_ms, error) => {
    failure ??= error;
  });
  if (failure) throw new Error(`settling in failed: ${String(failure)}`);
}
