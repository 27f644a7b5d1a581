import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../src/server/access/family-access';
import type { Actor } from '../../../src/server/http/access';
import { measureActions, measuresPolicy } from '../../../src/server/measures/measures.policy';
import type { Role } from '../../../src/shared/auth/auth.contract';
import { actor, family, ME, NOW } from '../../support/policy';

/**
 * The measures policy (decision 0044), role × relationship × action, every result written out:
 * the measurements are case content, for whoever works with the family — not the rest of the
 * team, a routed specialist, a break-the-glass grant or another municipality.
 */

type Row = [string, Actor, FamilyRelation, { read: boolean; record: boolean }];
const both = (v: boolean) => ({ read: v, record: v });

const rows: Row[] = [
  ['pair member', actor('team_member'), family({ pairIds: [ME, 'b'] }), both(true)],
  ['cover of a pair member', actor('team_member'), family({ coversPair: true }), both(true)],
  ['team leader', actor('team_leader'), family({}), both(true)],
  ['enroller awaiting a pair', actor('team_member'), family({ pairIds: [], enrolledBy: ME }), both(true)],
  ['colleague on the team', actor('team_member'), family({}), both(false)],
  [
    'colleague with a break-the-glass grant',
    actor('team_member'),
    family({ breakGlassUntil: new Date('2026-05-02') }),
    both(false),
  ],
  ['specialist routed a task', actor('team_member', 'team-2'), family({ routedTaskOpen: true }), both(false)],
  ['another team’s leader', actor('team_leader', 'team-2'), family({}), both(false)],
  [
    'another municipality, named in the pair',
    actor('team_member'),
    family({ municipalityId: 'muni-2', pairIds: [ME] }),
    both(false),
  ],
  ['analyst', actor('analyst'), family({ pairIds: [ME] }), both(false)],
  ['administrator', actor('administrator'), family({ pairIds: [ME] }), both(false)],
];

describe('measures policy', () => {
  for (const [name, a, f, expected] of rows) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      expect({
        read: measureActions.read.rule(a, f, NOW),
        record: measureActions.record.rule(a, f, NOW),
      }).toEqual(expected);
    });
  }

  it('recording locks the family, reading shares it', () => {
    expect([measureActions.read.reads, measureActions.record.reads]).toEqual([true, false]);
  });

  it('the routes’ role gates: team staff for a family and for “due”; anyone signed in for the instruments', () => {
    const roles: Role[] = ['team_member', 'team_leader', 'analyst', 'administrator'];
    const gate = (p: { allows: (a: Actor) => boolean }) => roles.map((r) => p.allows(actor(r)));
    expect(gate(measuresPolicy.record)).toEqual([true, true, false, false]);
    expect(gate(measuresPolicy.due)).toEqual([true, true, false, false]);
    expect(gate(measuresPolicy.instruments)).toEqual([true, true, true, true]);
  });
});
