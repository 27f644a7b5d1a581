import Fastify from 'fastify';
import { ensureAuditPartitions } from '../src/db/partitions';
import { buildApp } from '../src/server/app';
import { benchConfig } from './bench-app';
import { openBenchDb } from './databases';
import { openSqlDriver } from './floor';
import { registerFloorRoutes } from './floor-routes';
import { type BenchDbKind, MEASURED_MUNICIPALITY, municipalityOptions } from './settings';
import { loadWeekWorkload, registerWeekFloorRoutes } from './team-week-floor';

/**
 * The server under test, in its own process (as in production, and so the load generator
 * does not share its event loop): the real app via buildApp, logger off, on 127.0.0.1 port 0,
 * and next to it a bare Fastify server with a route returning a constant — the HTTP floor —
 * and, on PostgreSQL, the SQL floor over HTTP: the floor's statements (floor.ts) through the
 * bare driver behind bare routes, so that the app is also compared with hand-written SQL that
 * pays the same HTTP hop (no session, no validation, no Kysely, no response schema).
 * Started by run.ts with fork(); reports its ports by IPC and stops on "stop".
 */
export interface ServerPorts {
  app: number;
  bare: number;
}

const kind = process.argv[2] as BenchDbKind;
if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`usage: server.ts pglite|postgres [team-week]`);
// The team-week suite (team-week.ts) serves its own floor over HTTP beside the app.
const suite = process.argv[3] === 'team-week' ? 'team-week' : 'families';

const db = openBenchDb(kind);
await ensureAuditPartitions(db, new Date());
const app = await buildApp({ db, config: benchConfig(), logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });

const bare = Fastify({ logger: false });
bare.get('/constant', async () => ({ ok: true }));
// PGlite's data folder has one owner (the app's client above), so this floor is PostgreSQL's only.
const floorDriver = kind === 'postgres' ? openSqlDriver(kind) : undefined;
if (floorDriver && suite === 'families') registerFloorRoutes(bare, floorDriver);
if (floorDriver && suite === 'team-week') {
  const prefix = municipalityOptions(MEASURED_MUNICIPALITY).usernamePrefix;
  registerWeekFloorRoutes(bare, floorDriver, await floorDriver.statement((q) => loadWeekWorkload(q, prefix)));
}
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (address: ReturnType<typeof app.server.address>) =>
  typeof address === 'object' && address ? address.port : 0;
const ports: ServerPorts = { app: portOf(app.server.address()), bare: portOf(bare.server.address()) };
process.send?.({ ready: ports });

process.on('message', async (message) => {
  // CPU time used so far (user + system, µs): unlike wall time, not inflated by waiting for a core.
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
    return;
  }
  if (message === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ collected: true });
    return;
  }
  if (message !== 'stop') return;
  await bare.close();
  await floorDriver?.close();
  await app.close();
  await db.close();
  process.exit(0);
});
