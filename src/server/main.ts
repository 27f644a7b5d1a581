import type { FastifyInstance } from 'fastify';
import { type Db, openDatabase } from '../db/client';
import { seedDemoIfEmpty } from '../db/demo/demo';
import { migrateToLatest } from '../db/migrate';
import { ensureAuditPartitions } from '../db/partitions';
import { buildApp } from './app';
import { type Config, loadConfig } from './config';

/** Hourly: next months' audit partitions, and sessions past their time-outs removed. */
async function housekeeping(db: Db, config: Config) {
  const now = new Date();
  await ensureAuditPartitions(db, now);
  await db.kysely
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', new Date(now.getTime() - config.idleTimeoutMinutes * 60_000)),
        eb('created_at', '<', new Date(now.getTime() - config.absoluteTimeoutHours * 3_600_000)),
      ]),
    )
    .execute();
}

/** Starts Staircase: database, migrations, demo data on first start, the HTTP server. */
export async function startServer(env = process.env): Promise<FastifyInstance> {
  const config = loadConfig(env);
  const db = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(db);
  const demo = config.seedDemo ? await seedDemoIfEmpty(db) : null;
  const app = await buildApp({ db, config, logger: true });
  const daily = setInterval(() => {
    housekeeping(db, config).catch((error: Error) =>
      app.log.error(
        { err: { name: error.name, code: (error as { code?: string }).code } },
        'housekeeping failed',
      ),
    );
  }, 3_600_000);
  daily.unref();
  app.addHook('onClose', async () => {
    clearInterval(daily);
    await db.close();
  });
  await app.listen({ host: config.host, port: config.port });

  const lines = [
    '',
    `Staircase is running at ${config.publicUrl}`,
    `Database: ${db.kind === 'pglite' ? `PGlite (embedded) in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
  ];
  if (demo) {
    lines.push(
      `Demo logins (password "${demo.password}", second factor off in the demo):`,
      ...demo.logins.map((l) => `  ${l.username.padEnd(12)} ${l.role}`),
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
