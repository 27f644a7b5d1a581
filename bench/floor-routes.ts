import type { FastifyInstance } from 'fastify';
import { floorFamily, floorList, type SqlDriver } from './floor';
import { registerFunnelFloorRoutes } from './funnel-floor';
import { buildWorkload, type ListRequest } from './workload';

/**
 * The SQL floor behind bare routes: the floor's statements (floor.ts) through the bare driver,
 * no session, no validation, no Kysely, no response schema; the rows as the driver returns them.
 * Served over HTTP by server.ts (the floor over HTTP) and called through inject by inprocess.ts
 * `--floor`, so both compare the app with the same hand-written endpoint.
 */
export function registerFloorRoutes(bare: FastifyInstance, driver: SqlDriver) {
  const { actors } = buildWorkload();
  bare.post('/floor/list', async (request) => {
    const body = request.body as { actor: 0 | 1; request: ListRequest };
    const { rows, total } = await floorList(driver, actors[body.actor], body.request);
    return { items: rows, total };
  });
  bare.get('/floor/family/:actor/:id', async (request) => {
    const params = request.params as { actor: '0' | '1'; id: string };
    return floorFamily(driver, actors[Number(params.actor) as 0 | 1], params.id);
  });
  registerFunnelFloorRoutes(bare, driver);
}
