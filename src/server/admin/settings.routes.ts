import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { MunicipalitySettings, UpdateSettings } from '../../shared/admin/settings.contract';
import { Problem } from '../../shared/common/common.contract';
import { announce } from '../auth/session-events';
import { versionConflict } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { adminPolicy } from './admin.policy';
import { findSettings, lockSettings, updateSettings } from './settings.queries';

const toContract = (row: {
  mfa_required: boolean;
  break_glass_minutes: number;
  break_glass_daily_limit: number;
  version: number;
}): MunicipalitySettings => ({
  mfaRequired: row.mfa_required,
  breakGlassMinutes: row.break_glass_minutes,
  breakGlassDailyLimit: row.break_glass_daily_limit,
  version: row.version,
});

export const settingsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const errors = { 400: Problem, 401: Problem, 403: Problem };

  app.get(
    '/admin/settings',
    {
      config: {
        access: adminPolicy.settings,
        unaudited: 'the municipality’s settings: configuration, no person’s data',
      },
      schema: {
        tags: ['admin'],
        summary: 'The municipality’s settings',
        response: { 200: MunicipalitySettings, ...errors },
      },
    },
    async (request) => toContract(await findSettings(db.kysely, actorOf(request).municipalityId)),
  );

  app.put(
    '/admin/settings',
    {
      config: { access: adminPolicy.settings },
      schema: {
        tags: ['admin'],
        summary: 'Change the municipality’s settings (409 when another administrator saved since `version`)',
        body: UpdateSettings,
        response: { 200: MunicipalitySettings, ...errors, 409: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...changes } = request.body;
      const settings = await db.kysely.transaction().execute(async (trx) => {
        // Another administrator saved since this one loaded the page: theirs is not overwritten unseen.
        const current = await lockSettings(trx, actor.municipalityId);
        if (current.version !== version) throw versionConflict();
        const row = await updateSettings(trx, actor.municipalityId, changes);
        // The session check reads whether a second factor is required (decision 0018): every
        // instance's cached sessions of the municipality go on commit.
        if (changes.mfaRequired !== undefined) await announce(trx, { municipality: actor.municipalityId });
        await audit(trx, actor, {
          action: 'update',
          entity: 'municipality',
          entityId: actor.municipalityId,
          fields: Object.keys(changes),
          purpose: 'administration',
        });
        return toContract(row);
      });
      if (changes.mfaRequired !== undefined) app.sessionCache.forgetMunicipality(actor.municipalityId);
      return settings;
    },
  );
};
