import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixToday, today } from '../../../src/shared/common/today';

afterEach(() => {
  vi.useRealTimers();
  fixToday(null);
});

describe('today', () => {
  it('is Denmark’s date, which turns at Danish midnight in winter (UTC+1)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T22:59:59.999Z'));
    expect(today()).toBe('2026-12-07');
    vi.setSystemTime(new Date('2026-12-07T23:00:00.000Z'));
    expect(today()).toBe('2026-12-08');
  });

  it('turns at Danish midnight in summer (UTC+2), also within the minute it was last asked in', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-06-30T21:59:00.000Z'));
    expect(today()).toBe('2026-06-30');
    vi.setSystemTime(new Date('2026-06-30T21:59:59.999Z'));
    expect(today()).toBe('2026-06-30');
    vi.setSystemTime(new Date('2026-06-30T22:00:00.000Z'));
    expect(today()).toBe('2026-07-01');
  });

  it('follows the clock backwards as well as forwards', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
    expect(today()).toBe('2026-03-10');
    vi.setSystemTime(new Date('2026-03-09T12:00:00Z'));
    expect(today()).toBe('2026-03-09');
  });

  it('answers the fixed day while one is fixed, and the clock’s again once released', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
    expect(today()).toBe('2026-12-07');
    fixToday('2030-01-01');
    expect(today()).toBe('2030-01-01');
    fixToday(null);
    expect(today()).toBe('2026-12-07');
  });
});
