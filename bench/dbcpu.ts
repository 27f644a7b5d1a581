import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { POSTGRES_URL } from './settings';

/**
 * CPU time of the PostgreSQL backends serving the benchmark's database, read from
 * /proc/<pid>/stat (Linux, server on this machine). With the app's and the benchmark's CPU
 * it completes the cost of one request. Background processes (WAL writer, checkpointer) are
 * not counted. Returns undefined where /proc or the server is out of reach.
 */
export interface BackendCpu {
  /** Sum over backends of CPU time (µs) so far; a backend that appeared later starts from 0. */
  snapshot(): Promise<Map<number, number> | undefined>;
  close(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

async function cpuMicrosOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export async function openBackendCpu(): Promise<BackendCpu> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  return {
    async snapshot() {
      const { rows } = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      const result = new Map<number, number>();
      for (const { pid } of rows) {
        const micros = await cpuMicrosOf(pid);
        if (micros === undefined) return undefined;
        result.set(pid, micros);
      }
      return result;
    },
    close: () => client.end(),
  };
}

/** CPU µs the backends used between two snapshots. */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let micros = 0;
  for (const [pid, end] of after) micros += end - (before.get(pid) ?? 0);
  return micros;
}
