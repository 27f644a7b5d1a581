import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ELIGIBILITY_RULE,
  type EligibilityInput,
  judgeEligibility,
} from '../../../src/shared/outreach/eligibility';

const family = (o: Partial<EligibilityInput> = {}): EligibilityInput => ({
  street: 'Gudrunsvej',
  postalCode: '8220',
  members: [
    { role: 'parent', unemployedMonths: 14, livesAtHome: null },
    { role: 'parent', unemployedMonths: 2, livesAtHome: null },
    { role: 'child', unemployedMonths: null, livesAtHome: true },
  ],
  ...o,
});

const reason = (r: ReturnType<typeof judgeEligibility>, criterion: string) =>
  r.reasons.find((x) => x.criterion === criterion)!;

describe('judgeEligibility (the default rule: in the area, a child at home, a parent unemployed 12 months)', () => {
  it('a family meeting all three is eligible, every reason met', () => {
    const r = judgeEligibility(family(), DEFAULT_ELIGIBILITY_RULE);
    expect(r.eligible).toBe(true);
    expect(r.reasons.map((x) => x.met)).toEqual([true, true, true]);
    expect(reason(r, 'parentUnemployed')).toMatchObject({ value: 14, required: 12 });
    expect(reason(r, 'childAtHome')).toMatchObject({ value: 1, required: 1 });
  });

  it('no child living at home: not eligible, and says so', () => {
    const r = judgeEligibility(
      family({
        members: [
          { role: 'parent', unemployedMonths: 20, livesAtHome: null },
          { role: 'child', unemployedMonths: null, livesAtHome: false },
        ],
      }),
      DEFAULT_ELIGIBILITY_RULE,
    );
    expect(r.eligible).toBe(false);
    expect(reason(r, 'childAtHome')).toMatchObject({ met: false, value: 0 });
  });

  it('11.5 months is short of 12; exactly 12 is enough', () => {
    const short = family({
      members: [
        { role: 'parent', unemployedMonths: 11.5, livesAtHome: null },
        { role: 'child', unemployedMonths: null, livesAtHome: null },
      ],
    });
    expect(judgeEligibility(short, DEFAULT_ELIGIBILITY_RULE).eligible).toBe(false);
    const exact = family({
      members: [
        { role: 'parent', unemployedMonths: 12, livesAtHome: null },
        { role: 'child', unemployedMonths: null, livesAtHome: null },
      ],
    });
    expect(judgeEligibility(exact, DEFAULT_ELIGIBILITY_RULE).eligible).toBe(true);
  });

  it('only a parent’s unemployment counts, not another adult’s; unknown months are not met', () => {
    const r = judgeEligibility(
      family({
        members: [
          { role: 'parent', unemployedMonths: null, livesAtHome: null },
          { role: 'other_adult', unemployedMonths: 40, livesAtHome: null },
          { role: 'child', unemployedMonths: null, livesAtHome: true },
        ],
      }),
      DEFAULT_ELIGIBILITY_RULE,
    );
    expect(reason(r, 'parentUnemployed')).toMatchObject({ met: false, value: null });
  });

  it('an area with streets and postal codes: an address outside either is not in the area', () => {
    const rule = { ...DEFAULT_ELIGIBILITY_RULE, streets: ['Gudrunsvej', 'Dortesvej'], postalCodes: ['8220'] };
    expect(judgeEligibility(family({ street: '  gudrunsvej ' }), rule).eligible).toBe(true);
    expect(reason(judgeEligibility(family({ street: 'Åby Ringvej' }), rule), 'livesInArea').met).toBe(false);
    expect(reason(judgeEligibility(family({ postalCode: '8210' }), rule), 'livesInArea').met).toBe(false);
    expect(reason(judgeEligibility(family({ postalCode: null }), rule), 'livesInArea').met).toBe(false);
  });

  it('the rule is configuration: two children and 24 months asked', () => {
    const rule = { ...DEFAULT_ELIGIBILITY_RULE, minChildrenAtHome: 2, minUnemployedMonths: 24 };
    const r = judgeEligibility(family(), rule);
    expect(r.eligible).toBe(false);
    expect(reason(r, 'childAtHome')).toMatchObject({ met: false, value: 1, required: 2 });
    expect(reason(r, 'parentUnemployed')).toMatchObject({ met: false, value: 14, required: 24 });
  });
});
