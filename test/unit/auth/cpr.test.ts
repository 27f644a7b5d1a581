import { describe, expect, it } from 'vitest';
import { isValidCpr, maskCpr, normaliseCpr } from '../../../src/shared/families/cpr';

describe('CPR numbers', () => {
  it('normalises ten digits, with or without the dash and surrounding space, to ddmmyy-ssss', () => {
    expect(normaliseCpr('0102851234')).toBe('010285-1234');
    expect(normaliseCpr('010285-1234')).toBe('010285-1234');
    expect(normaliseCpr('  010285-1234 ')).toBe('010285-1234');
  });

  it('accepts the last day of each month and 29 February in a leap year', () => {
    expect(isValidCpr('310185-1234')).toBe(true);
    expect(isValidCpr('300485-1234')).toBe(true);
    expect(isValidCpr('290284-1234')).toBe(true);
    expect(isValidCpr('290200-1234')).toBe(true);
  });

  it('refuses dates that do not exist', () => {
    for (const cpr of [
      '000185-1234',
      '320185-1234',
      '310485-1234',
      '290285-1234',
      '300285-1234',
      '011385-1234',
      '010085-1234',
    ]) {
      expect(isValidCpr(cpr), cpr).toBe(false);
      expect(normaliseCpr(cpr), cpr).toBeNull();
    }
  });

  it('refuses the wrong shape', () => {
    for (const cpr of [
      '',
      '010285123',
      '01028512345',
      '010285--1234',
      '0102-851234',
      'O10285-1234',
      '010285 1234',
      '010285-12a4',
    ]) {
      expect(isValidCpr(cpr), cpr).toBe(false);
    }
  });

  it('masks the sequence part and keeps the date part', () => {
    expect(maskCpr('010285-1234')).toBe('010285-****');
    expect(maskCpr('010285-1234')).not.toContain('1234');
  });

  it('masks nothing into nothing', () => {
    expect(maskCpr(null)).toBeNull();
    expect(maskCpr('')).toBeNull();
  });
});
