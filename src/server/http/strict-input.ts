import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { needsAccess } from '../plugins/access';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Unknown input is refused on every API route, not only on those with a schema of their own: a
 * route that declares no query takes no query parameters, and a write that declares no body
 * takes none (none at all, or `{}`, is fine). `?x=1` or `{"x":1}` is then answered 400 naming
 * `x`, as an unknown field of any contract is — a typo in a client is found, not ignored.
 * Registered before the routes (onRoute sees each as it is added).
 */
export function registerStrictInput(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!needsAccess(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.schema ??= {};
    route.schema.querystring ??= z.strictObject({});
    if (methods.some((m) => WRITES.has(m))) route.schema.body ??= z.strictObject({}).nullish();
  });
}
