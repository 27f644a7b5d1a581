import { describe, expect, it } from 'vitest';
import { auditPeriod } from '../../../src/shared/admin/audit.contract';

const first = { page: 1, pageSize: 50 };

describe('auditPeriod: the audit search’s period and page bounds', () => {
  it('defaults to the last 30 days, today included', () => {
    expect(auditPeriod(first, '2026-11-25')).toEqual({ from: '2026-10-27', to: '2026-11-25', errors: [] });
  });

  it('counts 30 days back from a given to date, across a month and a year', () => {
    expect(auditPeriod({ ...first, to: '2026-01-10' }, '2026-11-25')).toMatchObject({
      from: '2025-12-12',
      to: '2026-01-10',
      errors: [],
    });
  });

  it('runs a from date alone to today', () => {
    expect(auditPeriod({ ...first, from: '2026-06-01' }, '2026-11-25')).toMatchObject({
      from: '2026-06-01',
      to: '2026-11-25',
      errors: [],
    });
  });

  it('takes 366 days (from and to included) and refuses 367, on the from field', () => {
    expect(auditPeriod({ ...first, from: '2025-11-25', to: '2026-11-25' }, '2026-11-25').errors).toEqual([]);
    expect(auditPeriod({ ...first, from: '2025-11-24', to: '2026-11-25' }, '2026-11-25').errors).toEqual([
      { field: 'from', key: 'errors.auditPeriodTooLong' },
    ]);
  });

  it('refuses a to date before the from date, on the to field; one day is fine', () => {
    expect(auditPeriod({ ...first, from: '2026-03-02', to: '2026-03-01' }, '2026-11-25').errors).toEqual([
      { field: 'to', key: 'errors.auditToBeforeFrom' },
    ]);
    expect(auditPeriod({ ...first, from: '2026-03-01', to: '2026-03-01' }, '2026-11-25').errors).toEqual([]);
  });

  it('pages only within the first 1,000 matches', () => {
    expect(auditPeriod({ page: 20, pageSize: 50 }, '2026-11-25').errors).toEqual([]);
    expect(auditPeriod({ page: 21, pageSize: 50 }, '2026-11-25').errors).toEqual([
      { field: 'page', key: 'errors.auditPageBeyondCap' },
    ]);
    expect(auditPeriod({ page: 5, pageSize: 200 }, '2026-11-25').errors).toEqual([]);
    expect(auditPeriod({ page: 6, pageSize: 200 }, '2026-11-25').errors).toHaveLength(1);
  });
});
