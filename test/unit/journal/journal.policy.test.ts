import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../src/server/access/family-access';
import type { Actor } from '../../../src/server/http/access';
import {
  journalActions,
  readsLinkedTasks,
  readsSensitiveNotes,
  seesWholeJournal,
} from '../../../src/server/journal/journal.policy';
import { actor, family, ME, NOW } from '../../support/policy';

/**
 * The journal policy (decision 0037), role × relationship, every result written out: who reads the
 * journal, who sees all of it, who reads its sensitive notes, who writes, who sees linked tasks' words.
 * (A specialist's sensitive notes linked to their task are readable per note, in SQL.)
 */
const glass = new Date(NOW.getTime() + 3_600_000);

interface Expected {
  read: boolean;
  whole: boolean;
  sensitive: boolean;
  write: boolean;
  tasks: boolean;
}
const v = (read: boolean, whole: boolean, sensitive: boolean, write: boolean, tasks: boolean): Expected => ({
  read,
  whole,
  sensitive,
  write,
  tasks,
});
const none = v(false, false, false, false, false);

const rows: [string, Actor, FamilyRelation, Expected][] = [
  ['pair member', actor('team_member'), family({ pairIds: [ME, 'b'] }), v(true, true, true, true, true)],
  [
    'cover of a pair member',
    actor('team_member'),
    family({ coversPair: true }),
    v(true, true, true, true, true),
  ],
  ['team leader', actor('team_leader'), family({}), v(true, true, true, true, true)],
  [
    'enroller awaiting a pair',
    actor('team_member'),
    family({ pairIds: [], enrolledBy: ME }),
    v(true, true, true, true, true),
  ],
  ['colleague on the team', actor('team_member'), family({}), v(true, true, false, false, false)],
  [
    'colleague who broke the glass (another team)',
    actor('team_member', 'team-2'),
    family({ breakGlassUntil: glass }),
    v(true, true, false, false, false),
  ],
  [
    'specialist of another team, task open',
    actor('team_member', 'team-2'),
    family({ routedTaskOpen: true }),
    v(true, false, false, false, true),
  ],
  [
    // Decision 0045: accepted, the specialist writes notes (the route keeps them to their task).
    'specialist of another team, task accepted (taken over)',
    actor('team_member', 'team-2'),
    family({ routedTaskOpen: true, taskTakenOver: true }),
    v(true, false, false, true, true),
  ],
  [
    'another municipality, flagged taken over',
    actor('team_member'),
    family({ municipalityId: 'muni-2', routedTaskOpen: true, taskTakenOver: true }),
    none,
  ],
  ['analyst, flagged taken over', actor('analyst'), family({ taskTakenOver: true }), none],
  ['another team', actor('team_member', 'team-2'), family({}), none],
  ['another team’s leader', actor('team_leader', 'team-2'), family({}), none],
  [
    'another municipality',
    actor('team_member'),
    family({ municipalityId: 'muni-2', routedTaskOpen: true }),
    none,
  ],
  ['analyst', actor('analyst'), family({}), none],
  ['administrator', actor('administrator'), family({}), none],
];

describe('journal policy', () => {
  for (const [name, a, f, expected] of rows) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      expect({
        read: journalActions.read.rule(a, f, NOW),
        whole: seesWholeJournal(a, f, NOW),
        sensitive: readsSensitiveNotes(a, f),
        write: journalActions.write.rule(a, f, NOW),
        tasks: readsLinkedTasks(a, f, NOW),
      }).toEqual(expected);
    });
  }
  it('writes lock the family, reads share it', () => {
    expect([journalActions.read.reads, journalActions.write.reads]).toEqual([true, false]);
  });
});
