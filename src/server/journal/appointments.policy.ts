import { allow, isTeamStaff, worksWith } from '../access/family-access';
import type { RoutePolicy } from '../http/access';

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
