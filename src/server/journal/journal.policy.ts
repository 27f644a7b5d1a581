import {
  allow,
  type FamilyRelation,
  hasBrokenGlassFor,
  hasTakenOverTaskOf,
  inTeamOf,
  isRoutedSpecialistFor,
  isTeamStaff,
  worksWith,
} from '../access/family-access';
import type { Actor, RoutePolicy } from '../http/access';
import { planActions } from '../plans/plans.policy';

/**
 * The journal's contact notes (issue 14 §5, decision 0037). The family's team reads its journal
 * (and whoever broke the glass for it); a specialist routed an open task of the family reads the
 * notes linked to their task. Whoever works with the family (pair, cover, leader, enroller
 * awaiting a pair) writes and corrects notes. A sensitive note is read only by those who work
 * with the family and by the specialist routed a task it is linked to: everyone else sees that it
 * exists, and its date (journal.queries.ts applies this in SQL).
 */
export const journalActions = {
  read: allow(
    'journal.read',
    (a, f, now) => inTeamOf(a, f) || hasBrokenGlassFor(a, f, now) || isRoutedSpecialistFor(a, f),
  ),
  /**
   * Adding and correcting notes: whoever works with the family, and a specialist who accepted a
   * task of it (decision 0045) — their notes must link a task they took over, and they correct only
   * their own such notes (journal.routes.ts checks both).
   */
  write: allow('journal.write', (a, f) => worksWith(a, f) || hasTakenOverTaskOf(a, f), { kind: 'write' }),
};

/** Writes any note of the family, linked to any of its tasks (not only to a task taken over). */
export const writesWholeJournal = (a: Actor, f: FamilyRelation) => worksWith(a, f);

/** Sees every note of the family, not only the ones linked to a task routed to them. */
export const seesWholeJournal = (a: Actor, f: FamilyRelation, now: Date) =>
  inTeamOf(a, f) || hasBrokenGlassFor(a, f, now);

/** Reads every sensitive note of the family: the pair, a cover, the leader (not a break-the-glass). */
export const readsSensitiveNotes = (a: Actor, f: FamilyRelation) => worksWith(a, f);

/** Reads the family's tasks, so a note's linked tasks show their words (plans' own rule). */
export const readsLinkedTasks = (a: Actor, f: FamilyRelation, now: Date) => planActions.read.rule(a, f, now);

export const journalPolicy = {
  /** The family-scoped note routes; the relationship is decided by journalActions. */
  record: { name: 'journal.record', allows: isTeamStaff },
} satisfies Record<string, RoutePolicy>;
