import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../db/client';
import { databaseProblem, MigrationRefusedError } from '../db/errors';
import { DataDirLockedError } from '../db/lock';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../demo/demo';
import { SeedRefusedError } from '../demo/seed';
import { SecretBox, SecretBoxError } from '../server/auth/secret-box';
import { MissingSecretKeyError, resolveSecretKeys } from '../server/auth/secret-key';
import { sealStoredSecrets } from '../server/auth/secrets.service';
import { ConfigError, loadConfig, PortInUseError, WebDirNotEmptyError } from '../server/config';
import { checkData } from './check';
import { createMunicipality } from './organisation';
import { PromptCancelledError, readSecret } from './prompt';
import { type CommandResult, createUser, resetPassword } from './users';

const program = new Command('staircase').description('Staircase — the Staircase to Staircase working system');

function database() {
  const config = loadConfig();
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

/** A password from STAIRCASE_PASSWORD, typed at the prompt (not shown) or piped; never an argument. */
async function readPassword(): Promise<string> {
  if (process.env.STAIRCASE_PASSWORD) return process.env.STAIRCASE_PASSWORD;
  return readSecret('Password: ');
}

/** A refusal goes to stderr and fails the command, so a script that runs it stops there. */
function report(result: CommandResult) {
  if (result.ok) {
    process.stdout.write(`${result.message}\n`);
  } else {
    process.stderr.write(`${result.message}\n`);
    process.exitCode = 1;
  }
}

program
  .command('start')
  .description('migrate, load demo data on first start, and serve Staircase')
  .action(async () => {
    // The environment as the operator gave it: Vite's build sets NODE_ENV=production, which
    // would turn the demo data off on a first start.
    const env = { ...process.env };
    const config = loadConfig(env);
    if (!existsSync(join(config.webDir, 'index.html'))) {
      // The build empties its folder first: never one that holds something else.
      if (existsSync(config.webDir) && readdirSync(config.webDir).length > 0) {
        throw new WebDirNotEmptyError(config.webDir);
      }
      process.stdout.write('Building the web app (first start)…\n');
      const { build } = await import('vite');
      // Into the folder the server will serve (STAIRCASE_WEB_DIR, by default dist/web).
      await build({
        configFile: join(process.cwd(), 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: config.webDir, emptyOutDir: true },
      });
    }
    const { startServer } = await import('../server/main');
    await startServer(env);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const db = database();
    try {
      const applied = await migrateToLatest(db);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
    } finally {
      await db.close();
    }
  });

program
  .command('seed-demo')
  .description(
    'load the demo municipality (62 enrolled families in Gellerup, and exited ones and two more areas) into the database',
  )
  .action(async () => {
    const db = database();
    try {
      await migrateToLatest(db);
      const data = await seedDemo(db);
      process.stdout.write(`Loaded ${data.households.length} families, ${data.persons.length} persons.\n`);
    } finally {
      await db.close();
    }
  });

program
  .command('create-municipality')
  .description('create a municipality with its five departments, and optionally its first area and team')
  .requiredOption('--name <name>', 'the municipality’s name')
  .option('--area <name>', 'its first area (a housing area such as Gellerup)')
  .option('--team <name>', 'its first team, in that area')
  .action(async (opts: { name: string; area?: string; team?: string }) => {
    const db = database();
    try {
      await migrateToLatest(db);
      report(await createMunicipality(db, opts));
    } finally {
      await db.close();
    }
  });

program
  .command('create-user')
  .description('create a staff account (the password is read from STAIRCASE_PASSWORD or the prompt)')
  .requiredOption('--municipality <name>', 'the municipality, by name')
  .requiredOption('--username <username>')
  .requiredOption('--name <displayName>', 'the name shown to colleagues')
  .requiredOption('--role <role>', 'team_member | team_leader | analyst | administrator')
  .option('--team <name>', 'the team, by name (team members and leaders)')
  .action(
    async (opts: { municipality: string; username: string; name: string; role: string; team?: string }) => {
      const db = database();
      try {
        await migrateToLatest(db);
        report(await createUser(db, { ...opts, password: await readPassword() }));
      } finally {
        await db.close();
      }
    },
  );

program
  .command('reset-password')
  .description('set a new password and end the account’s sessions; --reset-totp makes them enrol again')
  .requiredOption('--username <username>')
  .option('--reset-totp', 'also remove the second factor (the user enrols again at next sign-in)')
  .action(async (opts: { username: string; resetTotp?: boolean }) => {
    const db = database();
    try {
      report(await resetPassword(db, opts.username, await readPassword(), Boolean(opts.resetTotp)));
    } finally {
      await db.close();
    }
  });

program
  .command('check-data')
  .description(
    "check the stored families against today's rules and list what the forms would now refuse (exit 1 if any); changes no family data (the schema is brought up to date first, as by every command)",
  )
  .option('--municipality <name>', 'only this municipality, by name')
  .action(async (opts: { municipality?: string }) => {
    const db = database();
    try {
      await migrateToLatest(db);
      const { outcome, report } = await checkData(db, opts.municipality);
      (outcome === 'refused' ? process.stderr : process.stdout).write(`${report}\n`);
      if (outcome !== 'clean') process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program
  .command('rotate-secret-key')
  .description(
    're-encrypt the stored TOTP secrets under STAIRCASE_SECRET_KEY (earlier keys in STAIRCASE_SECRET_KEY_PREVIOUS)',
  )
  .action(async () => {
    const config = loadConfig();
    const keys = resolveSecretKeys(config);
    const box = new SecretBox(keys.keys);
    const db = database();
    try {
      await migrateToLatest(db);
      const report = await sealStoredSecrets(db, box);
      process.stdout.write(
        `Sealed under key ${box.currentKeyId}: ${report.totp} TOTP secrets, ${report.pending} enrolments in progress.\n`,
      );
      if (report.unreadable) {
        process.stderr.write(
          `${report.unreadable} secrets open with none of the keys given: add the key they were sealed with to ` +
            'STAIRCASE_SECRET_KEY_PREVIOUS and run again, or reset those users with `reset-password --reset-totp`.\n',
        );
        process.exitCode = 1;
      }
    } finally {
      await db.close();
    }
  });

// An operator's mistake (the server holds the data folder, no key, the demo loaded twice, a
// database server out of reach, data a migration cannot take forward) is a sentence, not a
// stack trace.
await program.parseAsync(process.argv).catch((error: Error) => {
  if (
    error instanceof DataDirLockedError ||
    error instanceof ConfigError ||
    error instanceof PortInUseError ||
    error instanceof WebDirNotEmptyError ||
    error instanceof MissingSecretKeyError ||
    error instanceof SecretBoxError ||
    error instanceof SeedRefusedError ||
    error instanceof MigrationRefusedError ||
    error instanceof PromptCancelledError
  ) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const unusable = databaseProblem(error, process.env.DATABASE_URL || undefined);
  if (unusable) {
    process.stderr.write(`${unusable}\n`);
    process.exitCode = 1;
    return;
  }
  throw error;
});
