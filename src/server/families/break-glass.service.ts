import type { Trx } from '../../db/queryable';
import type { BreakGlassRequestItem } from '../../shared/families/break-glass.contract';
import type { Actor } from '../http/access';
import {
  countOpenedFamilies,
  findBreakGlassSettings,
  findOpenRequest,
  findRequestItem,
  insertRequest,
  lockRequester,
  type RequestRow,
} from './break-glass.queries';
import { insertBreakGlassGrant } from './families.queries';

const DAY_MS = 24 * 60 * 60 * 1000;

export function toRequestItem(row: RequestRow): BreakGlassRequestItem {
  return {
    id: row.id,
    familyId: row.household_id,
    familyReference: row.reference,
    requester: { id: row.requester_id, displayName: row.requester_name },
    reason: row.reason,
    requestedAt: row.requested_at.toISOString(),
    status: row.granted === null ? 'pending' : row.granted ? 'granted' : 'refused',
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, displayName: row.decider_name ?? '' },
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionReason: row.decision_reason,
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
  };
}

/**
 * How a grant is recorded (action `break_glass`, which flags it to the family's leader), under
 * the one who gets the access: by the route helper for a grant within the limit, by the decision
 * route for a request granted.
 */
export const grantRecord = (grantId: string, viaRequest: boolean) =>
  ({
    action: 'break_glass',
    entity: 'break_glass_grant',
    entityId: grantId,
    fields: viaRequest ? ['reason', 'request'] : ['reason'],
    purpose: 'break_glass',
    breakGlass: true,
  }) as const;

/**
 * A grant: access to the family for the municipality's minutes from `now`, the reason kept with
 * it. The caller records it (grantRecord) in the same transaction.
 */
export async function grantBreakGlass(
  trx: Trx,
  to: { userId: string; municipalityId: string; role: Actor['role'] },
  familyId: string,
  reason: string,
  now: Date,
  requestId?: string,
) {
  const { break_glass_minutes } = await findBreakGlassSettings(trx, to.municipalityId);
  const expiresAt = new Date(now.getTime() + break_glass_minutes * 60_000);
  const row = await insertBreakGlassGrant(trx, {
    municipalityId: to.municipalityId,
    userId: to.userId,
    familyId,
    reason,
    expiresAt,
    ...(requestId ? { requestId } : {}),
  });
  return { id: row.id, expiresAt };
}

/**
 * Break the glass within the daily limit (decision 0024): up to `break_glass_daily_limit`
 * distinct families in 24 hours open at once — a family already opened in the window opens
 * again without counting, unless the limit is 0 — and past it the request waits for a decision.
 * The requester's account row is held meanwhile, so parallel requests are counted in turn.
 * Says what it did, for the route's audit record: the grant, or the request (`created` when new).
 */
export async function breakGlass(
  trx: Trx,
  actor: Actor,
  familyId: string,
  reason: string,
  now: Date,
): Promise<
  | { status: 'granted'; expiresAt: Date; grantId: string }
  | { status: 'pending'; request: BreakGlassRequestItem; created: boolean }
> {
  await lockRequester(trx, actor.municipalityId, actor.userId);
  const { break_glass_daily_limit: limit } = await findBreakGlassSettings(trx, actor.municipalityId);
  const { opened, thisOne } = await countOpenedFamilies(
    trx,
    actor.municipalityId,
    actor.userId,
    familyId,
    new Date(now.getTime() - DAY_MS),
  );
  if ((thisOne && limit > 0) || opened < limit) {
    const grant = await grantBreakGlass(trx, actor, familyId, reason, now);
    return { status: 'granted', expiresAt: grant.expiresAt, grantId: grant.id };
  }
  // Asking again while a request waits is the same request: the first reason stands.
  const open = await findOpenRequest(trx, actor.municipalityId, actor.userId, familyId);
  const id =
    open?.id ??
    (
      await insertRequest(trx, {
        municipalityId: actor.municipalityId,
        userId: actor.userId,
        familyId,
        reason,
      })
    ).id;
  const row = await findRequestItem(trx, actor.municipalityId, id);
  if (!row) throw new Error('the request just written is gone');
  return { status: 'pending', request: toRequestItem(row), created: !open };
}
