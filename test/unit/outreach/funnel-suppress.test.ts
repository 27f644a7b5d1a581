import { describe, expect, it } from 'vitest';
import {
  complementOf,
  type RawFunnel,
  suppressChain,
  suppressed,
  unsuppressed,
} from '../../../src/shared/outreach/funnel.suppress';

/** A funnel as the query counts it, with the figures the case needs. */
function raw(o: Partial<RawFunnel> = {}): RawFunnel {
  return {
    cut: {
      areaId: null,
      areaName: null,
      buildingId: null,
      buildingName: null,
      staircaseId: null,
      staircaseName: null,
      from: null,
      to: null,
    },
    stages: { eligible: 100, contacted: 60, talked: 40, interested: 20, enrolled: 10 },
    months: [],
    reasons: [],
    timeToEnrolment: { n: 10, median: 21, p75: 30 },
    enrolledWithoutVisit: 0,
    comparison: 40,
    ...o,
  };
}

describe('funnel suppression (EVALUATION.md §2, decision 0050)', () => {
  it('shows a chain whose counts and differences are all at least the threshold', () => {
    expect(suppressChain([100, 60, 40, 20, 10], 5)).toEqual([100, 60, 40, 20, 10]);
  });

  it('hides a count below the threshold, zero included', () => {
    expect(suppressChain([100, 60, 40, 4, 0], 5)).toEqual([100, 60, 40, null, null]);
  });

  it('hides a count whose difference to the last shown one is below the threshold', () => {
    // 60 → 57 would publish "3 contacted and not talked".
    expect(suppressChain([100, 60, 57, 20, 10], 5)).toEqual([100, 60, null, 20, 10]);
  });

  it('measures a difference against the last count shown, not the hidden one', () => {
    // 57 is hidden (3 below 60); 54 is 6 below 60 — shown, and 57 cannot be derived from it.
    expect(suppressChain([100, 60, 57, 54, 10], 5)).toEqual([100, 60, null, 54, 10]);
  });

  it('hides a second cell of a column when one hidden cell could be read off the total', () => {
    expect([...complementOf([3, 12, 20], [null, 12, 20], 5)]).toEqual([1]);
  });

  it('hides more cells while the hidden ones sum to less than the threshold', () => {
    expect([...complementOf([1, 2, 6, 30], [null, null, 6, 30], 5)].sort()).toEqual([2]);
    expect([...complementOf([1, 1, 1, 30], [null, null, null, 30], 5)]).toEqual([3]);
  });

  it('leaves a column alone when nothing is hidden, or the hidden cells are two or more with enough between them', () => {
    expect(complementOf([10, 12], [10, 12], 5).size).toBe(0);
    expect(complementOf([2, 3, 12], [null, null, 12], 5).size).toBe(0);
  });

  it('gives analysts months with complementary suppression per column', () => {
    const f = suppressed(
      raw({
        months: [
          { month: '2026-10', contacted: 30, talked: 20, interested: 10, notInterested: 5, enrolled: 5 },
          { month: '2026-11', contacted: 30, talked: 20, interested: 10, notInterested: 3, enrolled: 5 },
        ],
      }),
      5,
      true,
    );
    // November's 3 "no" is hidden, and October's 5 with it, or it would be the total less 5.
    expect(f.months.map((m) => m.notInterested)).toEqual([null, null]);
    expect(f.months.map((m) => m.contacted)).toEqual([30, 30]);
    expect(f.suppressedBelow).toBe(5);
  });

  it('hides the time to enrolment when fewer than the threshold enrolled after a visit', () => {
    const f = suppressed(raw({ timeToEnrolment: { n: 4, median: 10, p75: 12 } }), 5, false);
    expect(f.timeToEnrolment).toEqual({ n: null, median: null, p75: null });
  });

  it('shows the comparison group to analysts only when asked, suppressed like any count', () => {
    expect(suppressed(raw({ comparison: 3 }), 5, true).comparison).toBeNull();
    expect(suppressed(raw(), 5, true).comparison).toBe(40);
    expect(suppressed(raw(), 5, false)).not.toHaveProperty('comparison');
  });

  it('gives team staff every count as it is, and never the comparison group', () => {
    const f = unsuppressed(
      raw({ stages: { eligible: 3, contacted: 2, talked: 1, interested: 1, enrolled: 0 } }),
    );
    expect(f.stages).toEqual({ eligible: 3, contacted: 2, talked: 1, interested: 1, enrolled: 0 });
    expect(f).not.toHaveProperty('comparison');
    expect(f.suppressedBelow).toBeNull();
  });
});
