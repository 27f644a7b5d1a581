import { sql } from 'kysely';
import type { Q, Trx } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import type { Actor } from '../http/access';
import * as sample from '../snapshot-samples';

/**
 * Holds the actor's account row until the transaction ends, so that one person's break-the-glass
 * requests are counted one after another: parallel requests cannot all slip under the limit.
 * `for no key update` does not block the rows that refer to the account (sessions, audit).
 */
export function lockRequester(trx: Trx, municipalityId: string, userId: string) {
  return trx
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', userId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * The families the user opened by break-the-glass since `since`: how many distinct ones, and
 * whether `familyId` is among them (a renewal, which does not count again).
 */
export async function countOpenedFamilies(
  db: Q,
  municipalityId: string,
  userId: string,
  familyId: string,
  since: Date,
) {
  const row = await db
    .selectFrom('break_glass_grant')
    .select([
      sql<string>`count(distinct household_id)`.as('opened'),
      sql<boolean | null>`bool_or(household_id = ${familyId})`.as('this_one'),
    ])
    .where('municipality_id', '=', municipalityId)
    .where('user_id', '=', userId)
    .where('granted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { opened: Number(row.opened), thisOne: row.this_one === true };
}

/** The municipality's break-the-glass settings: how long a grant runs, how many families a day. */
export function findBreakGlassSettings(db: Q, municipalityId: string) {
  return db
    .selectFrom('municipality')
    .select(['break_glass_minutes', 'break_glass_daily_limit'])
    .where('id', '=', municipalityId)
    .executeTakeFirstOrThrow();
}

/** The user's request for the family still waiting for a decision, if any. */
export function findOpenRequest(db: Q, municipalityId: string, userId: string, familyId: string) {
  return db
    .selectFrom('break_glass_request')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('requester_id', '=', userId)
    .where('household_id', '=', familyId)
    .where('decided_at', 'is', null)
    .executeTakeFirst();
}

export function insertRequest(
  trx: Trx,
  r: { municipalityId: string; userId: string; familyId: string; reason: string },
) {
  return trx
    .insertInto('break_glass_request')
    .values({
      municipality_id: r.municipalityId,
      requester_id: r.userId,
      household_id: r.familyId,
      reason: r.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Requests as the contract shows them: the family by reference, who asked, who decided, the grant. */
function requestItems(db: Q, municipalityId: string) {
  return db
    .selectFrom('break_glass_request as r')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'r.household_id'))
    .innerJoin('app_user as q', (j) => sameTenant(j, 'q.id', 'r.requester_id'))
    .leftJoin('app_user as d', (j) => sameTenant(j, 'd.id', 'r.decided_by'))
    .leftJoin('break_glass_grant as g', (j) => sameTenant(j, 'g.request_id', 'r.id'))
    .select([
      'r.id',
      'r.household_id',
      'h.reference',
      'r.requester_id',
      'q.display_name as requester_name',
      'r.reason',
      'r.requested_at',
      'r.decided_by',
      'd.display_name as decider_name',
      'r.decided_at',
      'r.granted',
      'r.decision_reason',
      'g.expires_at',
    ])
    .where('r.municipality_id', '=', municipalityId);
}

export type RequestRow = Awaited<ReturnType<typeof findRequestItem>> & {};

export function findRequestItem(db: Q, municipalityId: string, requestId: string) {
  return requestItems(db, municipalityId).where('r.id', '=', requestId).executeTakeFirst();
}

/** The actor's own requests since `since`, newest first. */
export function findMyRequests(db: Q, actor: Actor, since: Date) {
  return requestItems(db, actor.municipalityId)
    .where('r.requester_id', '=', actor.userId)
    .where('r.requested_at', '>=', since)
    .orderBy('r.requested_at', 'desc')
    .limit(100)
    .execute();
}

/**
 * The requests waiting for the actor to decide, oldest first — the rule of
 * families.policy.ts (mayDecideBreakGlass) as a filter: a leader decides those for the team's
 * families and any team leader's; an administrator a team leader's; nobody their own.
 */
export function findRequestsToDecide(db: Q, actor: Actor) {
  return requestItems(db, actor.municipalityId)
    .where('r.decided_at', 'is', null)
    .where('r.requester_id', '<>', actor.userId)
    .where((eb) =>
      actor.role === 'team_leader' && actor.teamId
        ? eb.or([eb('h.team_id', '=', actor.teamId), eb('q.role', '=', 'team_leader')])
        : eb('q.role', '=', 'team_leader'),
    )
    .orderBy('r.requested_at', 'asc')
    .limit(100)
    .execute();
}

/** How many requests wait for the actor's decision (the same rule as findRequestsToDecide). */
export async function countRequestsToDecide(db: Q, actor: Actor) {
  const row = await db
    .selectFrom('break_glass_request as r')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'r.household_id'))
    .innerJoin('app_user as q', (j) => sameTenant(j, 'q.id', 'r.requester_id'))
    .select(sql<string>`count(*)`.as('count'))
    .where('r.municipality_id', '=', actor.municipalityId)
    .where('r.decided_at', 'is', null)
    .where('r.requester_id', '<>', actor.userId)
    .where((eb) =>
      actor.role === 'team_leader' && actor.teamId
        ? eb.or([eb('h.team_id', '=', actor.teamId), eb('q.role', '=', 'team_leader')])
        : eb('q.role', '=', 'team_leader'),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The request with what its deciders are chosen by (the family's team, the requester's role),
 * locked until the transaction ends: of two deciders at once, the second waits and then finds it
 * decided.
 */
export function lockRequest(trx: Trx, municipalityId: string, requestId: string) {
  return trx
    .selectFrom('break_glass_request as r')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'r.household_id'))
    .innerJoin('app_user as q', (j) => sameTenant(j, 'q.id', 'r.requester_id'))
    .select(['r.id', 'r.household_id', 'r.requester_id', 'r.reason', 'r.decided_at', 'h.team_id', 'q.role'])
    .where('r.municipality_id', '=', municipalityId)
    .where('r.id', '=', requestId)
    .forUpdate('r')
    .executeTakeFirst();
}

/** Records the decision; nothing when it was decided meanwhile (the caller answers 409). */
export function decideRequest(
  trx: Trx,
  d: {
    municipalityId: string;
    requestId: string;
    deciderId: string;
    granted: boolean;
    reason: string;
    at: Date;
  },
) {
  return trx
    .updateTable('break_glass_request')
    .set({ decided_by: d.deciderId, decided_at: d.at, granted: d.granted, decision_reason: d.reason })
    .where('municipality_id', '=', d.municipalityId)
    .where('id', '=', d.requestId)
    .where('decided_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/** Where the leader's "seen up to" mark stands: -infinity for one who never looked. */
const seenAt = (db: Q, actor: Actor) =>
  db
    .selectFrom('break_glass_seen as s')
    .select('s.seen_at')
    .where('s.municipality_id', '=', actor.municipalityId)
    .where('s.user_id', '=', actor.userId);

/** Grants on the leader's team's families since `since`, newest first, each marked unseen or not. */
export function findTeamGrants(db: Q, actor: Actor & { teamId: string }, since: Date) {
  return db
    .selectFrom('break_glass_grant as g')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'g.household_id'))
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'g.user_id'))
    .leftJoin('break_glass_request as r', (j) => sameTenant(j, 'r.id', 'g.request_id'))
    .leftJoin('app_user as d', (j) => sameTenant(j, 'd.id', 'r.decided_by'))
    .select((eb) => [
      'g.id',
      'g.household_id',
      'h.reference',
      'g.user_id',
      'u.display_name as user_name',
      'g.reason',
      'g.granted_at',
      'g.expires_at',
      'r.decided_by',
      'd.display_name as decider_name',
      eb('g.granted_at', '>', eb.fn.coalesce(seenAt(db, actor), sql<Date>`'-infinity'::timestamptz`)).as(
        'unseen',
      ),
    ])
    .where('g.municipality_id', '=', actor.municipalityId)
    .where('h.team_id', '=', actor.teamId)
    .where('g.granted_at', '>=', since)
    .where('g.user_id', '<>', actor.userId)
    .orderBy('g.granted_at', 'desc')
    .limit(100)
    .execute();
}

