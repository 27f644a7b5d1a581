import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isListedAsDue, nextDue } from '../../../src/shared/measures/schedule';

describe('addMonths', () => {
  it('adds calendar months, across a year end', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-09-01', 6)).toBe('2027-03-01');
  });

  it('keeps to the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('is always later, never more than one month of days short of the plain sum', () => {
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 36 }), (d, months) => {
        const later = addMonths(d, months);
        const [y, m] = d.split('-').map(Number) as [number, number];
        const [ly, lm] = later.split('-').map(Number) as [number, number];
        return later > d && ly * 12 + lm - (y * 12 + m) === months && /^\d{4}-\d{2}-\d{2}$/.test(later);
      }),
    );
  });
});

describe('the next measurement due', () => {
  const enrolled = { enrolledOn: '2026-01-10', exitedOn: null };

  it('a family never enrolled has nothing due', () => {
    expect(nextDue({ enrolledOn: null, exitedOn: null, measurements: [] })).toBeNull();
  });

  it('the baseline is due from enrolment until taken', () => {
    expect(nextDue({ ...enrolled, measurements: [] })).toEqual({ occasion: 'baseline', dueOn: '2026-01-10' });
  });

  it('a follow-up is due six months after the baseline, then six months after the latest follow-up', () => {
    const baseline = { occasion: 'baseline' as const, takenOn: '2026-01-20' };
    expect(nextDue({ ...enrolled, measurements: [baseline] })).toEqual({
      occasion: 'follow_up',
      dueOn: '2026-07-20',
    });
    const followUp = { occasion: 'follow_up' as const, takenOn: '2026-07-25' };
    expect(nextDue({ ...enrolled, measurements: [followUp, baseline] })).toEqual({
      occasion: 'follow_up',
      dueOn: '2027-01-25',
    });
  });

  it('the interval is a parameter', () => {
    const baseline = { occasion: 'baseline' as const, takenOn: '2026-01-20' };
    expect(nextDue({ ...enrolled, measurements: [baseline], months: 3 })?.dueOn).toBe('2026-04-20');
  });

  it('after exit the exit measurement is due on the exit date, then nothing', () => {
    const baseline = { occasion: 'baseline' as const, takenOn: '2026-01-20' };
    const exited = { enrolledOn: '2026-01-10', exitedOn: '2026-09-30' };
    expect(nextDue({ ...exited, measurements: [baseline] })).toEqual({
      occasion: 'exit',
      dueOn: '2026-09-30',
    });
    const exit = { occasion: 'exit' as const, takenOn: '2026-10-02' };
    expect(nextDue({ ...exited, measurements: [baseline, exit] })).toBeNull();
  });

  it('is listed two weeks ahead and while overdue', () => {
    const due = { occasion: 'follow_up' as const, dueOn: '2026-07-20' };
    expect(isListedAsDue(due, '2026-07-05')).toBe(false);
    expect(isListedAsDue(due, '2026-07-06')).toBe(true);
    expect(isListedAsDue(due, '2026-12-01')).toBe(true);
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});
