import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../src/server/access/family-access';
import type { Actor } from '../../../src/server/http/access';
import { planActions } from '../../../src/server/plans/plans.policy';
import { actor, family, ME, NOW } from '../../support/policy';

/**
 * The plans policy (decision 0036), role × relationship × action, every result written out: a
 * specialist routed an open task reads the family's tasks; once they accepted it they move it on
 * (decision 0045: the route keeps them to that task's state) and do nothing else with them.
 */

type Row = [
  string,
  Actor,
  FamilyRelation,
  { read: boolean; write: boolean; moveTask: boolean; routeTask: boolean; proposals: boolean },
];
const all = (v: boolean) => ({ read: v, write: v, moveTask: v, routeTask: v, proposals: v });
const readOnly = { read: true, write: false, moveTask: false, routeTask: false, proposals: false };
/** Decision 0045: an accepted task is taken over — moved on by its specialist (the route checks which). */
const takenOver = { ...readOnly, moveTask: true };

const rows: Row[] = [
  ['pair member', actor('team_member'), family({ pairIds: [ME, 'b'] }), all(true)],
  ['cover of a pair member', actor('team_member'), family({ coversPair: true }), all(true)],
  ['team leader', actor('team_leader'), family({}), all(true)],
  ['colleague on the team', actor('team_member'), family({}), all(false)],
  [
    'specialist of another team, task open',
    actor('team_member', 'team-2'),
    family({ routedTaskOpen: true }),
    readOnly,
  ],
  [
    'specialist of the same team, task open',
    actor('team_member'),
    family({ routedTaskOpen: true }),
    readOnly,
  ],
  [
    'specialist of another team, task accepted',
    actor('team_member', 'team-2'),
    family({ routedTaskOpen: true, taskTakenOver: true }),
    takenOver,
  ],
  [
    'specialist of the same team, task accepted',
    actor('team_member'),
    family({ routedTaskOpen: true, taskTakenOver: true }),
    takenOver,
  ],
  ['specialist, task closed or handed back', actor('team_member', 'team-2'), family({}), all(false)],
  ['another team', actor('team_member', 'team-2'), family({}), all(false)],
  ['another team’s leader', actor('team_leader', 'team-2'), family({}), all(false)],
  [
    'another municipality, flagged routed',
    actor('team_member'),
    family({ municipalityId: 'muni-2', routedTaskOpen: true, taskTakenOver: true }),
    all(false),
  ],
  [
    'analyst, flagged routed',
    actor('analyst'),
    family({ routedTaskOpen: true, taskTakenOver: true }),
    all(false),
  ],
  ['administrator, flagged routed', actor('administrator'), family({ routedTaskOpen: true }), all(false)],
];

describe('plans policy', () => {
  for (const [name, a, f, expected] of rows) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      expect({
        read: planActions.read.rule(a, f, NOW),
        write: planActions.write.rule(a, f, NOW),
        moveTask: planActions.moveTask.rule(a, f, NOW),
        routeTask: planActions.routeTask.rule(a, f, NOW),
        proposals: planActions.proposals.rule(a, f, NOW),
      }).toEqual(expected);
    });
  }
  it('writes lock the family, reads share it', () => {
    expect([planActions.read.reads, planActions.write.reads, planActions.routeTask.reads]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('plans policy: the plan (decision 0039)', () => {
  // The plan is the family's hopes: whoever works with the family, never a routed specialist.
  const planRows: [string, Actor, FamilyRelation, boolean][] = [
    ['pair member', actor('team_member'), family({ pairIds: [ME, 'b'] }), true],
    ['cover of a pair member', actor('team_member'), family({ coversPair: true }), true],
    ['team leader', actor('team_leader'), family({}), true],
    ['colleague on the team', actor('team_member'), family({}), false],
    [
      'specialist routed an open task',
      actor('team_member', 'team-2'),
      family({ routedTaskOpen: true }),
      false,
    ],
    [
      // Taking a task over (decision 0045) is that task, not the plan.
      'specialist who accepted an open task',
      actor('team_member', 'team-2'),
      family({ routedTaskOpen: true, taskTakenOver: true }),
      false,
    ],
    ['another team’s leader', actor('team_leader', 'team-2'), family({}), false],
    ['analyst', actor('analyst'), family({}), false],
    ['administrator', actor('administrator'), family({}), false],
  ];
  for (const [name, a, f, expected] of planRows) {
    it(`${name}: reads and writes the plan ${expected}`, () => {
      expect([planActions.readPlan.rule(a, f, NOW), planActions.writePlan.rule(a, f, NOW)]).toEqual([
        expected,
        expected,
      ]);
    });
  }
  it('a plan write locks the family, a read shares it', () => {
    expect([planActions.readPlan.reads, planActions.writePlan.reads]).toEqual([true, false]);
  });
});
