import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import { DataDirLockedError, LOCK_FILE } from '../../../src/db/lock';

describe('an embedded database’s data folder is opened by one process at a time', () => {
  const temp = mkdtempSync(join(tmpdir(), 'staircase-lock-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('refuses a second open of the same folder while the first is open; after close it opens again', async () => {
    const dataDir = join(temp, 'data');
    const first = openDatabase({ dataDir });
    await first.kysely
      .selectFrom('pg_class' as never)
      .select((eb) => eb.lit(1).as('one'))
      .execute();
    expect(() => openDatabase({ dataDir })).toThrow(DataDirLockedError);
    expect(() => openDatabase({ dataDir })).toThrow(new RegExp(`${dataDir}.*process ${process.pid}`));
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const again = openDatabase({ dataDir });
    try {
      const rows = await again.kysely
        .selectFrom('pg_class' as never)
        .select((eb) => eb.lit(1).as('one'))
        .execute();
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });

  it('`staircase seed-demo` while the folder is open elsewhere refuses with the folder and the pid, and writes nothing', async () => {
    const dataDir = join(temp, 'served');
    const server = openDatabase({ dataDir });
    try {
      // Ready before the CLI runs: spawnSync blocks this process, and closing a PGlite that is
      // still creating its folder rejects in the background.
      await server.kysely
        .selectFrom('pg_class' as never)
        .select((eb) => eb.lit(1).as('one'))
        .execute();
      const cli = spawnSync(process.execPath, ['bin/staircase.mjs', 'seed-demo'], {
        env: { ...process.env, STAIRCASE_DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`The data folder ${dataDir} is in use by process ${process.pid}`);
      expect(cli.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
      expect(cli.stdout).not.toContain('Loaded');
    } finally {
      await server.close();
    }
  });
});
