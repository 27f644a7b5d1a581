import { z } from 'zod';
import { Role } from '../auth/auth.contract';
import { Id, IsoDate, PageQuery, paged } from '../common/common.contract';

export const AuditAction = z.enum([
  'read',
  'list',
  'create',
  'update',
  'delete',
  'reveal',
  'break_glass',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'denied',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * The audit log grows by a row for every read, write and list of every user, so a search is bounded:
 * a period of at most 12 months (default: the last 30 days), matches counted up to a cap, and
 * pages only as far as the cap. Narrowing the period or the filters reaches the rest.
 */
export const AUDIT_DEFAULT_DAYS = 30;
/** 12 months, from and to both included (a leap year's 366 days). */
export const AUDIT_MAX_DAYS = 366;
/** Matches are counted up to this many ("more than 1,000"), and pages reach this far. */
export const AUDIT_COUNT_CAP = 1000;
/** A list's event names at most this many of its families in a search (an export names thousands). */
export const LISTED_FAMILIES_SHOWN = 100;

/**
 * A family's reference as a person types it: `F-0012`, `f-12` or `12`, written back as the
 * reference is stored (`F-0012`). Only a reference passes, never a name or a CPR number, so the
 * audit search's address (which carries its filters) holds no personal data.
 */
export const FamilyReference = z
  .string()
  .trim()
  .regex(/^(?:[fF]-?)?\d{1,9}$/, { message: 'errors.familyReference' })
  .transform((v) => `F-${String(Number(v.replace(/^[fF]-?/, ''))).padStart(4, '0')}`);

export const AuditQuery = z.strictObject({
  /** Who acted: an account of the municipality (the list: GET /api/audit/actors). */
  actorId: Id.optional(),
  /** Which family's records, by its id… */
  householdId: Id.optional(),
  /** …or by its reference, as the search form asks for it. */
  householdReference: FamilyReference.optional(),
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

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period a search covers, with its defaults: `to` is today, `from` 30 days back from `to`
 * (both days included). Refused with an i18n key per field: `to` before `from`, a period longer
 * than 12 months, a page beyond the first 1,000 matches. `today` is a yyyy-mm-dd date (UTC).
 */
export function auditPeriod(
  q: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number },
  today: string,
): { from: string; to: string; errors: { field: string; key: string }[] } {
  const to = q.to ?? today;
  const from = q.from ?? isoOf(dayOf(to) - (AUDIT_DEFAULT_DAYS - 1) * DAY);
  const errors: { field: string; key: string }[] = [];
  const days = (dayOf(to) - dayOf(from)) / DAY + 1;
  if (days < 1) errors.push({ field: 'to', key: 'errors.auditToBeforeFrom' });
  else if (days > AUDIT_MAX_DAYS) errors.push({ field: 'from', key: 'errors.auditPeriodTooLong' });
  if ((q.page - 1) * q.pageSize >= AUDIT_COUNT_CAP)
    errors.push({ field: 'page', key: 'errors.auditPageBeyondCap' });
  return { from, to, errors };
}

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
  /**
   * The families a list, an export or a batch read showed: one event names them all (decision
   * 0022). `count` is how many the searcher may see named (a leader: the team's, or all when
   * the team's staff made the list); `shown` the first LISTED_FAMILIES_SHOWN of them by
   * reference. Null for an event about one family or none.
   */
  listedFamilies: z
    .object({
      count: z.number().int(),
      shown: z.array(z.object({ id: Id, reference: z.string() })),
    })
    .nullable(),
  fields: z.array(z.string()),
  purpose: z.string(),
  breakGlass: z.boolean(),
  /**
   * A sign-in with a username nobody has: the keyed hash of what was typed (`<key id>:<hex>`,
   * decision 0018), never the text, so repeated attempts with one name can be matched. Else null.
   */
  subjectHash: z.string().nullable(),
  /**
   * A `break_glass` event's grant: until when it ran and why it was asked for; null for other
   * events. `reason` is case content, so only the leader of the family's team reads it; for
   * everyone else (the administrator, another team's leader) it is null.
   */
  breakGlassGrant: z
    .object({
      /** When the grant ended or ends. */
      expiresAt: z.string(),
      /** The reason given; null unless the searcher leads the family’s team. */
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditList = paged(AuditEvent).extend({
  /** True when more events match than were counted: `total` is then AUDIT_COUNT_CAP, a lower bound. */
  totalCapped: z.boolean(),
  /** The period searched, defaults filled in (yyyy-mm-dd, both days included). */
  from: IsoDate,
  to: IsoDate,
});
export type AuditList = z.infer<typeof AuditList>;

/**
 * An account that may appear in the audit log as the one who acted: for the search form's
 * "staff member" filter. Disabled accounts too (their events stay in the log).
 */
export const AuditActor = z.object({
  id: Id,
  displayName: z.string(),
  role: Role,
  teamName: z.string().nullable(),
  disabled: z.boolean(),
});
export type AuditActor = z.infer<typeof AuditActor>;
export const AuditActorList = z.object({ items: z.array(AuditActor) });
export type AuditActorList = z.infer<typeof AuditActorList>;

/** Break-the-glass grants to the leader's team's families (administrator: the municipality) lately. */
export const BreakGlassSummary = z.object({ count: z.number().int(), since: z.string() });
export type BreakGlassSummary = z.infer<typeof BreakGlassSummary>;
