import { allow, isTeamStaff, worksWith } from '../access/family-access';
import type { Actor, RoutePolicy } from '../http/access';

/**
 * Appointments (journal, issue 14 §6; decision 0038): whoever works with the family (pair, cover,
 * leader, enroller awaiting a pair) reads, adds, edits and cancels its appointments. A person's
 * own appointments — "My appointments this week", one as .ics, their feed — are theirs as a
 * participant; an appointment's .ics is also for whoever works with its family.
 */
export const appointmentActions = {
  read: allow('appointments.read', worksWith),
  write: allow('appointments.write', worksWith, { kind: 'write' }),
};

export const appointmentsPolicy = {
  /** The family-scoped routes; the relationship is decided by appointmentActions. */
  record: { name: 'appointments.record', allows: isTeamStaff },
  /** A person's own appointments and feed; each appointment is checked in the route. */
  own: { name: 'appointments.own', allows: isTeamStaff },
} satisfies Record<string, RoutePolicy>;

/**
 * An appointment with another authority only (no family; decision 0045) is its people's: whoever
 * made it, and the leader of their team. (Participants see it in their own week and feed anyway.)
 * They alone edit and cancel it (decision 0053): being named a participant — by anyone, from any
 * team — gives no say over the time, the place or who else comes; the leader stands in for a
 * creator who is away or gone.
 */
export const ownsAuthorityAppointment = (
  a: Actor,
  row: { household_id: string | null; created_by: string; creator_team_id: string | null },
) =>
  row.household_id === null &&
  (row.created_by === a.userId || (a.role === 'team_leader' && a.teamId === row.creator_team_id));
