import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plansDa } from '../../../src/shared/plans/i18n.da';
import { plansEn } from '../../../src/shared/plans/i18n.en';
import { routeTask, routingMessage } from '../../../src/shared/plans/routing';
import {
  DEFAULT_PROPOSALS,
  RoutingInput,
  RoutingResult,
  type RoutingStaff,
  type RoutingTask,
  type TaskLevel,
} from '../../../src/shared/plans/routing.contract';

const HEALTH = 'health';
const HOUSING = 'housing';
const HEALTH_DEPT = 'dept-health';

/** Readable fixed ids: the rule breaks its last ties by id, so their order matters. */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, C, D, E, P1, P2] = [1, 2, 3, 4, 5, 6, 7].map(id) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

function person(staffId: string, over: Partial<RoutingStaff> = {}): RoutingStaff {
  return {
    id: staffId,
    homeDepartmentId: 'dept-employment',
    competences: {},
    openTasks: 0,
    families: 0,
    active: true,
    absent: false,
    ...over,
  };
}

function task(level: TaskLevel, over: Partial<RoutingTask> = {}): RoutingTask {
  return { domainId: HEALTH, level, pair: [P1, P2], authorityDepartmentId: null, ...over };
}

const ids = (r: RoutingResult) => r.proposals.map((p) => p.staffId);
const pair = [person(P1), person(P2)];

