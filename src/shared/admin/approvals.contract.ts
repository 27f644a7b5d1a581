import { z } from 'zod';
import { Id } from '../common/common.contract';
import { freeText } from '../common/text';

/**
 * Issue 12, point 6 (decision 0025): a reset that hands over a team leader's or an
 * administrator's account — a new password, a forgotten second factor, a move to single sign-on
 * — waits for a second administrator's approval, for APPROVAL_HOURS at most.
 */
export const APPROVAL_HOURS = 24;

export const ApprovalKind = z.enum(['password', 'second_factor', 'single_sign_on']);
export type ApprovalKind = z.infer<typeof ApprovalKind>;

const Person = z.object({ id: Id, displayName: z.string() });

export const Approval = z.object({
  id: Id,
  kind: ApprovalKind,
  /** `expired`: not decided within APPROVAL_HOURS; nothing happened. */
  status: z.enum(['pending', 'approved', 'refused', 'expired']),
  target: Person.extend({ username: z.string(), role: z.string() }),
  requestedBy: Person,
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  /** Why it was refused, as the deciding administrator wrote it. */
  reason: z.string().nullable(),
  /** Whether the reader may approve or refuse it: another administrator than the requester. */
  abilities: z.object({ decide: z.boolean() }),
});
export type Approval = z.infer<typeof Approval>;

export const ApprovalList = z.object({ items: z.array(Approval) });
export type ApprovalList = z.infer<typeof ApprovalList>;

export const ApprovalParams = z.strictObject({ approvalId: Id });

export const RefuseApproval = z.strictObject({
  reason: freeText(500),
});
export type RefuseApproval = z.input<typeof RefuseApproval>;
