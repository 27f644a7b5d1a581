import { allow, isTeamStaff, worksWith } from '../access/family-access';
import type { RoutePolicy } from '../http/access';

/**
 * The family's measurements (issue 15 §5, decision 0044): answers to well-being instruments and
 * baseline facts are case content, so whoever works with the family (pair, cover, leader, the
 * enroller awaiting a pair) reads and records them — not the rest of the team, and not by
 * breaking the glass (the family page's basic view has no measurements).
 */
export const measureActions = {
  read: allow('measures.read', worksWith),
  record: allow('measures.record', worksWith, { kind: 'write' }),
};

export const measuresPolicy = {
  /** The family-scoped routes; the relationship is decided by measureActions. */
  record: { name: 'measures.record', allows: isTeamStaff },
  /** The instruments themselves: configuration, no one's data; every signed-in role may read them. */
  instruments: { name: 'measures.instruments', allows: () => true },
  /** "Follow-ups due" for the families one is pair of. */
  due: { name: 'measures.due', allows: isTeamStaff },
} satisfies Record<string, RoutePolicy>;