describe('the routing rule, by example', () => {
  it('leaves a level-1 task with the pair, says anyone on the team may take it, and proposes no one', () => {
    const r = routeTask(task(1), [...pair, person(A, { competences: { [HEALTH]: 3 } })]);
    expect(r).toEqual({
      level: 1,
      handling: 'pair',
      responsible: [P1, P2],
      proposals: [],
      finding: { code: 'anyoneOnTeam' },
      notes: [],
    });
  });

  it('proposes advisers for a level-2 task from those with level 2 or 3 in the domain, never level 1', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 1 } }),
      person(B, { competences: { [HEALTH]: 2 } }),
      person(C, { competences: { [HEALTH]: 3 } }),
      person(D, { competences: { [HOUSING]: 3 } }),
    ];
    const r = routeTask(task(2), staff);
    expect(r.handling).toBe('pairWithAdvice');
    expect(r.responsible).toEqual([P1, P2]);
    // Both are free; at equal load the higher level comes first.
    expect(ids(r)).toEqual([C, B]);
    expect(r.proposals.every((p) => p.role === 'adviser')).toBe(true);
    expect(r.finding).toEqual({ code: 'proposed', domainId: HEALTH, level: 2 });
  });

  it('proposes only level-3 people as specialists who take a level-3 task over, the pair staying responsible', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 2 } }),
      person(B, { competences: { [HEALTH]: 3 } }),
    ];
    const r = routeTask(task(3), staff);
    expect(r.handling).toBe('specialist');
    expect(r.responsible).toEqual([P1, P2]);
    expect(r.proposals).toEqual([
      {
        staffId: B,
        role: 'specialist',
        reasons: [
          { code: 'competence', domainId: HEALTH, level: 3 },
          { code: 'load', openTasks: 0, families: 0 },
        ],
      },
    ]);
  });

  it('puts the least loaded qualified person first, before a higher level with more open tasks', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 3 }, openTasks: 5 }),
      person(B, { competences: { [HEALTH]: 2 }, openTasks: 1 }),
    ];
    expect(ids(routeTask(task(2), staff))).toEqual([B, A]);
  });

  it('at equal open tasks puts the one with fewer families first', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 3 }, openTasks: 2, families: 6 }),
      person(B, { competences: { [HEALTH]: 3 }, openTasks: 2, families: 4 }),
    ];
    expect(ids(routeTask(task(3), staff))).toEqual([B, A]);
  });

  it('at equal load puts the one from the department whose authority the task needs first, and says so', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 3 }, openTasks: 2 }),
      person(B, { competences: { [HEALTH]: 3 }, openTasks: 2, homeDepartmentId: HEALTH_DEPT }),
    ];
    const r = routeTask(task(3, { authorityDepartmentId: HEALTH_DEPT }), staff);
    expect(ids(r)).toEqual([B, A]);
    expect(r.proposals[0]?.reasons).toContainEqual({ code: 'homeDepartment', departmentId: HEALTH_DEPT });
    expect(r.proposals[1]?.reasons.some((x) => x.code === 'homeDepartment')).toBe(false);
  });

  it('at equal load and department puts the higher level first', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 2 }, openTasks: 1 }),
      person(B, { competences: { [HEALTH]: 3 }, openTasks: 1 }),
    ];
    expect(ids(routeTask(task(2), staff))).toEqual([B, A]);
  });

  it('breaks a full tie by id, whatever the order of the staff list', () => {
    const staff = [C, A, B].map((s) => person(s, { competences: { [HEALTH]: 3 } }));
    expect(ids(routeTask(task(3), [...pair, ...staff]))).toEqual([A, B, C]);
    expect(ids(routeTask(task(3), [...staff.reverse(), ...pair]))).toEqual([A, B, C]);
  });

  it('never proposes someone absent or inactive, however qualified and free', () => {
    const staff = [
      ...pair,
      person(A, { competences: { [HEALTH]: 3 }, absent: true }),
      person(B, { competences: { [HEALTH]: 3 }, active: false }),
      person(C, { competences: { [HEALTH]: 3 }, openTasks: 9 }),
    ];
    expect(ids(routeTask(task(3), staff))).toEqual([C]);
  });

  it('lets a pair member with level 2 handle a level-2 task themselves: only they are proposed, and it says so', () => {
    const staff = [
      person(P1, { competences: { [HEALTH]: 2 }, openTasks: 8 }),
      person(P2),
      person(A, { competences: { [HEALTH]: 3 } }),
    ];
    const r = routeTask(task(2), staff);
    expect(r.finding).toEqual({ code: 'pairHasSpecialist', domainId: HEALTH, level: 2 });
    expect(r.proposals).toEqual([
      {
        staffId: P1,
        role: 'adviser',
        reasons: [
          { code: 'pairMember' },
          { code: 'competence', domainId: HEALTH, level: 2 },
          { code: 'load', openTasks: 8, families: 0 },
        ],
      },
    ]);
  });

  it('lets a pair member with level 3 take a level-3 task over, but not a pair member with level 2', () => {
    const withThree = [
      person(P1, { competences: { [HEALTH]: 3 } }),
      person(P2),
      person(A, { competences: { [HEALTH]: 3 } }),
    ];
    expect(ids(routeTask(task(3), withThree))).toEqual([P1]);
    const withTwo = [
      person(P1, { competences: { [HEALTH]: 2 } }),
      person(P2),
      person(A, { competences: { [HEALTH]: 3 } }),
    ];
    expect(ids(routeTask(task(3), withTwo))).toEqual([A]);
  });

  it('does not count an absent pair member as the specialist, and notes the absence', () => {
    const staff = [
      person(P1, { competences: { [HEALTH]: 3 }, absent: true }),
      person(P2),
      person(A, { competences: { [HEALTH]: 3 } }),
    ];
    const r = routeTask(task(3), staff);
    expect(ids(r)).toEqual([A]);
    expect(r.notes).toEqual([{ code: 'pairMemberUnavailable', staffId: P1 }]);
  });

  it('notes a pair member who is not on the staff list at all, even at level 1', () => {
    expect(routeTask(task(1), [person(P1)]).notes).toEqual([{ code: 'pairMemberUnavailable', staffId: P2 }]);
  });

  it('says nobody on the team has the level in the domain, for the leader to escalate', () => {
    const staff = [...pair, person(A, { competences: { [HEALTH]: 2, [HOUSING]: 3 } })];
    const r = routeTask(task(3), staff);
    expect(r.proposals).toEqual([]);
    expect(r.finding).toEqual({ code: 'noneQualified', domainId: HEALTH, level: 3 });
  });

  it('says who has the level but is away when every qualified person is absent or inactive', () => {
    const staff = [
      ...pair,
      person(B, { competences: { [HEALTH]: 3 }, active: false }),
      person(A, { competences: { [HEALTH]: 3 }, absent: true }),
    ];
    const r = routeTask(task(3), staff);
    expect(r.proposals).toEqual([]);
    expect(r.finding).toEqual({ code: 'noneAvailable', domainId: HEALTH, level: 3, unavailable: [A, B] });
  });

  it('proposes three by default and at most as many as asked for', () => {
    const staff = [...pair, ...[A, B, C, D, E].map((s) => person(s, { competences: { [HEALTH]: 3 } }))];
    expect(ids(routeTask(task(3), staff))).toEqual([A, B, C]);
    expect(DEFAULT_PROPOSALS).toBe(3);
    expect(ids(routeTask(task(3), staff, { proposals: 1 }))).toEqual([A]);
    expect(ids(routeTask(task(3), staff, { proposals: 10 }))).toEqual([A, B, C, D, E]);
  });

  it('ignores competences inherited from Object.prototype (a domain id such as "constructor" or "__proto__")', () => {
    const staff = [...pair, person(A, { competences: JSON.parse('{"__proto__": 3}') })];
    expect(routeTask(task(3, { domainId: '__proto__' }), staff).proposals.map((p) => p.staffId)).toEqual([A]);
    expect(routeTask(task(3, { domainId: 'constructor' }), staff).finding.code).toBe('noneQualified');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against a reference written differently: no comparator chain, but a tuple key per
// person compared element by element, a rank counted by brute force, and the pair rule applied
// as a set filter. Both must give the same result for any team and task.

type Key = [number, number, number, number, number, string];

function reference(t: RoutingTask, staff: readonly RoutingStaff[], limit = DEFAULT_PROPOSALS): RoutingResult {
  const need = t.level;
  const levelOf = (s: RoutingStaff) =>
    Object.keys(s.competences).includes(t.domainId) ? (s.competences[t.domainId] as number) : 0;
  const inPair = (s: RoutingStaff) => t.pair.includes(s.id);
  const authority = t.authorityDepartmentId ?? null;
  const fromAuthority = (s: RoutingStaff) => authority !== null && s.homeDepartmentId === authority;
  const notes = t.pair
    .filter((p) => !staff.some((s) => s.id === p && s.active && !s.absent))
    .map((staffId) => ({ code: 'pairMemberUnavailable' as const, staffId }));
  const handling = need === 1 ? 'pair' : need === 2 ? 'pairWithAdvice' : 'specialist';
  const base: Pick<RoutingResult, 'level' | 'handling' | 'responsible' | 'notes'> = {
    level: need,
    handling,
    responsible: [...t.pair],
    notes,
  };
  if (need === 1) return { ...base, proposals: [], finding: { code: 'anyoneOnTeam' } };

  const skilled = staff.filter((s) => levelOf(s) >= need);
  const qualified = skilled.filter((s) => s.active && !s.absent);
  if (qualified.length === 0) {
    if (skilled.length === 0)
      return {
        ...base,
        proposals: [],
        finding: { code: 'noneQualified', domainId: t.domainId, level: need },
      };
    const unavailable = skilled.map((s) => s.id).sort();
    return {
      ...base,
      proposals: [],
      finding: { code: 'noneAvailable', domainId: t.domainId, level: need, unavailable },
    };
  }
  const pairQualified = qualified.filter(inPair);
  const pool = pairQualified.length > 0 ? pairQualified : qualified;
  const key = (s: RoutingStaff): Key => [
    inPair(s) ? 0 : 1,
    s.openTasks,
    s.families,
    fromAuthority(s) ? 0 : 1,
    -levelOf(s),
    s.id,
  ];
  const before = (a: Key, b: Key): boolean => {
    for (let i = 0; i < a.length; i++)
      if (a[i] !== b[i]) return (a[i] as number | string) < (b[i] as number | string);
    return false;
  };
  const ranked = pool
    .map((s) => ({ s, rank: pool.filter((o) => before(key(o), key(s))).length }))
    .filter(({ rank }) => rank < limit);
  ranked.sort((x, y) => x.rank - y.rank);
  return {
    ...base,
    proposals: ranked.map(({ s }) => ({
      staffId: s.id,
      role: need === 2 ? 'adviser' : 'specialist',
      reasons: [
        ...(inPair(s) ? [{ code: 'pairMember' as const }] : []),
        { code: 'competence' as const, domainId: t.domainId, level: levelOf(s) as TaskLevel },
        ...(fromAuthority(s) ? [{ code: 'homeDepartment' as const, departmentId: authority as string }] : []),
        { code: 'load' as const, openTasks: s.openTasks, families: s.families },
      ],
    })),
    finding: {
      code: pairQualified.length > 0 ? 'pairHasSpecialist' : 'proposed',
      domainId: t.domainId,
      level: need,
    },
  };
}

const domains = ['employment', HEALTH, HOUSING, 'constructor'];
const departments = ['dept-employment', HEALTH_DEPT, 'dept-social'];
const levelArb = fc.constantFrom<TaskLevel>(1, 2, 3);

const staffArb = fc
  .uniqueArray(fc.uuid(), { maxLength: 12 })
  .chain((staffIds) =>
    fc.tuple(
      ...staffIds.map((staffId) =>
        fc.record({
          id: fc.constant(staffId),
          homeDepartmentId: fc.option(fc.constantFrom(...departments), { nil: null }),
          competences: fc.dictionary(fc.constantFrom(...domains), levelArb, { maxKeys: 4 }),
          // Small ranges, so that ties happen and the later keys of the order are exercised.
          openTasks: fc.nat({ max: 4 }),
          families: fc.nat({ max: 3 }),
          active: fc.boolean(),
          absent: fc.boolean(),
        }),
      ),
    ),
  )
  .map((s): RoutingStaff[] => s);

/** A team and a task whose pair is drawn from the team, or (rarely) is someone not on the list. */
const caseArb = staffArb.chain((staff) =>
  fc.record({
    staff: fc.constant(staff),
    task: fc.record({
      domainId: fc.constantFrom(...domains),
      level: levelArb,
      pair: fc.uniqueArray(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...staff.map((s) => s.id), A) }, fc.uuid()),
        {
          maxLength: 2,
        },
      ),
      authorityDepartmentId: fc.option(fc.constantFrom(...departments), { nil: null }),
    }),
    limit: fc.integer({ min: 1, max: 10 }),
  }),
);

