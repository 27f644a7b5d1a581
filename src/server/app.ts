import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/client';
import { requireFamilyRoutes } from './access/family-route';
import { approvalsRoutes } from './admin/approvals.routes';
import { auditRoutes } from './admin/audit.routes';
import { organisationRoutes } from './admin/organisation.routes';
import { originsRoutes } from './admin/origins.routes';
import { settingsRoutes } from './admin/settings.routes';
import { usersRoutes } from './admin/users.routes';
import { authRoutes } from './auth/auth.routes';
import { SecretBox } from './auth/secret-box';
import { type Clock, systemClock } from './auth/sign-in-pace';
import type { Config } from './config';
import { breakGlassRoutes } from './families/break-glass.routes';
import { familiesRoutes } from './families/families.routes';
import { errorHandler, notFound } from './http/problem';
import { responseSerializer } from './http/serializer';
import { registerStrictInput } from './http/strict-input';
import { registerWellFormedInput } from './http/well-formed';
import { appointmentsRoutes, calendarFeedRoute } from './journal/appointments.routes';
import { journalRoutes } from './journal/journal.routes';
import { measuresRoutes } from './measures/measures.routes';
import { funnelRoutes } from './outreach/funnel.routes';
import { outreachRoutes } from './outreach/outreach.routes';
import { visitsRoutes } from './outreach/visits.routes';
import { plansRoutes } from './plans/plans.routes';
import { registerAccess } from './plugins/access';
import { registerHealth } from './plugins/health';
import { registerSecurityHeaders } from './plugins/security';
import { teamRoutes } from './team/team.routes';

export interface AppOptions {
  db: Db;
  config: Config;
  /** pino options, or false for silence (tests). */
  logger?: boolean | object;
  /** The sign-in's clock (auth/sign-in-pace.ts); tests give one that needs no real time. */
  clock?: Clock;
}

/**
 * The composition root: one Fastify app that serves the API (every route behind the access
 * gate) and the built web app. Used by main.ts, the tests and the benchmarks alike.
 */
export async function buildApp({
  db,
  config,
  logger = false,
  clock = systemClock,
}: AppOptions): Promise<FastifyInstance> {
  // No key, no start: secrets are never stored in plain text (main.ts resolves the key first).
  if (!config.secretKeys.length)
    throw new Error('buildApp: config.secretKeys is empty (see resolveSecretKeys)');
  const secrets = new SecretBox(config.secretKeys);
  const app = Fastify({
    logger:
      logger === true
        ? {
            level: config.logLevel,
            // No personal data in logs: paths only (ids, never names), no query strings, no bodies.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                path: req.url.split('?')[0],
                id: req.id,
              }),
            },
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          }
        : logger,
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // No implicit HEAD routes: a HEAD of a family page would read (and audit) it for nothing.
    exposeHeadRoutes: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(config.checkResponses));
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only: anything else is answered 415.
  app.removeContentTypeParser('text/plain');

  registerSecurityHeaders(app);
  await app.register(cookie, { secret: process.env.COOKIE_SECRET ?? randomBytes(32).toString('hex') });
  await app.register(rateLimit, { global: false });
  registerAccess(app, db, config);
  requireFamilyRoutes(app);
  registerStrictInput(app);
  registerWellFormedInput(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Staircase API',
        description: 'The API of Staircase, generated from its zod contracts.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerHealth(app, db);
  await app.register(authRoutes, { prefix: '/api/auth', db, config, secrets, clock });
  await app.register(familiesRoutes, { prefix: '/api/families', db });
  await app.register(breakGlassRoutes, { prefix: '/api', db });
  await app.register(plansRoutes, { prefix: '/api', db });
  await app.register(journalRoutes, { prefix: '/api', db });
  await app.register(measuresRoutes, { prefix: '/api', db });
  await app.register(outreachRoutes, { prefix: '/api', db });
  await app.register(funnelRoutes, { prefix: '/api', db });
  await app.register(visitsRoutes, { prefix: '/api', db });
  await app.register(appointmentsRoutes, { prefix: '/api', db, publicUrl: config.publicUrl });
  await app.register(calendarFeedRoute, { db });
  await app.register(teamRoutes, { prefix: '/api', db });
  await app.register(auditRoutes, { prefix: '/api', db });
  await app.register(settingsRoutes, { prefix: '/api', db });
  await app.register(originsRoutes, { prefix: '/api', db });
  await app.register(approvalsRoutes, { prefix: '/api', db });
  await app.register(usersRoutes, { prefix: '/api', db, singleSignOn: Boolean(config.oidc) });
  await app.register(organisationRoutes, { prefix: '/api', db });

  if (existsSync(config.webDir)) {
    // Files are looked up when asked for, not listed at start: a web app built again while the
    // server runs is served at once (its index.html names new hashed asset files).
    await app.register(fastifyStatic, { root: config.webDir, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    // The web app's routes are client-side: a non-API GET of a page gets its index.html. A file
    // that is not there (a name with an extension: /assets/old.js) is a 404, not a page — the
    // browser would otherwise run index.html as a script and show nothing.
    const path = request.url.split('?')[0] ?? '';
    const isFile = /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
    if (request.method === 'GET' && !path.startsWith('/api/') && !isFile && existsSync(config.webDir)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return errorHandler(notFound() as never, request, reply);
  });

  return app;
}
