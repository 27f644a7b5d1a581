import { describe, expect, it } from 'vitest';
import { accessPurpose, type FamilyRelation } from '../../../src/server/access/family-access';
import {
  abilitiesFor,
  can,
  type FamilyAction,
  familiesPolicy,
  familyRules,
  mayDecideBreakGlass,
} from '../../../src/server/families/families.policy';
import type { Actor } from '../../../src/server/http/access';
import type { Role } from '../../../src/shared/auth/auth.contract';

/**
 * The family policy, role by role and relationship by relationship (STYLE.md: Outline's policy
 * tests). The expected results are written out below — every allow and every denial — rather
 * than derived from the rules under test.
 */

const NOW = new Date('2026-05-01T12:00:00Z');
const MUNICIPALITY = 'muni-1';
const OTHER_MUNICIPALITY = 'muni-2';
const TEAM = 'team-1';
const OTHER_TEAM = 'team-2';
const ACTOR_ID = 'actor-1';

/**
 * Every actor carries team-1 as team, even the analyst and the administrator, so a denial
 * for them must come from their role, not from a missing team.
 */
const actorWith = (role: Role): Actor => ({
  userId: ACTOR_ID,
  municipalityId: MUNICIPALITY,
  role,
  teamId: TEAM,
  displayName: 'Test actor',
});

type Relationship =
  | 'pair'
  | 'sameTeam'
  | 'cover'
  | 'coverOtherTeam'
  | 'enroller'
  | 'enrollerPaired'
  | 'otherTeam'
  | 'otherMunicipality';
type Grant = 'none' | 'running' | 'expired' | 'endsNow';