const levelIn = (s: RoutingStaff, domainId: string) =>
  Object.hasOwn(s.competences, domainId) ? (s.competences[domainId] as number) : 0;

describe('the routing rule, as properties', () => {
  it('gives the same result as the reference implementation for any team and task', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        expect(routeTask(t, staff, { proposals: limit })).toEqual(reference(t, staff, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it('proposes only people who are active, present and have at least the task’s level in its domain', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        for (const p of routeTask(t, staff, { proposals: limit }).proposals) {
          const s = staff.find((m) => m.id === p.staffId);
          expect(s).toBeDefined();
          expect(s!.active && !s!.absent).toBe(true);
          expect(levelIn(s!, t.domainId)).toBeGreaterThanOrEqual(Math.max(2, t.level));
        }
      }),
    );
  });

  it('leaves no qualified person out while proposing one with more load, unless that one is of the pair', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        const r = routeTask(t, staff, { proposals: limit });
        const proposed = new Set(ids(r));
        const qualified = staff.filter(
          (s) => s.active && !s.absent && t.level > 1 && levelIn(s, t.domainId) >= t.level,
        );
        const pairCovers = r.finding.code === 'pairHasSpecialist';
        for (const q of qualified) {
          if (proposed.has(q.id) || (pairCovers && !t.pair.includes(q.id))) continue;
          // q was left out: the list must be full, and nobody on it may carry more open tasks.
          expect(r.proposals.length).toBe(limit);
          for (const p of r.proposals) {
            const s = staff.find((m) => m.id === p.staffId)!;
            if (!t.pair.includes(s.id)) expect(s.openTasks).toBeLessThanOrEqual(q.openTasks);
          }
        }
      }),
      // A full list with someone left out needs more qualified people than places: rarer.
      { numRuns: 1000 },
    );
  });

  it('is deterministic: the same input, or the staff in another order, gives the same result', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.record({
            c: fc.constant(c),
            shuffled: fc.shuffledSubarray(c.staff, { minLength: c.staff.length }),
          }),
        ),
        ({ c, shuffled }) => {
          const first = routeTask(c.task, c.staff, { proposals: c.limit });
          expect(routeTask(c.task, c.staff, { proposals: c.limit })).toEqual(first);
          expect(routeTask(c.task, shuffled, { proposals: c.limit })).toEqual(first);
        },
      ),
    );
  });

  it('never proposes an absent or inactive person', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        const away = new Set(staff.filter((s) => !s.active || s.absent).map((s) => s.id));
        expect(ids(routeTask(t, staff, { proposals: limit })).filter((x) => away.has(x))).toEqual([]);
      }),
    );
  });

  it('proposes at most as many as asked for, nobody twice, and no one at level 1', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        const r = routeTask(t, staff, { proposals: limit });
        expect(r.proposals.length).toBeLessThanOrEqual(limit);
        expect(new Set(ids(r)).size).toBe(r.proposals.length);
        if (t.level === 1) expect(r.proposals).toEqual([]);
      }),
    );
  });

  it('keeps the pair responsible and answers in the shape of its contract, for any valid input', () => {
    fc.assert(
      fc.property(caseArb, ({ staff, task: t, limit }) => {
        const input = RoutingInput.parse({ task: t, staff, options: { proposals: limit } });
        const r = routeTask(input.task, input.staff, input.options);
        expect(r.responsible).toEqual(t.pair);
        expect(RoutingResult.parse(r)).toEqual(r);
      }),
    );
  });
});

