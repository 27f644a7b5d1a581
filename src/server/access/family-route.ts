import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import type { Trx } from '../../db/queryable';
import type { AuditAction } from '../../shared/admin/audit.contract';
import type { Actor, RoutePolicy } from '../http/access';
import { AppError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import { findFamilyRelation } from './access.queries';
import { accessPurpose, type FamilyPermission, type FamilyRelation, mayBreakGlass } from './family-access';

/*
 * The one way to register a route under /api/families/:familyId/… (STYLE.md, "Access every
 * area hangs off"): the route names the action it needs and how its call is recorded, and the
 * helper opens the transaction, loads the actor's relationship to the family (one query),
 * applies the action's rule and writes the audit record in that transaction. The access plugin
 * refuses to start with a route whose path names a family but was not registered here.
 */

/** What a family-scoped handler works with: all of it decided before the handler runs. */
export interface FamilyContext {
  trx: Trx;
  actor: Actor;
  familyId: string;
  family: FamilyRelation;
  now: Date;
  /** The actor is here by a break-the-glass grant: reads are recorded as such. */
  breakGlass: boolean;
  /**
   * Why the actor is here, as every audit record of the request names it: `break_glass`,
   * `cover` (a backup for an absent pair member, decision 0034) or `case_work`.
   */
  purpose: 'break_glass' | 'cover' | 'case_work';
}

/** How one call is recorded; the helper adds who, the family, and (unless given) why. */
export interface FamilyAuditRecord {
  action: AuditAction;
  entity: string;
  /** The record touched: the family itself unless given (null: none in particular). */
  entityId?: string | null;
  fields: readonly string[];
  /** The context's purpose (break_glass, cover, case_work) unless given. */
  purpose?: string;
  breakGlass?: boolean;
}

/**
 * The audit description a family-scoped route must give: one record, fixed or made from what
 * the handler did (null only when the call did nothing to record, e.g. a request already waiting).
 */
export type FamilyAudit<R> =
  | FamilyAuditRecord
  | ((context: FamilyContext, result: R) => FamilyAuditRecord | null);

/** Checks an area makes around every write of a family (families: its rules hold after it). */
export interface WriteCheck<T> {
  before(trx: Trx, municipalityId: string, familyId: string): Promise<T>;
  after(trx: Trx, municipalityId: string, familyId: string, before: T): Promise<void>;
}

type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type RequestOf<S extends FastifySchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  ZodTypeProvider
>;

export interface FamilyRouteSpec<S extends FastifySchema, R> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the area's prefix; names the family as `:familyId`. */
  url: string;
  /** The role gate (RoutePolicy), asked by the access plugin before anything else. */
  access: RoutePolicy;
  /** The relationship rule, from the area's policy (`allow(…)`). */
  action: FamilyPermission;
  audit: FamilyAudit<R>;
  schema: S;
  handler: (context: FamilyContext, request: RequestOf<S>) => Promise<R>;
  /** What is sent, and with which status; by default the handler's result with 200. */
  send?: (result: R, reply: FastifyReply) => unknown;
}

/** What the access plugin finds in a family-scoped route's config. */
export interface FamilyRouteConfig {
  action: FamilyPermission;
  audit: FamilyAudit<never>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    family?: FamilyRouteConfig;
  }
}

/** A route's path names a family: it must be registered through familyRoute. */
export const namesFamily = (url: string) => url.includes('/:familyId');

/** Whether a route's config is one familyRoute made (an action with a rule, and an audit description). */
export const isFamilyRouteConfig = (config: { family?: Partial<FamilyRouteConfig> } | undefined) =>
  typeof config?.family?.action?.rule === 'function' && config.family.audit !== undefined;

/**
 * The area's registrar of family-scoped routes: `const route = familyRoutes(app, db, check)`,
 * then `route({ method, url, access, action, audit, schema, handler })` per route.
 */
export function familyRoutes<T>(app: ZodApp, db: Db, writeCheck?: WriteCheck<T>) {
  const k = db.kysely;
  return function route<S extends FastifySchema, R>(spec: FamilyRouteSpec<S, R>): void {
    const { action, audit: description, handler, send } = spec;
    if (!action || typeof action.rule !== 'function') {
      throw new Error(`Family route ${spec.method} ${spec.url} names no action`);
    }
    if (!description) throw new Error(`Family route ${spec.method} ${spec.url} gives no audit description`);
    if (!namesFamily(spec.url)) throw new Error(`Family route ${spec.method} ${spec.url} names no :familyId`);
    const lock = !action.reads;
    const check = lock ? writeCheck : undefined;

    // Everything per request below is the work itself: the rule, the description and the
    // check were chosen above, once, when the route was registered.
    const run = async (trx: Trx, actor: Actor, familyId: string, request: RequestOf<S>) => {
      const now = new Date();
      // Reads share the row; a write locks it, so two writers of one family (two pair
      // assignments, say) are serialised instead of colliding on a unique index.
      const family = await findFamilyRelation(trx, actor, familyId, now, lock);
      // A refused attempt is itself on the record, written by the access plugin when the request
      // fails (this transaction is gone by then). An unknown family, or another municipality's,
      // is "not found" under the id tried, linked to no household of this municipality.
      if (!family) {
        throw refused(notFound(), {
          entity: 'household',
          entityId: familyId,
          fields: [action.action],
          purpose: 'not_found',
        });
      }
      if (!action.rule(actor, family, now)) {
        const denied =
          action.offersBreakGlass && mayBreakGlass(actor, family, now)
            ? new AppError(403, 'problems.forbidden', [], 'break-glass-available')
            : forbidden();
        throw refused(denied, {
          entity: 'household',
          entityId: familyId,
          householdId: familyId,
          fields: [action.action],
          purpose: 'access_check',
        });
      }
      const purpose = accessPurpose(actor, family, now);
      const context: FamilyContext = {
        trx,
        actor,
        familyId,
        family,
        now,
        breakGlass: purpose === 'break_glass',
        purpose,
      };
      const before = check ? await check.before(trx, actor.municipalityId, familyId) : undefined;
      const result = await handler(context, request);
      if (check) await check.after(trx, actor.municipalityId, familyId, before as T);
      const record = typeof description === 'function' ? description(context, result) : description;
      if (record) {
        await audit(trx, actor, {
          action: record.action,
          entity: record.entity,
          entityId: record.entityId === undefined ? familyId : record.entityId,
          householdId: familyId,
          fields: record.fields as string[],
          purpose: record.purpose ?? context.purpose,
          breakGlass: record.breakGlass ?? context.breakGlass,
        });
      }
      return result;
    };

    app.route({
      method: spec.method,
      url: spec.url,
      schema: spec.schema,
      config: { access: spec.access, family: { action, audit: description as FamilyAudit<never> } },
      // The request is the one the schema types; Fastify's handler type differs only in its
      // context config's generic, which this helper fills itself.
      handler: (async (request: RequestOf<S>, reply: FastifyReply) => {
        const actor = actorOf(request);
        const familyId = (request.params as { familyId: string }).familyId;
        const result = await k.transaction().execute((trx) => run(trx, actor, familyId, request));
        return send ? send(result, reply) : result;
      }) as never,
    });
  };
}

/**
 * Refuses to start with a route whose path names a family but that familyRoutes did not
 * register (no action, no audit description): nothing else may open a family.
 */
export function requireFamilyRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (namesFamily(route.url) && !isFamilyRouteConfig(route.config)) {
      throw new Error(
        `Route ${route.method} ${route.url} names a family but was not registered with familyRoutes (an action and an audit description)`,
      );
    }
  });
}
