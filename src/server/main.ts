import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type Db, openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { ensureAuditPartitions } from '../db/partitions';
import { seedDemoIfEmpty } from '../demo/demo';
import { buildApp } from './app';
import { deleteExpiredSessions, demoSecondFactorRequired, hasAnyAccount } from './auth/auth.queries';
import { SecretBox } from './auth/secret-box';
import { resolveSecretKeys } from './auth/secret-key';
import { sealStoredSecrets } from './auth/secrets.service';
import { listenForSessionEvents } from './auth/session-events';
import { type Config, loadConfig, PortInUseError } from './config';

/** Hourly: next months' audit partitions, and sessions past their time-outs removed. */
async function housekeeping(db: Db, config: Config) {
  const now = new Date();
  await ensureAuditPartitions(db, now);
  await deleteExpiredSessions(db.kysely, {
    lastSeenBefore: new Date(now.getTime() - config.idleTimeoutMinutes * 60_000),
    createdBefore: new Date(now.getTime() - config.absoluteTimeoutHours * 3_600_000),
  });
}

/** Starts Staircase: database, migrations, demo data on first start, the HTTP server. */
export async function startServer(env = process.env): Promise<FastifyInstance> {
  const loaded = loadConfig(env);
  // Before the database is opened: without a key in production nothing else happens.
  const keys = resolveSecretKeys(loaded, env);
  const config: Config = { ...loaded, secretKeys: keys.keys };
  // Set once the app (and its structured logger) exists; before that, the default line on stderr.
  let log: FastifyBaseLogger | undefined;
  const db = openDatabase({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
    dataDir: config.dataDir,
    onConnectionError: (error) => {
      const err = { name: error.name, code: error.code };
      if (log) log.warn({ err }, 'database connection lost; the pool replaces it');
      else process.stderr.write(`database connection lost (${err.code ?? err.name})\n`);
    },
  });
  await migrateToLatest(db);
  // TOTP secrets stored before encryption, or under a previous key, are sealed now.
  const sealed = await sealStoredSecrets(db, new SecretBox(config.secretKeys));
  const demo = config.seedDemo ? await seedDemoIfEmpty(db) : null;
  const app = await buildApp({ db, config, logger: true });
  log = app.log;
  if (keys.source === 'key file' && config.databaseUrl) {
    app.log.warn(
      { keyFile: keys.keyFile },
      'the TOTP secrets on the PostgreSQL server are sealed with a key file on this machine: set STAIRCASE_SECRET_KEY',
    );
  }
  if (sealed.totp || sealed.pending)
    app.log.info({ sealed }, 'stored TOTP secrets sealed under the current key');
  if (sealed.unreadable) {
    app.log.warn(
      { unreadable: sealed.unreadable },
      'TOTP secrets no configured key opens: set the previous key as STAIRCASE_SECRET_KEY_PREVIOUS, or reset those users with `staircase reset-password --reset-totp`',
    );
  }
  const daily = setInterval(() => {
    housekeeping(db, config).catch((error: Error) =>
      app.log.error(
        { err: { name: error.name, code: (error as { code?: string }).code } },
        'housekeeping failed',
      ),
    );
  }, 3_600_000);
  daily.unref();
  // Other instances' sign-outs and account changes reach this one's session cache at once.
  const listener =
    config.databaseUrl && config.sessionCacheSeconds > 0
      ? await listenForSessionEvents(config.databaseUrl, app.sessionCache, (error) =>
          app.log.warn(
            { err: { name: error.name } },
            'session events: connection lost; cache off until back',
          ),
        )
      : undefined;
  app.addHook('onClose', async () => {
    clearInterval(daily);
    await listener?.close();
    await db.close();
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Close the database (and free the data folder) before saying why, so a retry can start.
    await app.close();
    throw new PortInUseError(config.host, config.port);
  }

  const lines = [
    '',
    `Staircase is running at ${config.publicUrl}`,
    `Database: ${db.kind === 'pglite' ? `PGlite (embedded) in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `Secret key: ${keys.source === 'environment' ? 'STAIRCASE_SECRET_KEY' : `key file ${keys.keyFile}`}`,
  ];
  // A demo whose accounts all have passwords of their own now has no demo logins to show.
  if (demo?.logins.length) {
    // The administrator may have turned the second factor on since the demo was loaded.
    const { required } = await demoSecondFactorRequired(db.kysely);
    const secondFactor = required ? 'second factor set up at first sign-in' : 'second factor off in the demo';
    lines.push(
      `Demo logins (password "${demo.password}", ${secondFactor}):`,
      ...demo.logins.map((l) => `  ${l.username.padEnd(12)} ${l.role}`),
    );
  } else if (!(await hasAnyAccount(db.kysely))) {
    // A new installation without the demo (the default on a PostgreSQL server): say how to begin.
    lines.push(
      'No accounts yet. Create the municipality and its first administrator:',
      "  npx staircase create-municipality --name 'Aarhus Kommune' --area Gellerup --team 'Gellerup-teamet'",
      "  npx staircase create-user --municipality 'Aarhus Kommune' --username admin --name 'Full Name' --role administrator",
      '  (docs/operations.md, "First municipality, team and users"; or STAIRCASE_DEMO=true for the demo data)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  // Graceful shutdown: stop accepting, finish requests in flight, close the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      void app.close().then(() => process.exit(0));
    });
  }
  return app;
}
