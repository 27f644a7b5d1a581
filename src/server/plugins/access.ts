import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { Db } from '../../db/client';
import { Locale } from '../../shared/common/common.contract';
import { isFamilyOf } from '../access/access.queries';
import { createSessionCache, type LoadedSession, loadSession, SESSION_COOKIE } from '../auth/session';
import type { Config } from '../config';
import type { Access, Actor } from '../http/access';
import { createListedOrigins, type ListedOrigins, originAccepted, trustedOrigins } from '../http/origins';
import { AppError, forbidden, unauthenticated } from '../http/problem';
import { audit, type Refusal, refusalOf, refused } from './audit';

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null;
    locale: Locale;
  }
  interface FastifyInstance {
    /** The administrators' listed origins, cached (http/origins.ts); forget() after a change. */
    listedOrigins: ListedOrigins;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The client's language by its Accept-Language preferences (q-values and all, so that
 * "fr, en;q=0.9" is English); Danish when it accepts neither.
 */
export function acceptLanguage(header: string | undefined): Locale {
  if (!header) return 'da';
  let locale = negotiated.get(header);
  if (!locale) {
    const best = new Negotiator({ headers: { 'accept-language': header } }).language([...Locale.options]);
    locale = best === 'en' ? 'en' : 'da';
    // Bounded: the header is the client's to write. Browsers send a handful of distinct ones.
    if (negotiated.size >= NEGOTIATED_LIMIT) negotiated.clear();
    negotiated.set(header, locale);
  }
  return locale;
}

/*
 * Every API request asks, and Negotiator parses the header and ranks its tags anew each time
 * (~15 µs): the answer for a header is the same every time, so it is kept (decision 0043).
 */
const negotiated = new Map<string, Locale>();
const NEGOTIATED_LIMIT = 256;

/** The API's documentation (Swagger UI and the OpenAPI document): /api/docs and below, nothing else. */
export function isApiDocs(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/api/docs' || path.startsWith('/api/docs/');
}

/** Routes outside /api (the web app, health checks) and the API docs need no policy. */
export function needsAccess(url: string): boolean {
  return url.startsWith('/api/') && !isApiDocs(url);
}

/**
 * The one gate every API request passes: session, CSRF, and the route's declared access.
 * Also refuses to register an /api route that declares no access (a route without a policy).
 */
export function registerAccess(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'da');
  app.decorate('sessionCache', createSessionCache(config));
  app.decorate('listedOrigins', createListedOrigins(db));
  const trusted = trustedOrigins(config);

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
    const found = await loadSession(db.kysely, config, request.cookies[SESSION_COOKIE], app.sessionCache);
    if (found && 'session' in found) {
      request.session = found.session;
      if (!request.headers['accept-language']) request.locale = found.session.locale;
    }
    // A refusal at a route of personal data (a RoutePolicy) is audited for the actor, if any.
    const refuse = (error: AppError, purpose: string) =>
      typeof access === 'object'
        ? refused(error, { entity: 'route', fields: [access.name], purpose, ...targetOf(request) })
        : error;
    if (
      UNSAFE.has(request.method) &&
      !(await originAccepted(
        request.headers.origin,
        trusted,
        app.listedOrigins,
        request.session?.actor.municipalityId ?? null,
      ))
    ) {
      throw refuse(new AppError(403, 'problems.csrf', [], 'csrf'), 'foreign_origin');
    }
    if (access === 'public') return;
    if (!request.session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // A session signed in without the second factor the municipality now requires is ended
      // (session.ts): a problem of its own, so the web app asks for the password and the enrolment.
      if (found && 'secondFactorRequired' in found) {
        throw new AppError(401, 'problems.secondFactorRequired', [], 'second-factor-required');
      }
      throw unauthenticated(
        found && 'expired' in found ? 'problems.sessionExpired' : 'problems.unauthenticated',
      );
    }
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw refuse(new AppError(403, 'problems.csrf', [], 'csrf'), 'csrf');
    }
    if (access === 'partial') return;
    if (request.session.stage !== 'done') throw refuse(unauthenticated(), 'second_factor_missing');
    if (!access.allows(request.session.actor)) throw refuse(forbidden(), 'access_check');
  });

  // Every refusal of personal data leaves an audit record 'denied' (who, what, why), written
  // here on its own: refusals marked with refused() (the gate above, withFamily, a refused
  // create), and as a safety net any other 403 of a RoutePolicy route. Without a session there
  // is no actor and no municipality to record it under; the request log has those.
  app.addHook('onError', async (request, _reply, error) => {
    const actor = request.session?.actor;
    if (!actor) return;
    const access = request.routeOptions.config.access as Access | undefined;
    const status = error instanceof AppError ? error.status : error.statusCode;
    const refusal =
      refusalOf(error) ??
      (typeof access === 'object' && status === 403
        ? { entity: 'route', fields: [access.name], purpose: 'access_check', ...targetOf(request) }
        : undefined);
    if (!refusal) return;
    try {
      await audit(db.kysely, actor, { action: 'denied', ...(await filedUnderFamily(db, actor, refusal)) });
    } catch (failure) {
      // The refusal stands either way; the failure to record it is logged (by name only).
      const { name, code } = failure as { name?: string; code?: string };
      request.log.error({ err: { name, code } }, 'audit of a refusal failed');
    }
  });
}

/**
 * A refusal at the gate names the id it tried. When that is a family of the actor's own
 * municipality it is filed under the household too, so a search of the audit log by family
 * finds every attempt at it; an id of nothing here stays only the id tried.
 */
async function filedUnderFamily(db: Db, actor: Actor, refusal: Refusal): Promise<Refusal> {
  if (refusal.entity !== 'route' || !refusal.entityId || refusal.householdId !== undefined) return refusal;
  return (await isFamilyOf(db.kysely, actor.municipalityId, refusal.entityId))
    ? { ...refusal, householdId: refusal.entityId }
    : refusal;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The family a refused request named in its path, if it named one (checked: it is not validated
 * yet). Recorded as the id tried; the audit hook above files it under the household too when it
 * is one of the actor's municipality.
 */
function targetOf(request: FastifyRequest): { entityId?: string } {
  const familyId = (request.params as { familyId?: unknown } | undefined)?.familyId;
  return typeof familyId === 'string' && UUID.test(familyId) ? { entityId: familyId } : {};
}

/** The signed-in actor of a route whose access is a RoutePolicy (set by the gate above). */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session;
  if (session?.stage !== 'done') throw unauthenticated();
  return session.actor;
}
