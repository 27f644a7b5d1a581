import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../src/db/client';

export interface MachineFacts {
  cpuModel: string;
  cpuCount: number;
  ramGiB: number;
  platform: string;
  node: string;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** PostgreSQL's own version string (the server's, or the one compiled into PGlite). */
export async function databaseVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`select version()`.execute(db.kysely);
  return rows[0]?.version ?? 'unknown';
}

export function pgliteVersion(): string {
  const path = new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/**
 * Which code was measured: the commit, and how many files under src/ (the app) and bench/
 * (the measuring code, results excepted) differ from it.
 */
export function codeVersion(): {
  commit: string;
  uncommittedSrcFiles: number;
  uncommittedBenchFiles: number;
} {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const count = (...paths: string[]) => {
    const changed = git('status', '--porcelain', '--', ...paths);
    return changed ? changed.split('\n').length : 0;
  };
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      uncommittedSrcFiles: count('src'),
      uncommittedBenchFiles: count('bench', ':!bench/results'),
    };
  } catch {
    return { commit: 'unknown', uncommittedSrcFiles: 0, uncommittedBenchFiles: 0 };
  }
}
