import { describe, expect, it } from 'vitest';
import { demoDefaults, generateMunicipality } from '../../../src/demo/generate';
import { isValidCpr } from '../../../src/shared/families/cpr';
import { MemberUpdate } from '../../../src/shared/families/families.contract';

describe('demo data', () => {
  const all = generateMunicipality(demoDefaults);
  // The seed documents' cohort: the families enrolled in Gellerup, with the Gellerup team.
  const gellerup = all.areas[0]!.id;
  const cohort = new Set(
    all.households.filter((h) => h.area_id === gellerup && h.status === 'enrolled').map((h) => h.id),
  );
  const demo = {
    ...all,
    households: all.households.filter((h) => cohort.has(h.id)),
    persons: all.persons.filter((p) => cohort.has(p.household_id)),
    pairs: all.pairs.filter((p) => cohort.has(p.household_id)),
    users: all.users.filter((u) => u.team_id === all.team.id || u.team_id === null),
  };
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
    expect(generateMunicipality(demoDefaults)).toEqual(all);
  });

  it('keeps the cohort as it was without the extras (their own random stream)', () => {
    const plain = generateMunicipality({ ...demoDefaults, extras: undefined });
    const strip = (p: (typeof plain.persons)[number]) => ({
      ...p,
      phone: null,
      email: null,
      preferred_contact: null,
      contact_language: null,
      updated_at: null,
    });
    expect(demo.persons.map(strip)).toEqual(plain.persons.map(strip));
    expect(demo.households.map((h) => h.reference)).toEqual(plain.households.map((h) => h.reference));
  });

  describe('something for each filter of the family list', () => {
    it('has exited families, each with an exit date after its enrolment and an exit in its history', () => {
      const exited = all.households.filter((h) => h.status === 'exited');
      expect(exited.length).toBeGreaterThanOrEqual(5);
      for (const h of exited) {
        expect(h.exited_on! > h.enrolled_on).toBe(true);
        expect(h.exited_on! < demoDefaults.today).toBe(true);
        expect(all.events).toContainEqual(
          expect.objectContaining({
            entity: 'household',
            entity_id: h.id,
            changes: [
              { field: 'status', from: 'enrolled', to: 'exited' },
              { field: 'exitedOn', from: null, to: h.exited_on },
            ],
          }),
        );
      }
    });

    it('has enrolled families in each of its three areas, each area with a team, a leader and a pair per family', () => {
      for (const area of all.areas) {
        const families = all.households.filter((h) => h.area_id === area.id && h.status === 'enrolled');
        expect(families.length, area.name).toBeGreaterThanOrEqual(3);
        const team = [all.team, ...all.otherTeams].find((t) => t.area_id === area.id)!;
        expect(families.every((h) => h.team_id === team.id)).toBe(true);
        const staff = all.users.filter((u) => u.team_id === team.id);
        expect(staff.filter((u) => u.role === 'team_leader')).toHaveLength(1);
        for (const h of families) {
          const pair = all.pairs.find((p) => p.household_id === h.id)!;
          expect(staff.map((u) => u.id)).toEqual(
            expect.arrayContaining([pair.first_member_id, pair.second_member_id]),
          );
        }
      }
    });

    it('has history after enrolment spread over the last months, and enrolments over the years', () => {
      const months = new Set(all.events.map((e) => e.at.toISOString().slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(4);
      const lastMonth = all.events.filter((e) => e.at.toISOString().slice(0, 10) >= '2026-10-25');
      expect(lastMonth.length).toBeGreaterThan(0);
      const years = new Set(all.households.map((h) => h.enrolled_on.slice(0, 4)));
      expect(years.size).toBeGreaterThanOrEqual(4);
      for (const e of all.events) {
        const h = all.households.find((x) => x.id === e.household_id)!;
        expect(e.at.toISOString().slice(0, 10) > h.enrolled_on).toBe(true);
      }
    });

    it('gives every adult contact details, valid by the contract, and no child any', () => {
      const grown = all.persons.filter((p) => p.household_role !== 'child');
      expect(grown.every((p) => p.preferred_contact !== null && p.contact_language !== null)).toBe(true);
      expect(grown.filter((p) => p.phone).length).toBeGreaterThan(grown.length / 2);
      expect(grown.some((p) => p.email)).toBe(true);
      const problems = grown
        .map((p) =>
          MemberUpdate.safeParse({
            version: 1,
            phone: p.phone,
            email: p.email,
            preferredContact: p.preferred_contact,
            contactLanguage: p.contact_language,
          }),
        )
        .filter((r) => !r.success);
      expect(problems).toEqual([]);
      expect(all.persons.filter((p) => p.household_role === 'child').every((p) => p.phone === null)).toBe(
        true,
      );
    });
  });
});
