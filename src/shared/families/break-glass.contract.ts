import { z } from 'zod';
import { Id } from '../common/common.contract';
import { freeText } from '../common/text';

/**
 * Break-the-glass past the daily limit (decision 0024): the request waits for a leader (or, for a
 * leader's own request, another leader or an administrator), who grants or refuses it with a reason.
 */
export const BreakGlassRequestStatus = z.enum(['pending', 'granted', 'refused']);
export type BreakGlassRequestStatus = z.infer<typeof BreakGlassRequestStatus>;

const Person = z.object({ id: Id, displayName: z.string() });

/**
 * A request as its requester and its deciders see it: the family by reference, who asked, why and
 * when, and the decision. Nothing of the case: an administrator decides with this alone.
 */
export const BreakGlassRequestItem = z.object({
  id: Id,
  familyId: Id,
  familyReference: z.string(),
  requester: Person,
  reason: z.string(),
  requestedAt: z.string(),
  status: BreakGlassRequestStatus,
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** Until when the grant made by the decision runs (granted requests only). */
  expiresAt: z.string().nullable(),
});
export type BreakGlassRequestItem = z.infer<typeof BreakGlassRequestItem>;

/** `POST /api/families/:familyId/break-glass` past the limit: 202, the request waits. */
export const BreakGlassPending = z.object({ status: z.literal('pending'), request: BreakGlassRequestItem });
export type BreakGlassPending = z.infer<typeof BreakGlassPending>;

/** `GET /api/break-glass/requests`: those waiting for me to decide, and my own of the last 7 days. */
export const BreakGlassRequests = z.object({
  toDecide: z.array(BreakGlassRequestItem),
  mine: z.array(BreakGlassRequestItem),
});
export type BreakGlassRequests = z.infer<typeof BreakGlassRequests>;

export const BreakGlassRequestParams = z.strictObject({ requestId: Id });

export const BreakGlassDecision = z.strictObject({
  granted: z.boolean({ message: 'errors.required' }),
  reason: freeText(500, { min: 10, tooShort: 'errors.reasonTooShort', emptyIsTooShort: true }),
});
export type BreakGlassDecision = z.input<typeof BreakGlassDecision>;

/** The header's flag: requests waiting for me, and grants on my team's families I have not seen. */
export const BreakGlassCounts = z.object({ toDecide: z.number().int(), unseenGrants: z.number().int() });
export type BreakGlassCounts = z.infer<typeof BreakGlassCounts>;

/** A grant on one of the leader's team's families, in the last 7 days. */
export const BreakGlassGrantItem = z.object({
  id: Id,
  familyId: Id,
  familyReference: z.string(),
  user: Person,
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  /** Who granted it, when it waited for a decision; null when opened within the daily limit. */
  approvedBy: Person.nullable(),
  unseen: z.boolean(),
});
export type BreakGlassGrantItem = z.infer<typeof BreakGlassGrantItem>;

export const BreakGlassGrants = z.object({ items: z.array(BreakGlassGrantItem) });
export type BreakGlassGrants = z.infer<typeof BreakGlassGrants>;

/** How far back the requester's own requests and the leader's grants reach. */
export const BREAK_GLASS_LIST_DAYS = 7;
