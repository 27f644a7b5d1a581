import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Problem } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';
import { Cover, CoverList, CoverParams, coverState, NewCover } from '../../shared/team/cover.contract';
import type { Actor } from '../http/access';
import { fieldError, forbidden, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit, refused } from '../plugins/audit';
import {
  cancelCover,
  findCover,
  insertCover,
  lockTeamStaff,
  overlappingCover,
  teamCovers,
} from './covers.queries';
import { teamPolicy } from './team.policy';

type CoverRow = Awaited<ReturnType<typeof teamCovers>>[number];

const toCover = (r: CoverRow, day: string): Cover => ({
  id: r.id,
  absent: { id: r.absent_id, displayName: r.absent_name },
  backup: { id: r.backup_id, displayName: r.backup_name },
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  state: coverState({ startsOn: r.starts_on, endsOn: r.ends_on, cancelled: r.cancelled_at !== null }, day),
});

/** Covers are the team's organisation of its work: recorded as administration, as pairs' staffing is. */
const purpose = 'administration';

/** The leader's own team: a leader without one has no covers to keep. */
const teamOf = (actor: Actor): string => {
  if (!actor.teamId)
    throw refused(forbidden(), { entity: 'pair_cover', fields: ['team'], purpose: 'access_check' });
  return actor.teamId;
};

/**
 * Cover for an absent pair member (decision 0034): the team's leader names, lists and cancels
 * them. Everything is scoped to the leader's own team; a cover of another team is refused.
 */
export const coversRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const k = db.kysely;
  const tags = ['team'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const config = { access: teamPolicy.covers };

  app.get(
    '/team/covers',
    {
      config,
      schema: {
        tags,
        summary: 'The team’s covers in force and planned',
        response: { 200: CoverList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const teamId = teamOf(actor);
      const day = today();
      return k.transaction().execute(async (trx) => {
        const rows = await teamCovers(trx, actor.municipalityId, teamId, day);
        await audit(trx, actor, {
          action: 'list',
          entity: 'pair_cover',
          fields: ['absent', 'backup', 'period'],
          purpose,
        });
        return { items: rows.map((r) => toCover(r, day)) };
      });
    },
  );

  app.post(
    '/team/covers',
    {
      config,
      schema: {
        tags,
        summary: 'Name a backup for an absent pair member',
        body: NewCover,
        response: { 201: Cover, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const teamId = teamOf(actor);
      const { absentId, backupId, startsOn, endsOn } = request.body;
      const day = today();
      if (endsOn < day) throw fieldError('endsOn', 'errors.coverInPast');
      const cover = await k.transaction().execute(async (trx) => {
        const staff = await lockTeamStaff(trx, actor.municipalityId, teamId, [absentId, backupId]);
        // Naming someone outside the leader's own team is an attempt on another team's staff:
        // refused on the record, as any refusal is, and answered at the field.
        for (const [field, id] of [
          ['absentId', absentId],
          ['backupId', backupId],
        ] as const) {
          if (!staff.some((s) => s.id === id)) {
            throw refused(fieldError(field, 'errors.coverNotInTeam'), {
              entity: 'app_user',
              entityId: id,
              fields: [field],
              purpose: 'access_check',
            });
          }
        }
        if (await overlappingCover(trx, actor.municipalityId, absentId, startsOn, endsOn))
          throw fieldError('startsOn', 'errors.coverOverlaps', 409);
        const { id } = await insertCover(trx, {
          municipalityId: actor.municipalityId,
          teamId,
          absentId,
          backupId,
          startsOn,
          endsOn,
          createdBy: actor.userId,
        });
        await audit(trx, actor, {
          action: 'create',
          entity: 'pair_cover',
          entityId: id,
          fields: ['absent', 'backup', 'starts_on', 'ends_on'],
          purpose,
        });
        return (await findCover(trx, actor.municipalityId, id))!;
      });
      reply.status(201);
      return toCover(cover, day);
    },
  );

  app.post(
    '/team/covers/:coverId/cancel',
    {
      config,
      schema: {
        tags,
        summary: 'Cancel a cover in force or planned',
        params: CoverParams,
        response: { 200: Cover, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const teamId = teamOf(actor);
      const { coverId } = request.params;
      const day = today();
      const cover = await k.transaction().execute(async (trx) => {
        const found = await findCover(trx, actor.municipalityId, coverId, true);
        if (!found) throw notFound();
        if (found.team_id !== teamId) {
          throw refused(forbidden(), {
            entity: 'pair_cover',
            entityId: coverId,
            fields: ['cancel'],
            purpose: 'access_check',
          });
        }
        if (found.cancelled_at !== null || found.ends_on < day)
          throw fieldError('coverId', 'errors.coverOver', 409);
        const at = new Date();
        await cancelCover(trx, actor.municipalityId, coverId, actor.userId, at);
        await audit(trx, actor, {
          action: 'update',
          entity: 'pair_cover',
          entityId: coverId,
          fields: ['cancelled_at'],
          purpose,
        });
        return { ...found, cancelled_at: at };
      });
      return toCover(cover, day);
    },
  );
};
