import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import {
  AddAllowedOrigin,
  AllowedOrigin,
  AllowedOriginList,
  AllowedOriginParams,
} from '../../shared/admin/origins.contract';
import { Problem } from '../../shared/common/common.contract';
import { fieldError, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { adminPolicy } from './admin.policy';
import { deleteAllowedOrigin, insertAllowedOrigin, listAllowedOrigins } from './origins.queries';

const toContract = (row: { id: string; origin: string; added_at: Date }): AllowedOrigin => ({
  id: row.id,
  origin: row.origin,
  addedAt: row.added_at.toISOString(),
});

const listedTwice = () => fieldError('origin', 'errors.originListed', 400);

/**
 * Origins besides PUBLIC_URL's from which the municipality's sessions may send unsafe requests
 * (a second address of the same installation, say). An installation's own settings (PUBLIC_URL,
 * ALLOWED_ORIGINS) are the operator's; this list is the administrator's, per municipality
 * (decision 0025). Not personal data, but a security setting: every change is audited.
 */
export const originsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const config = { access: adminPolicy.settings };
  const tags = ['admin'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
  const purpose = 'administration';

  app.get(
    '/admin/allowed-origins',
    {
      config: { ...config, unaudited: 'the listed web origins: configuration, no person’s data' },
      schema: {
        tags,
        summary: 'Origins the municipality accepts writes from, besides the public address',
        response: { 200: AllowedOriginList, ...errors },
      },
    },
    async (request) => ({
      items: (await listAllowedOrigins(k, actorOf(request).municipalityId)).map(toContract),
    }),
  );

  app.post(
    '/admin/allowed-origins',
    {
      config,
      schema: {
        tags,
        summary: 'Accept writes from another origin (scheme, host and port)',
        body: AddAllowedOrigin,
        response: { 201: AllowedOrigin, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { origin } = request.body;
      try {
        const row = await k.transaction().execute(async (trx) => {
          const listed = await listAllowedOrigins(trx, actor.municipalityId);
          if (listed.some((r) => r.origin === origin)) throw listedTwice();
          const added = await insertAllowedOrigin(trx, actor.municipalityId, origin, actor.userId);
          await audit(trx, actor, {
            action: 'create',
            entity: 'allowed_origin',
            entityId: added.id,
            fields: ['origin'],
            purpose,
          });
          return added;
        });
        app.listedOrigins.forget();
        reply.status(201);
        return toContract(row);
      } catch (error) {
        // Two administrators adding the same origin at once: the unique index decides.
        if (isUniqueViolation(error, 'allowed_origin_origin')) throw listedTwice();
        throw error;
      }
    },
  );

  app.delete(
    '/admin/allowed-origins/:originId',
    {
      config,
      schema: {
        tags,
        summary: 'Stop accepting writes from a listed origin',
        params: AllowedOriginParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { originId } = request.params;
      await k.transaction().execute(async (trx) => {
        if (!(await deleteAllowedOrigin(trx, actor.municipalityId, originId))) throw notFound();
        await audit(trx, actor, {
          action: 'delete',
          entity: 'allowed_origin',
          entityId: originId,
          fields: ['origin'],
          purpose,
        });
      });
      app.listedOrigins.forget();
      return reply.status(204).send(null);
    },
  );
};
