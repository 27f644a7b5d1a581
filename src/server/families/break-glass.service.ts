import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { BreakGlassRequestItem } from '../../shared/families/break-glass.contract';
import type { Actor } from '../http/access';
import { audit } from '../plugins/audit';
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

type Trx = Transaction<Database>;

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
 * A grant: access to the family for the municipality's minutes from `now`, the reason kept with
 * it, and the audit row (under the one who gets the access) that flags it to the leader.
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
  await audit(trx, to, {
    action: 'break_glass',
    entity: 'break_glass_grant',
    entityId: row.id,
    householdId: familyId,
    fields: requestId ? ['reason', 'request'] : ['reason'],
    purpose: 'break_glass',
    breakGlass: true,
  });
  return expiresAt;
}

/**
 * Break the glass within the daily limit (decision 0024): up to `break_glass_daily_limit`
 * distinct families in 24 hours open at once — a family already opened in the window opens
 * again without counting, unless the limit is 0 — and past it the request waits for a decision.
 * The requester's account row is held meanwhile, so parallel requests are counted in turn.
 */
export async function breakGlass(
  trx: Trx,
  actor: Actor,
  familyId: string,
  reason: string,
  now: Date,
): Promise<{ status: 'granted'; expiresAt: Date } | { status: 'pending'; request: BreakGlassRequestItem }> {
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
    return { status: 'granted', expiresAt: await grantBreakGlass(trx, actor, familyId, reason, now) };
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
  if (!open) {
    await audit(trx, actor, {
      action: 'create',
      entity: 'break_glass_request',
      entityId: id,
      householdId: familyId,
      fields: ['reason'],
      purpose: 'break_glass',
    });
  }
  const row = await findRequestItem(trx, actor.municipalityId, id);
  if (!row) throw new Error('the request just written is gone');
  return { status: 'pending', request: toRequestItem(row) };
}
