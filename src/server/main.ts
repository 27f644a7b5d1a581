import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/client';
import { seedDemoIfEmpty } from '../db/demo/demo';
import { migrateToLatest } from '../db/migrate';
import { ensureAuditPartitions } from '../db/partitions';
import { buildApp } from './app';
import { loadConfig } from './config';

/** Starts Staircase: database, migrations, demo data on first start, the HTTP server. */
export async function startServer(env = process.env): Promise<FastifyInstance> {
  const config = loadConfig(env);
  const db = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(db);
  const demo = config.seedDemo ? await seedDemoIfEmpty(db) : null;
  const app = await buildApp({ db, config, logger: true });
  const daily = setInterval(() => void ensureAuditPartitions(db, new Date()), 86_400_000);
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