/** How many grants on the leader's team's families since `since` the leader has not seen. */
export async function countUnseenGrants(db: Q, actor: Actor & { teamId: string }, since: Date) {
  const row = await db
    .selectFrom('break_glass_grant as g')
    .innerJoin('household as h', (j) => sameTenant(j, 'h.id', 'g.household_id'))
    .select(sql<string>`count(*)`.as('count'))
    .where('g.municipality_id', '=', actor.municipalityId)
    .where('h.team_id', '=', actor.teamId)
    .where('g.granted_at', '>=', since)
    .where('g.user_id', '<>', actor.userId)
    .where((eb) =>
      eb('g.granted_at', '>', eb.fn.coalesce(seenAt(db, actor), sql<Date>`'-infinity'::timestamptz`)),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Moves the leader's "seen up to" mark to `at`. */
export function markGrantsSeen(db: Q, municipalityId: string, userId: string, at: Date) {
  return db
    .insertInto('break_glass_seen')
    .values({ municipality_id: municipalityId, user_id: userId, seen_at: at })
    .onConflict((oc) => oc.columns(['municipality_id', 'user_id']).doUpdateSet({ seen_at: at }))
    .execute();
}

/**
 * The SQL snapshot of this module (break-glass.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./break-glass.queries')> = {
  lockRequester: [
    { run: sample.inTransaction((trx) => lockRequester(trx, sample.MUNICIPALITY, sample.USER)) },
  ],
  countOpenedFamilies: [
    { run: (db) => countOpenedFamilies(db, sample.MUNICIPALITY, sample.USER, sample.FAMILY, sample.NOW) },
  ],
  findBreakGlassSettings: [{ run: (db) => findBreakGlassSettings(db, sample.MUNICIPALITY) }],
  findOpenRequest: [{ run: (db) => findOpenRequest(db, sample.MUNICIPALITY, sample.USER, sample.FAMILY) }],
  insertRequest: [
    {
      run: sample.inTransaction((trx) =>
        insertRequest(trx, {
          municipalityId: sample.MUNICIPALITY,
          userId: sample.USER,
          familyId: sample.FAMILY,
          reason: 'Urgent',
        }),
      ),
    },
  ],
  findRequestItem: [{ run: (db) => findRequestItem(db, sample.MUNICIPALITY, sample.COLLEAGUE) }],
  findMyRequests: [{ run: (db) => findMyRequests(db, sample.actor('team_member'), sample.NOW) }],
  findRequestsToDecide: [
    { variant: 'team leader', run: (db) => findRequestsToDecide(db, sample.actor('team_leader')) },
    {
      variant: 'administrator',
      run: (db) => findRequestsToDecide(db, sample.actor('administrator')),
    },
  ],
  countRequestsToDecide: [
    { variant: 'team leader', run: (db) => countRequestsToDecide(db, sample.actor('team_leader')) },
    {
      variant: 'administrator',
      run: (db) => countRequestsToDecide(db, sample.actor('administrator')),
    },
  ],
  lockRequest: [
    { run: sample.inTransaction((trx) => lockRequest(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) },
  ],
  decideRequest: [
    {
      run: sample.inTransaction((trx) =>
        decideRequest(trx, {
          municipalityId: sample.MUNICIPALITY,
          requestId: sample.COLLEAGUE,
          deciderId: sample.USER,
          granted: true,
          reason: 'Confirmed',
          at: sample.NOW,
        }),
      ),
    },
  ],
  findTeamGrants: [
    { run: (db) => findTeamGrants(db, { ...sample.actor('team_leader'), teamId: sample.TEAM }, sample.NOW) },
  ],
  countUnseenGrants: [
    {
      run: (db) => countUnseenGrants(db, { ...sample.actor('team_leader'), teamId: sample.TEAM }, sample.NOW),
    },
  ],
  markGrantsSeen: [{ run: (db) => markGrantsSeen(db, sample.MUNICIPALITY, sample.USER, sample.NOW) }],
};