const relationships: Record<Relationship, Omit<FamilyRelation, 'breakGlassUntil'>> = {
  /** The actor is one of the family's pair, on the family's team. */
  pair: {
    municipalityId: MUNICIPALITY,
    teamId: TEAM,
    pairIds: [ACTOR_ID, 'colleague'],
    enrolledBy: 'colleague',
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /** The family belongs to the actor's team; the pair is two colleagues. */
  sameTeam: {
    municipalityId: MUNICIPALITY,
    teamId: TEAM,
    pairIds: ['colleague-a', 'colleague-b'],
    enrolledBy: 'colleague-a',
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /**
   * The actor is today the backup of a cover in force for a member of the family's pair
   * (decision 0034): the pair's access, not the leader's (no assigning of pairs).
   */
  cover: {
    municipalityId: MUNICIPALITY,
    teamId: TEAM,
    pairIds: ['colleague-a', 'colleague-b'],
    enrolledBy: 'colleague-a',
    coversPair: true,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /** A cover whose family is now another team's (the backup moved): it gives nothing. */
  coverOtherTeam: {
    municipalityId: MUNICIPALITY,
    teamId: OTHER_TEAM,
    pairIds: ['colleague-a', 'colleague-b'],
    enrolledBy: 'colleague-a',
    coversPair: true,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /** The actor enrolled the family, on their team, and the leader has not assigned a pair yet. */
  enroller: {
    municipalityId: MUNICIPALITY,
    teamId: TEAM,
    pairIds: [],
    enrolledBy: ACTOR_ID,
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /** The actor enrolled the family, and the leader has since assigned two colleagues as its pair. */
  enrollerPaired: {
    municipalityId: MUNICIPALITY,
    teamId: TEAM,
    pairIds: ['colleague-a', 'colleague-b'],
    enrolledBy: ACTOR_ID,
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /** Another team of the same municipality. */
  otherTeam: {
    municipalityId: MUNICIPALITY,
    teamId: OTHER_TEAM,
    pairIds: ['colleague-a', 'colleague-b'],
    enrolledBy: ACTOR_ID,
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
  /**
   * Another municipality. Keys are per tenant (municipality_id, id), so the team id and even
   * the user id may coincide: the tenant alone must deny.
   */
  otherMunicipality: {
    municipalityId: OTHER_MUNICIPALITY,
    teamId: TEAM,
    pairIds: [ACTOR_ID, 'colleague'],
    enrolledBy: ACTOR_ID,
    coversPair: false,
    routedTaskOpen: false,
    taskTakenOver: false,
  },
};

const grants: Record<Grant, Date | null> = {
  none: null,
  running: new Date(NOW.getTime() + 30 * 60_000),
  expired: new Date(NOW.getTime() - 60_000),
  /** A grant ending at this very moment is over. */
  endsNow: new Date(NOW.getTime()),
};

/** Column order of the table below. */
const ABILITIES = [
  'read',
  'readFull',
  'update',
  'assignPair',
  'manageConsent',
  'viewHistory',
  'revealCpr',
  'breakGlass',
] as const satisfies readonly FamilyAction[];

// biome-ignore format: the table is easier to read in columns
const expected: [Role, Relationship, Grant, string][] = [
  //                                                   read full update assignPair consent history cpr breakGlass
  ['team_member', 'pair',              'none',    'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'pair',              'running', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'pair',              'expired', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'pair',              'endsNow', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'sameTeam',          'none',    'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'sameTeam',          'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_member', 'sameTeam',          'expired', 'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'sameTeam',          'endsNow', 'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'cover', 'none', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'cover', 'running', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'cover', 'expired', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'cover', 'endsNow', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'coverOtherTeam', 'none', '-    -    -      -          -       -       -   Y'],
  ['team_member', 'coverOtherTeam', 'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_member', 'coverOtherTeam', 'expired', '-    -    -      -          -       -       -   Y'],
  ['team_member', 'coverOtherTeam', 'endsNow', '-    -    -      -          -       -       -   Y'],
  ['team_member', 'enroller', 'none', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'enroller', 'running', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'enroller', 'expired', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'enroller', 'endsNow', 'Y    Y    Y      -          Y       Y       Y   -'],
  ['team_member', 'enrollerPaired', 'none', 'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'enrollerPaired', 'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_member', 'enrollerPaired', 'expired', 'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'enrollerPaired', 'endsNow', 'Y    -    -      -          -       -       -   Y'],
  ['team_member', 'otherTeam',         'none',    '-    -    -      -          -       -       -   Y'],
  ['team_member', 'otherTeam',         'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_member', 'otherTeam',         'expired', '-    -    -      -          -       -       -   Y'],
  ['team_member', 'otherTeam',         'endsNow', '-    -    -      -          -       -       -   Y'],
  ['team_member', 'otherMunicipality', 'none',    '-    -    -      -          -       -       -   -'],
  ['team_member', 'otherMunicipality', 'running', '-    -    -      -          -       -       -   -'],
  ['team_member', 'otherMunicipality', 'expired', '-    -    -      -          -       -       -   -'],
  ['team_member', 'otherMunicipality', 'endsNow', '-    -    -      -          -       -       -   -'],

  ['team_leader', 'pair',              'none',    'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'pair',              'running', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'pair',              'expired', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'pair',              'endsNow', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'sameTeam',          'none',    'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'sameTeam',          'running', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'sameTeam',          'expired', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'sameTeam',          'endsNow', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'cover', 'none', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'cover', 'running', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'cover', 'expired', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'cover', 'endsNow', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'coverOtherTeam', 'none', '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'coverOtherTeam', 'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_leader', 'coverOtherTeam', 'expired', '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'coverOtherTeam', 'endsNow', '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'enroller', 'none', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enroller', 'running', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enroller', 'expired', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enroller', 'endsNow', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enrollerPaired', 'none', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enrollerPaired', 'running', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enrollerPaired', 'expired', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'enrollerPaired', 'endsNow', 'Y    Y    Y      Y          Y       Y       Y   -'],
  ['team_leader', 'otherTeam',         'none',    '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'otherTeam',         'running', 'Y    Y    -      -          -       Y       Y   -'],
  ['team_leader', 'otherTeam',         'expired', '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'otherTeam',         'endsNow', '-    -    -      -          -       -       -   Y'],
  ['team_leader', 'otherMunicipality', 'none',    '-    -    -      -          -       -       -   -'],
  ['team_leader', 'otherMunicipality', 'running', '-    -    -      -          -       -       -   -'],
  ['team_leader', 'otherMunicipality', 'expired', '-    -    -      -          -       -       -   -'],
  ['team_leader', 'otherMunicipality', 'endsNow', '-    -    -      -          -       -       -   -'],

  ['analyst',     'pair',              'none',    '-    -    -      -          -       -       -   -'],
  ['analyst',     'pair',              'running', '-    -    -      -          -       -       -   -'],
  ['analyst',     'pair',              'expired', '-    -    -      -          -       -       -   -'],
  ['analyst',     'pair',              'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst',     'sameTeam',          'none',    '-    -    -      -          -       -       -   -'],
  ['analyst',     'sameTeam',          'running', '-    -    -      -          -       -       -   -'],
  ['analyst',     'sameTeam',          'expired', '-    -    -      -          -       -       -   -'],
  ['analyst',     'sameTeam',          'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst', 'cover', 'none', '-    -    -      -          -       -       -   -'],
  ['analyst', 'cover', 'running', '-    -    -      -          -       -       -   -'],
  ['analyst', 'cover', 'expired', '-    -    -      -          -       -       -   -'],
  ['analyst', 'cover', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst', 'coverOtherTeam', 'none', '-    -    -      -          -       -       -   -'],
  ['analyst', 'coverOtherTeam', 'running', '-    -    -      -          -       -       -   -'],
  ['analyst', 'coverOtherTeam', 'expired', '-    -    -      -          -       -       -   -'],
  ['analyst', 'coverOtherTeam', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enroller', 'none', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enroller', 'running', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enroller', 'expired', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enroller', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enrollerPaired', 'none', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enrollerPaired', 'running', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enrollerPaired', 'expired', '-    -    -      -          -       -       -   -'],
  ['analyst', 'enrollerPaired', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherTeam',         'none',    '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherTeam',         'running', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherTeam',         'expired', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherTeam',         'endsNow', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherMunicipality', 'none',    '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherMunicipality', 'running', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherMunicipality', 'expired', '-    -    -      -          -       -       -   -'],
  ['analyst',     'otherMunicipality', 'endsNow', '-    -    -      -          -       -       -   -'],

  ['administrator', 'pair',              'none',    '-    -    -      -          -       -       -   -'],
  ['administrator', 'pair',              'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'pair',              'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'pair',              'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'sameTeam',          'none',    '-    -    -      -          -       -       -   -'],
  ['administrator', 'sameTeam',          'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'sameTeam',          'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'sameTeam',          'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'cover', 'none', '-    -    -      -          -       -       -   -'],
  ['administrator', 'cover', 'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'cover', 'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'cover', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'coverOtherTeam', 'none', '-    -    -      -          -       -       -   -'],
  ['administrator', 'coverOtherTeam', 'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'coverOtherTeam', 'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'coverOtherTeam', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enroller', 'none', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enroller', 'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enroller', 'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enroller', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enrollerPaired', 'none', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enrollerPaired', 'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enrollerPaired', 'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'enrollerPaired', 'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherTeam',         'none',    '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherTeam',         'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherTeam',         'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherTeam',         'endsNow', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherMunicipality', 'none',    '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherMunicipality', 'running', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherMunicipality', 'expired', '-    -    -      -          -       -       -   -'],
  ['administrator', 'otherMunicipality', 'endsNow', '-    -    -      -          -       -       -   -'],
];

function parseRow(cells: string): Record<FamilyAction, boolean> {
  const marks = cells.trim().split(/\s+/);
  if (marks.length !== ABILITIES.length) throw new Error(`row has ${marks.length} cells: ${cells}`);
  return Object.fromEntries(ABILITIES.map((a, i) => [a, marks[i] === 'Y'])) as Record<FamilyAction, boolean>;
}

const familyFor = (relationship: Relationship, grant: Grant): FamilyRelation => ({
  ...relationships[relationship],
  breakGlassUntil: grants[grant],
});

describe('family policy matrix', () => {
  it('covers every ability of familyRules, and every role × relationship × grant exactly once', () => {
    expect([...ABILITIES].sort()).toEqual(Object.keys(familyRules).sort());
    const roles: Role[] = ['team_member', 'team_leader', 'analyst', 'administrator'];
    const combinations = roles.flatMap((r) =>
      Object.keys(relationships).flatMap((rel) => Object.keys(grants).map((g) => `${r}/${rel}/${g}`)),
    );
    expect(expected.map(([r, rel, g]) => `${r}/${rel}/${g}`).sort()).toEqual(combinations.sort());
  });

  it.each(expected)('%s · %s · grant %s → %s', (role, relationship, grant, cells) => {
    const actor = actorWith(role);
    const family = familyFor(relationship, grant);
    const actual = Object.fromEntries(ABILITIES.map((a) => [a, can(a, actor, family, NOW)]));
    expect(actual).toEqual(parseRow(cells));
  });

  it.each(expected)(
    '%s · %s · grant %s: the abilities sent to the web app agree',
    (role, relationship, grant, cells) => {
      const want = parseRow(cells);
      expect(abilitiesFor(actorWith(role), familyFor(relationship, grant), NOW)).toEqual({
        readFull: want.readFull,
        update: want.update,
        assignPair: want.assignPair,
        manageConsent: want.manageConsent,
        viewHistory: want.viewHistory,
        revealCpr: want.revealCpr,
        breakGlass: want.breakGlass,
      });
    },
  );
});

describe('families route gates', () => {
  // biome-ignore format: table
  const gates: [Role, boolean][] = [
    ['team_member',   true],
    ['team_leader',   true],
    ['analyst',       false],
    ['administrator', false],
  ];

  it('names each gate after its route', () => {
    expect(Object.values(familiesPolicy).map((p) => p.name)).toEqual([
      'families.list',
      'families.create',
      'families.record',
      'families.breakGlassRequests',
      'families.breakGlassDecision',
      'families.breakGlassGrants',
    ]);
  });

  // biome-ignore format: table
  const breakGlassGates: [Role, boolean, boolean, boolean][] = [
    //                 requests decision grants
    ['team_member',   true,    false,   false],
    ['team_leader',   true,    true,    true],
    ['analyst',       false,   false,   false],
    ['administrator', true,    true,    false],
  ];
  it.each(breakGlassGates)(
    '%s: break-glass requests %s, decision %s, grants %s',
    (role, requests, decision, grants) => {
      const actor = actorWith(role);
      expect(familiesPolicy.breakGlassRequests.allows(actor)).toBe(requests);
      expect(familiesPolicy.breakGlassDecision.allows(actor)).toBe(decision);
      expect(familiesPolicy.breakGlassGrants.allows(actor)).toBe(grants);
    },
  );

  it.each(gates)('%s may use the families routes: %s', (role, allowed) => {
    const actor = actorWith(role);
    expect(familiesPolicy.list.allows(actor)).toBe(allowed);
    expect(familiesPolicy.create.allows(actor)).toBe(allowed);
    expect(familiesPolicy.record.allows(actor)).toBe(allowed);
  });
});

describe('who decides a break-the-glass request past the limit (decision 0024)', () => {
  type Requester = 'member' | 'leader' | 'self';
  type Family = 'deciderTeam' | 'otherTeam' | 'otherMunicipality';
  const requestFor = (requester: Requester, family: Family) => ({
    municipalityId: family === 'otherMunicipality' ? OTHER_MUNICIPALITY : MUNICIPALITY,
    requesterId: requester === 'self' ? ACTOR_ID : 'someone-else',
    // A request by oneself is a leader's (only then could one be a decider at all).
    requesterRole: (requester === 'member' ? 'team_member' : 'team_leader') as Role,
    teamId: family === 'deciderTeam' ? TEAM : OTHER_TEAM,
  });
  // biome-ignore format: table
  const table: [Role, Requester, Family, boolean][] = [
    ['team_leader',   'member', 'deciderTeam',       true],
    ['team_leader',   'member', 'otherTeam',         false],
    ['team_leader',   'member', 'otherMunicipality', false],
    ['team_leader',   'leader', 'deciderTeam',       true],
    ['team_leader',   'leader', 'otherTeam',         true],
    ['team_leader',   'leader', 'otherMunicipality', false],
    ['team_leader',   'self',   'deciderTeam',       false],
    ['team_leader',   'self',   'otherTeam',         false],
    ['administrator', 'member', 'deciderTeam',       false],
    ['administrator', 'member', 'otherTeam',         false],
    ['administrator', 'leader', 'otherTeam',         true],
    ['administrator', 'leader', 'otherMunicipality', false],
    ['team_member',   'member', 'deciderTeam',       false],
    ['team_member',   'leader', 'deciderTeam',       false],
    ['analyst',       'leader', 'otherTeam',         false],
  ];
  it.each(table)('%s deciding a request by %s for a family of %s: %s', (role, requester, family, allowed) => {
    expect(mayDecideBreakGlass(actorWith(role), requestFor(requester, family))).toBe(allowed);
  });
});

describe('how access under a cover is recorded (decision 0034)', () => {
  // biome-ignore format: table
  const table: [Role, Relationship, Grant, string][] = [
    ['team_member', 'cover',     'none',    'cover'],
    // A running grant is what gives the access only when nothing else does: the cover does.
    ['team_member', 'cover',     'running', 'cover'],
    ['team_member', 'pair',      'none',    'case_work'],
    ['team_member', 'sameTeam',  'running', 'break_glass'],
    ['team_member', 'sameTeam',  'none',    'case_work'],
    // The leader works with every family of the team: a cover adds nothing to record.
    ['team_leader', 'cover',     'none',    'case_work'],
    ['team_member', 'coverOtherTeam', 'none', 'case_work'],
  ];
  it.each(table)('%s · %s · grant %s → purpose %s', (role, relationship, grant, purpose) => {
    expect(accessPurpose(actorWith(role), familyFor(relationship, grant), NOW)).toBe(purpose);
  });
});
