import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../http/access';

export interface AuditFilter {
  actorId?: string | undefined;
  householdId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  breakGlass?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * Audit search, newest first. A leader's scope is their team: events by its staff or about its
 * families. `at` bounds come first so the monthly partitions outside the range are pruned.
 */
export function searchAudit(db: Kysely<Database>, actor: Actor, f: AuditFilter) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.municipality_id', '=', 'e.municipality_id').onRef('u.id', '=', 'e.actor_id'),
    )
    .leftJoin('household as h', (j) =>
      j.onRef('h.municipality_id', '=', 'e.municipality_id').onRef('h.id', '=', 'e.household_id'),
    )
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.entity',
      'e.entity_id',
      'e.household_id',
      'e.fields',
      'e.purpose',
      'e.break_glass',
      'e.actor_role',
      'u.id as actor_id',
      'u.display_name as actor_name',
      'h.reference as household_reference',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .where('e.municipality_id', '=', actor.municipalityId)
    .$if(Boolean(f.from), (q) => q.where('e.at', '>=', new Date(`${f.from}T00:00:00Z`)))
    .$if(Boolean(f.to), (q) =>
      q.where('e.at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000)),
    )
    .$if(actor.role === 'team_leader', (q) =>
      q.where((eb) => eb.or([eb('u.team_id', '=', actor.teamId), eb('h.team_id', '=', actor.teamId)])),
    )
    .$if(Boolean(f.actorId), (q) => q.where('e.actor_id', '=', f.actorId!))
    .$if(Boolean(f.householdId), (q) => q.where('e.household_id', '=', f.householdId!))
    .$if(Boolean(f.action), (q) => q.where('e.action', '=', f.action!))
    .$if(f.breakGlass !== undefined, (q) => q.where('e.break_glass', '=', f.breakGlass!))
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

/** How many times the glass was broken since a moment, within the actor's scope (as searchAudit). */
export function countBreakGlass(db: Kysely<Database>, actor: Actor, since: Date) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('household as h', (j) =>
      j.onRef('h.municipality_id', '=', 'e.municipality_id').onRef('h.id', '=', 'e.household_id'),
    )
    .select(sql<string>`count(*)`.as('count'))
    .where('e.municipality_id', '=', actor.municipalityId)
    .where('e.at', '>=', since)
    .where('e.action', '=', 'break_glass')
    .$if(actor.role === 'team_leader', (q) => q.where('h.team_id', '=', actor.teamId))
    .executeTakeFirstOrThrow();
}
