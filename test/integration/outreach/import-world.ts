import { staffOf } from '../../support/factories';
import type { Harness } from '../../support/harness';

/** The team leader of a fresh municipality, signed in, with the team's area: who imports. */
export async function world(h: Harness) {
  const m = await h.municipality({ families: 2 });
  const leader = staffOf(m).leader;
  const { area_id: areaId } = await h.db.kysely
    .selectFrom('team')
    .select('area_id')
    .where('municipality_id', '=', m.municipality.id)
    .where('id', '=', leader.team_id!)
    .executeTakeFirstOrThrow();
  const client = await h.signIn(leader.username);
  return { m, leader, areaId, client };
}

export type World = Awaited<ReturnType<typeof world>>;

export const upload = (w: World, body: Buffer | string, fileName = 'udtraek.csv', type = 'text/csv') =>
  w.client.post(
    `/api/outreach/imports?areaId=${w.areaId}&fileName=${encodeURIComponent(fileName)}`,
    typeof body === 'string' ? Buffer.from(body, 'utf-8') : body,
    { 'content-type': type },
  );
