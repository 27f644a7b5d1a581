import { z } from 'zod';
import { Id, IsoDate, PageQuery, paged } from '../common/common.contract';

export const AuditAction = z.enum([
  'read',
  'list',
  'create',
  'update',
  'reveal',
  'break_glass',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'denied',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditQuery = z.strictObject({
  actorId: Id.optional(),
  householdId: Id.optional(),
  action: AuditAction.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  breakGlass: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...PageQuery,
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: Id, displayName: z.string(), role: z.string() }).nullable(),
  /** No signed-in actor: the operator's command line (`staircase create-user`, `reset-password`). */
  commandLine: z.boolean().optional(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  householdId: z.string().nullable(),
  householdReference: z.string().nullable(),
  fields: z.array(z.string()),
  purpose: z.string(),
  breakGlass: z.boolean(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditList = paged(AuditEvent);

/** Break-the-glass grants to the leader's team's families (administrator: the municipality) lately. */
export const BreakGlassSummary = z.object({ count: z.number().int(), since: z.string() });
export type BreakGlassSummary = z.infer<typeof BreakGlassSummary>;
