import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, isRunning, LOCK_FILE, lockDataDir } from '../../../src/db/lock';

const folders: string[] = [];
const children: ChildProcess[] = [];
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'staircase-lock-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that ran and has exited (the process was reaped, so nothing runs under it now). */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '']);
  expect(isRunning(done.pid!)).toBe(false);
  return done.pid!;
}

/** A process that is alive until the test ends. */
async function livePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));

describe('the data folder lock', () => {
  it('writes a lock file with this pid and removes it on release', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // Leaves nothing else behind either.
    expect(spawnSync('ls', ['-A', dir]).stdout.toString().trim()).toBe('');
  });

  it('refuses a second open of a folder this process holds, and allows it after release', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    lockDataDir(dir).release();
  });

  it('refuses while another running process holds it, naming the folder and that pid', async () => {
    const dir = folder();
    const pid = await livePid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command: 'start' }));
    let refusal: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    const message = (refusal as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(`process ${pid} (start)`);
    // The other process's lock is left as it was.
    expect(lockOf(dir).pid).toBe(pid);
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), command: 'seed-demo' }));
    const lock = lockDataDir(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left with its own pid by an earlier life of this pid (a restarted container)', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid }));
    const lock = lockDataDir(dir);
    expect(lockOf(dir).since).toBeTypeOf('string');
    lock.release();
  });

  it('refuses a lock of another host, even with a pid that does not run here (another container on the volume)', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: 'another-container' }));
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+ on host another-container/);
    expect(lockOf(dir).host).toBe('another-container');
  });

  it('writes its host name into the lock', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(lockOf(dir).host).toBe(hostname());
    lock.release();
  });

  it('takes over a lock file that is not a lock (empty or unreadable)', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '');
    lockDataDir(dir).release();
  });

  it('does not remove a lock another process took over meanwhile when releasing', async () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    const other = await livePid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other }));
    lock.release();
    expect(lockOf(dir).pid).toBe(other);
  });
});
