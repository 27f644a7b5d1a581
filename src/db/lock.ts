import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * PGlite runs PostgreSQL inside one process and does not lock its data folder: a second
 * process (`staircase seed-demo` while the server runs) would write the same files and lose
 * writes. Opening a data folder therefore takes this lock: a file made with O_EXCL holding the
 * owner's pid and host name, put in place with link(2) (fails if a lock exists). A lock of this
 * host whose pid no longer runs is stale (the owner was killed) and taken over. A lock of
 * another host (another container on the same volume) is never judged here, where its pid
 * means nothing: it is refused, and the message says which file to delete if it is stale.
 */
export const LOCK_FILE = 'staircase.lock';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string,
    command: string | undefined,
    host?: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${pid}${command ? ` (${command})` : ''}` +
        `${host ? ` on host ${host}` : ''}: ` +
        'the embedded database must not be opened by two processes at once. Stop that process first ' +
        `(for the server: Ctrl+C or SIGTERM), then try again. If no such process runs, delete ${lockFile}.`,
    );
  }
}

interface LockContent {
  pid: number;
  /** Absent only in a lock written by hand: then taken to be this host's. */
  host?: string;
  command?: string;
  since?: string;
}

/** Folders this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as LockContent;
    return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : null;
  } catch {
    return null; // gone, or not a lock of ours
  }
}

/** True if a process with this pid exists (EPERM: it does, it is just not ours to signal). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock out of the way. Two processes may find the same stale lock; renaming is
 * atomic, so only one moves it, and one that moved a fresh lock instead (the other process
 * took over just before) puts it back.
 */
function removeStale(file: string, stale: LockContent | null) {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readLock(aside);
  if (moved && moved.pid !== stale?.pid) {
    try {
      linkSync(aside, file);
    } catch {
      // another lock is already in place: the moved one's owner lost the race as well
    }
  }
  unlinkSync(aside);
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Takes the data folder's lock, or throws DataDirLockedError naming the folder and the pid. */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  if (held.has(dir)) {
    throw new DataDirLockedError(dir, process.pid, file, 'this process');
  }
  mkdirSync(dir, { recursive: true });
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(2).join(' ') || undefined,
    since: new Date().toISOString(),
  };
  // Written whole to a file of our own, then linked into place: link fails if a lock exists,
  // and a lock is never seen half written.
  const mine = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(mine, `${JSON.stringify(content)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
      const owner = readLock(file);
      if (owner?.host && owner.host !== hostname()) {
        throw new DataDirLockedError(dir, owner.pid, file, owner.command, owner.host);
      }
      // Our own pid in a lock we do not hold: left by an earlier life of this pid (a restarted
      // container keeps its host name and is pid 1 again).
      if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
        throw new DataDirLockedError(dir, owner.pid, file, owner.command);
      }
      removeStale(file, owner);
    }
  } finally {
    unlinkSync(mine);
  }
  held.add(dir);
  const onExit = () => release();
  process.once('exit', onExit);
  let released = false;
  function release() {
    if (released) return;
    released = true;
    held.delete(dir);
    process.removeListener('exit', onExit);
    // Only our own lock: never one another process took over meanwhile.
    const current = readLock(file);
    if (current?.pid === process.pid && (!current.host || current.host === hostname())) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  }
  return { file, release };
}
