import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import type { Locale } from '../../shared/common/common.contract';
import { createSessionCache, type LoadedSession, loadSession, SESSION_COOKIE } from '../auth/session';
import type { Config } from '../config';
import type { Access, Actor } from '../http/access';
import { AppError, forbidden, unauthenticated } from '../http/problem';
import { audit } from './audit';

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null;
    locale: Locale;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function acceptLanguage(header: string | undefined): Locale {
  if (!header) return 'da';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'da';
}

/** Routes outside /api (the web app, health checks) and the API docs need no policy. */
export function needsAccess(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * The one gate every API request passes: session, CSRF, and the route's declared access.
 * Also refuses to register an /api route that declares no access (a route without a policy).
 */
export function registerAccess(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'da');
  app.decorate('sessionCache', createSessionCache(config));

  app.addHook('onRoute', (route) => {
    if (needsAccess(route.url) && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access policy`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.locale = acceptLanguage(request.headers['accept-language']);
  });

  // preValidation: after the body is parsed, before it is validated, so nobody learns
  // anything about a route's input rules without access to the route.
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access as Access | undefined;
    if (!access) return;
    if (UNSAFE.has(request.method)) checkOrigin(request, config);
    const found = await loadSession(db.kysely, config, request.cookies[SESSION_COOKIE], app.sessionCache);
    if (found && 'session' in found) {
      request.session = found.session;
      if (!request.headers['accept-language']) request.locale = found.session.locale;
    }
    if (access === 'public') return;
    if (!request.session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthenticated(
        found && 'expired' in found ? 'problems.sessionExpired' : 'problems.unauthenticated',
      );
    }
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw new AppError(403, 'problems.csrf', [], 'csrf');
    }
    if (access === 'partial') return;
    if (request.session.stage !== 'done') throw unauthenticated();
    if (!access.allows(request.session.actor)) {
      await audit(db.kysely, request.session.actor, {
        action: 'denied',
        entity: 'route',
        fields: [access.name],
        purpose: 'access_check',
      });
      throw forbidden();
    }
  });
}

/** Unsafe requests from another origin are refused even before the CSRF token is looked at. */
function checkOrigin(request: FastifyRequest, config: Config) {
  const origin = request.headers.origin;
  if (!origin) return;
  const host = request.headers.host;
  if (origin === config.publicUrl || (host && (origin === `http://${host}` || origin === `https://${host}`)))
    return;
  throw new AppError(403, 'problems.csrf', [], 'csrf');
}

/** The signed-in actor of a route whose access is a RoutePolicy (set by the gate above). */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session;
  if (session?.stage !== 'done') throw unauthenticated();
  return session.actor;
}