describe('the routing rule’s texts', () => {
  const names = { domain: (d: string) => `«${d}»`, department: (d: string) => `«${d}»` };
  // Built per test, so that a broken rule fails these tests rather than the file's collection.
  const allMessages = () => {
    const everything: RoutingResult[] = [
      routeTask(task(1), [person(P1)]),
      routeTask(task(2), [person(P1, { competences: { [HEALTH]: 2 } }), person(P2)]),
      routeTask(task(3, { authorityDepartmentId: HEALTH_DEPT }), [
        ...pair,
        person(A, { competences: { [HEALTH]: 3 }, homeDepartmentId: HEALTH_DEPT }),
      ]),
      routeTask(task(3), [...pair, person(A, { competences: { [HEALTH]: 3 }, absent: true })]),
      routeTask(task(3), pair),
    ];
    const messages = everything.flatMap((r) => [
      routingMessage({ code: r.handling }, names),
      routingMessage(r.finding, names),
      ...r.notes.map((n) => routingMessage(n, names)),
      ...r.proposals.flatMap((p) => p.reasons.map((x) => routingMessage(x, names))),
    ]);
    return messages;
  };

  it('covers every handling, finding, note and reason code', () => {
    const keys = new Set(allMessages().map((m) => m.key));
    expect([...keys].sort()).toEqual(
      [
        'routing.finding.anyoneOnTeam',
        'routing.finding.noneAvailable',
        'routing.finding.noneQualified',
        'routing.finding.pairHasSpecialist',
        'routing.finding.proposed',
        'routing.handling.pair',
        'routing.handling.pairWithAdvice',
        'routing.handling.specialist',
        'routing.note.pairMemberUnavailable',
        'routing.reason.competence',
        'routing.reason.homeDepartment',
        'routing.reason.load',
        'routing.reason.pairMember',
      ].sort(),
    );
  });

  for (const [locale, tree] of [
    ['da', plansDa],
    ['en', plansEn],
  ] as const) {
    it(`has a text in ${locale} for each, with every placeholder filled`, () => {
      for (const { key, values } of allMessages()) {
        const text = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
        expect(typeof text, key).toBe('string');
        const filled = (text as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
          name in values ? String(values[name]) : `MISSING ${name}`,
        );
        expect(filled, key).not.toMatch(/MISSING|\{\{/);
      }
    });
  }

  it('names the domain and the level when nobody qualifies, so the leader knows what to escalate', () => {
    const m = routingMessage({ code: 'noneQualified', domainId: HEALTH, level: 3 }, names);
    expect(m.values).toMatchObject({ domain: '«health»', level: 3 });
    expect(plansEn.routing.finding.noneQualified).toMatch(/escalate/i);
    expect(plansDa.routing.finding.noneQualified).toMatch(/eskal/i);
  });
});
