import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import { verifyPassword } from '../../../src/server/auth/credentials';

/**
 * The commands as an operator runs them (bin/staircase.mjs in a child process), for what only
 * the process shows: exit codes, stdout against stderr, no stack traces. On the embedded database
 * only: the demo's fixed usernames would clash in a PostgreSQL database shared by the tests.
 */
describe('the staircase command line: exit codes and messages', () => {
  const temp = mkdtempSync(join(tmpdir(), 'staircase-cli-'));
  const dataDir = join(temp, 'data');
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** Runs a command; the password only from `password` (the variable) or `stdin` (a pipe). */
  function staircase(args: string[], options: { password?: string; stdin?: string } = {}) {
    const { STAIRCASE_PASSWORD: _ignored, ...env } = process.env;
    return spawnSync(process.execPath, ['bin/staircase.mjs', ...args], {
      env: {
        ...env,
        STAIRCASE_DATA_DIR: dataDir,
        DATABASE_URL: '',
        ...(options.password === undefined ? {} : { STAIRCASE_PASSWORD: options.password }),
      },
      input: options.stdin ?? '',
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  /** Reads the folder between commands (each command locks it while it runs). */
  async function query<T>(read: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const db = openDatabase({ dataDir });
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  }
  const passwordHash = (username: string) =>
    query((db) =>
      db.kysely
        .selectFrom('app_user')
        .select('password_hash')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
        .then((r) => r.password_hash),
    );
  const counts = () =>
    query(async (db) => {
      const count = (table: 'municipality' | 'household' | 'person' | 'app_user') =>
        db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      return {
        municipalities: await count('municipality'),
        households: await count('household'),
        persons: await count('person'),
        users: await count('app_user'),
      };
    });

  beforeAll(() => {
    const seeded = staircase(['seed-demo']);
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    expect(seeded.stdout).toBe('Loaded 80 families, 358 persons.\n');
  }, 120_000);

  it('seed-demo on a folder that has the demo refuses in one sentence on stderr, exits 1 and changes nothing', async () => {
    const before = await counts();
    const again = staircase(['seed-demo']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'The municipality "Aarhus Kommune (demo)" is already in the database; nothing was changed.\n',
    );
    expect(again.stdout).toBe('');
    expect(await counts()).toEqual(before);
  });

  it('reset-password with a refused password exits 1, says why on stderr and keeps the old password', async () => {
    const before = await passwordHash('member03');
    const reset = staircase(['reset-password', '--username', 'member03'], { password: 'password1234' });
    expect(reset.status).toBe(1);
    expect(reset.stderr).toMatch(/^Password refused: .*common/);
    expect(reset.stdout).toBe('');
    expect(await passwordHash('member03')).toBe(before);
  });

  it('reset-password for an unknown user exits 1', () => {
    const reset = staircase(['reset-password', '--username', 'nobody_here'], {
      password: 'quiet meadow copper kettle',
    });
    expect(reset.status).toBe(1);
    expect(reset.stderr).toBe('No user "nobody_here".\n');
  });

  it('reset-password reads a piped password without printing a prompt, sets it and exits 0', async () => {
    const password = 'amber violin tundra seven';
    const reset = staircase(['reset-password', '--username', 'member04'], { stdin: `${password}\n` });
    expect(reset.stderr).toBe('');
    expect(reset.stdout).toBe('Password set for member04.\n');
    expect(reset.status).toBe(0);
    expect(await verifyPassword(await passwordHash('member04'), password)).toBe(true);
  });

  it('check-data finds the demo clean (exit 0), then names a family whose stored data a rule refuses (exit 1) without personal data', async () => {
    const clean = staircase(['check-data']);
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([
      0,
      'Aarhus Kommune (demo): 80 families checked, no problems.\n',
      '',
    ]);
    const unknown = staircase(['check-data', '--municipality', 'Nowhere']);
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([
      1,
      '',
      'No municipality named "Nowhere".\n',
    ]);

    // The youngest member born in the future, as a rule added later or a write around the API leaves it.
    const person = await query((db) =>
      db.kysely
        .selectFrom('person as p')
        .innerJoin('household as h', (j) => j.onRef('h.id', '=', 'p.household_id'))
        .select(['p.id', 'p.birth_date', 'p.cpr', 'p.last_name', 'h.reference'])
        .orderBy('h.reference')
        .orderBy('p.birth_date', 'desc')
        .executeTakeFirstOrThrow(),
    );
    // Without its CPR number, whose date would be a second problem.
    const setBirthDate = (birthDate: string, cpr: string | null) =>
      query((db) =>
        db.kysely
          .updateTable('person')
          .set({ birth_date: birthDate, cpr })
          .where('id', '=', person.id)
          .execute(),
      );
    await setBirthDate('2999-01-01', null);
    try {
      const found = staircase(['check-data', '--municipality', 'aarhus kommune (demo)']);
      expect(found.status).toBe(1);
      expect(found.stdout).toMatch(
        new RegExp(
          `^Aarhus Kommune \\(demo\\): 80 families checked, 1 problem:\\n  ${person.reference}  members\\.\\d\\.birthDate: .+\\n\\(Members and consents are numbered from 1, oldest first, as on the family page\\.\\)\\n$`,
        ),
      );
      expect(found.stdout).not.toContain(person.last_name);
      expect(found.stdout).not.toContain('2999');
    } finally {
      await setBirthDate(person.birth_date, person.cpr);
    }
  });

  it('create-user exits 1 on each refusal and creates nobody; a created account exits 0', async () => {
    const account = [
      'create-user',
      '--municipality',
      'Aarhus Kommune (demo)',
      '--name',
      'Via CLI',
      '--role',
      'analyst',
    ];
    const before = await counts();
    const refusals = [
      staircase([...account, '--username', 'cli_weak'], { password: 'password1234' }),
      staircase([...account, '--username', 'ADMIN'], { password: 'quiet meadow copper kettle' }),
      staircase([...account, '--username', 'cli_role', '--role', 'boss'], {
        password: 'quiet meadow copper kettle',
      }),
      staircase([...account.slice(0, 2), 'Nowhere', ...account.slice(3), '--username', 'cli_where'], {
        password: 'quiet meadow copper kettle',
      }),
    ];
    expect(refusals.map((r) => [r.status, r.stdout, r.stderr.split(/[:.]/)[0]])).toEqual([
      [1, '', 'Password refused'],
      [1, '', 'The username "ADMIN" is taken'],
      [1, '', 'Unknown role "boss"'],
      [1, '', 'No municipality named "Nowhere"'],
    ]);
    expect(await counts()).toEqual(before);

    const created = staircase([...account, '--username', 'cli_analyst'], {
      stdin: 'harbour lantern oat vivid\n',
    });
    expect([created.status, created.stdout, created.stderr]).toEqual([
      0,
      'Created cli_analyst (analyst).\n',
      '',
    ]);
    expect(await counts()).toEqual({ ...before, users: before.users + 1 });
  });
});

describe('staircase create-municipality, as an operator sets up a new installation', () => {
  it('creates the municipality for the first administrator, and refuses the same name again', () => {
    const temp = mkdtempSync(join(tmpdir(), 'staircase-setup-'));
    try {
      const run = (args: string[]) =>
        spawnSync(process.execPath, ['bin/staircase.mjs', ...args], {
          env: {
            ...process.env,
            STAIRCASE_DATA_DIR: join(temp, 'data'),
            DATABASE_URL: '',
            STAIRCASE_PASSWORD: 'amber violin tundra seven',
          },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const created = run([
        'create-municipality',
        '--name',
        'Aarhus Kommune',
        '--area',
        'Gellerup',
        '--team',
        'Gellerup-teamet',
      ]);
      expect(created.status, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/^Created the municipality "Aarhus Kommune" with its 5 departments/);
      const admin = run([
        'create-user',
        '--municipality',
        'Aarhus Kommune',
        '--username',
        'nadia',
        '--name',
        'Nadia Larsen',
        '--role',
        'administrator',
      ]);
      expect(admin.status, admin.stderr).toBe(0);
      const again = run(['create-municipality', '--name', 'aarhus kommune']);
      expect(again.status).toBe(1);
      expect(again.stderr.trim()).toBe(
        'A municipality named "aarhus kommune" already exists; nothing was changed.',
      );
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe('the staircase command line, when DATABASE_URL names a server it cannot use', () => {
  it('says so in one sentence without the password or a stack trace, and exits 1', () => {
    const run = spawnSync(process.execPath, ['bin/staircase.mjs', 'migrate'], {
      // Port 9 (discard) on this machine: nothing listens there.
      env: { ...process.env, DATABASE_URL: 'postgres://staff:s3cret-pw@127.0.0.1:9/staircase' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Cannot reach the PostgreSQL server at 127.0.0.1:9 (ECONNREFUSED). Is it running, and does DATABASE_URL name it?',
    );
    expect(run.stdout + run.stderr).not.toContain('s3cret-pw');
  });
});
