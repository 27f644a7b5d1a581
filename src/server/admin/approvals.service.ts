import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../http/access';
import { AppError, notFound } from '../http/problem';
import { audit, refused } from '../plugins/audit';
import { decideApproval, lockApproval } from './approvals.queries';
import { lockActiveAdministrators, lockUser } from './users.queries';
import { applyPassword, applySecondFactorReset, applySingleSignOn, subjectRace } from './users.service';

/**
 * Deciding a reset that waits for a second administrator (decision 0025). One transaction: the
 * approval is locked, so of two administrators deciding at once the second finds it decided (409).
 */
const decided = () => new AppError(409, 'problems.approvalDecided');

async function lockPending(trx: Parameters<typeof lockApproval>[0], actor: Actor, approvalId: string) {
  const approval = await lockApproval(trx, actor.municipalityId, approvalId);
  if (!approval) throw notFound();
  if (approval.decision !== null || approval.expired) throw decided();
  // Four eyes: neither the one who asked nor the account's holder decides it.
  if (approval.requested_by === actor.userId || approval.target_id === actor.userId) {
    throw refused(new AppError(403, 'problems.ownApproval'), {
      entity: 'admin_approval',
      entityId: approvalId,
      fields: ['decision'],
      purpose: 'four_eyes',
    });
  }
  return approval;
}

/** Approves: the reset is made now, by the approver, and audited as approved. Returns its target. */
export async function approve(db: Kysely<Database>, actor: Actor, approvalId: string): Promise<string> {
  try {
    return await db.transaction().execute(async (trx) => {
      // The administrators before the approval and the account: the order every account change locks in.
      await lockActiveAdministrators(trx, actor.municipalityId);
      const approval = await lockPending(trx, actor, approvalId);
      const before = await lockUser(trx, actor.municipalityId, approval.target_id);
      if (!before) throw notFound();
      const why = 'administration_approved';
      if (approval.kind === 'password' && approval.password_hash) {
        await applyPassword(trx, actor, before, approval.password_hash, false, why);
      } else if (approval.kind === 'second_factor') {
        await applySecondFactorReset(trx, actor, before, why);
      } else if (approval.kind === 'single_sign_on' && approval.oidc_subject) {
        await applySingleSignOn(trx, actor, before, approval.oidc_subject, why);
      } else {
        throw new Error(`approval ${approvalId} of kind ${approval.kind} has nothing to apply`);
      }
      await decideApproval(trx, actor.municipalityId, approvalId, actor.userId, 'approved', null);
      await audit(trx, actor, {
        action: 'update',
        entity: 'admin_approval',
        entityId: approvalId,
        fields: ['decision'],
        purpose: 'administration',
      });
      return approval.target_id;
    });
  } catch (error) {
    return subjectRace(error);
  }
}

/** Refuses, with the reason: nothing changes on the account. */
export async function refuse(db: Kysely<Database>, actor: Actor, approvalId: string, reason: string) {
  await db.transaction().execute(async (trx) => {
    await lockPending(trx, actor, approvalId);
    await decideApproval(trx, actor.municipalityId, approvalId, actor.userId, 'refused', reason);
    await audit(trx, actor, {
      action: 'update',
      entity: 'admin_approval',
      entityId: approvalId,
      fields: ['decision', 'reason'],
      purpose: 'administration',
    });
  });
}
