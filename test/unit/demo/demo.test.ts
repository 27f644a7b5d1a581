import { describe, expect, it } from 'vitest';
import { demoDefaults, generateMunicipality } from '../../../src/demo/generate';
import { isValidCpr } from '../../../src/shared/families/cpr';

describe('demo data', () => {
  const demo = generateMunicipality(demoDefaults);
  const adults = demo.persons.filter((p) => p.household_role !== 'child');
  const children = demo.persons.filter((p) => p.household_role === 'child');

  it('has the seed documents’ cohort: 62 families, 97 adults and 188 children', () => {
    expect(demo.households).toHaveLength(62);
    expect(adults).toHaveLength(97);
    expect(children).toHaveLength(188);
  });

  it('gives every family between 1 and 7 children, both ends of the range used', () => {
    const perFamily = demo.households.map((h) => children.filter((c) => c.household_id === h.id).length);
    expect(Math.min(...perFamily)).toBe(1);
    expect(Math.max(...perFamily)).toBe(7);
  });

  it('has families from 12 countries of origin', () => {
    const countries = new Set(adults.map((a) => a.country_of_origin));
    expect(countries.size).toBe(12);
  });

  it('has one team of ten from five departments, two from each, plus a leader', () => {
    const members = demo.users.filter((u) => u.role === 'team_member');
    expect(members).toHaveLength(10);
    expect(demo.users.filter((u) => u.role === 'team_leader')).toHaveLength(1);
    const perDepartment = demo.departments.map((d) => members.filter((m) => m.department_id === d.id).length);
    expect(perDepartment).toEqual([2, 2, 2, 2, 2]);
  });

  it('pairs every family with two different team members and gives valid, unique CPR numbers', () => {
    expect(demo.pairs).toHaveLength(62);
    expect(demo.pairs.every((p) => p.first_member_id !== p.second_member_id)).toBe(true);
    const cprs = demo.persons.map((p) => p.cpr).filter((c): c is string => c !== null);
    expect(cprs.every(isValidCpr)).toBe(true);
    expect(new Set(cprs).size).toBe(cprs.length);
  });

  it('is the same on every run (seeded)', () => {
    expect(generateMunicipality(demoDefaults)).toEqual(demo);
  });
});
