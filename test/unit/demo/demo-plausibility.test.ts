import { describe, expect, it } from 'vitest';
import {
  demoDefaults,
  type GeneratedMunicipality,
  type GenerateOptions,
  generateMunicipality,
} from '../../../src/demo/generate';

type Person = GeneratedMunicipality['persons'][number];

/** Age in whole years on `date`, as a person counts it (a birthday not yet reached doesn't count). */
function ageOn(birth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  return date.slice(5) < birth.slice(5) ? years - 1 : years;
}

const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

function byHousehold(data: GeneratedMunicipality): Person[][] {
  const groups = new Map<string, Person[]>();
  for (const p of data.persons) groups.set(p.household_id, [...(groups.get(p.household_id) ?? []), p]);
  return [...groups.values()];
}

const label = (data: GeneratedMunicipality, members: Person[]) =>
  data.households.find((h) => h.id === members[0]?.household_id)?.reference ?? '?';

const bench = { families: 200, adults: 310, children: 690, today: '2026-11-25' };
const municipalities: [string, GenerateOptions][] = [
  ['the default demo', demoDefaults],
  ...[1, 2, 3, 10_050].map((seed): [string, GenerateOptions] => [
    `a bench-sized municipality (seed ${seed})`,
    { ...demoDefaults, ...bench, seed, usernamePrefix: `s${seed}_` },
  ]),
  // Another "today" (the test harness uses the real date): leap days and year ends move.
  [
    'a bench-sized municipality generated on a leap day',
    { ...demoDefaults, ...bench, seed: 7, today: '2028-02-29' },
  ],
  // Children born from 2037 on take another 7th CPR digit.
  [
    'a bench-sized municipality generated in 2045',
    { ...demoDefaults, ...bench, seed: 9, today: '2045-06-01' },
  ],
];

describe.each(municipalities)('plausible families in %s', (_, options) => {
  const data = generateMunicipality(options);
  const households = byHousehold(data);
  const children = data.persons.filter((p) => p.household_role === 'child');

  it('gives each family at most one consent in force per purpose (decision 0019, index consent_in_force)', () => {
    const inForce = data.consents.filter((c) => !('withdrawn_on' in c) || c.withdrawn_on === null);
    const keys = inForce.map((c) => `${c.household_id} ${c.purpose}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives no two members of a household the same first name', () => {
    const clashes = households
      .filter((members) => new Set(members.map((m) => m.first_name)).size !== members.length)
      .map((members) => `${label(data, members)}: ${members.map((m) => m.first_name).join(', ')}`);
    expect(clashes).toEqual([]);
  });

  it('spaces siblings at least 300 days (about ten months) apart unless they are twins born the same day', () => {
    const tooClose: string[] = [];
    for (const members of households) {
      const births = members
        .filter((m) => m.household_role === 'child')
        .map((m) => m.birth_date)
        .sort();
      for (let i = 1; i < births.length; i++) {
        const gap = days(births[i - 1]!, births[i]!);
        if (gap !== 0 && gap < 300) tooClose.push(`${label(data, members)}: ${gap} days`);
      }
    }
    expect(tooClose).toEqual([]);
  });

  it('keeps twins a small share of the children (at most one in ten)', () => {
    const sameDay = children.filter((c) =>
      children.some((o) => o !== c && o.household_id === c.household_id && o.birth_date === c.birth_date),
    );
    expect(sameDay.length).toBeLessThanOrEqual(children.length / 10);
  });

  it('has every parent aged 18 to 45 at the birth of each of their children', () => {
    const implausible: string[] = [];
    for (const members of households) {
      const parents = members.filter((m) => m.household_role === 'parent');
      for (const child of members.filter((m) => m.household_role === 'child')) {
        for (const parent of parents) {
          const age = ageOn(parent.birth_date, child.birth_date);
          if (age < 18 || age > 45) implausible.push(`${label(data, members)}: parent ${age} at a birth`);
        }
      }
    }
    expect(implausible).toEqual([]);
  });

  it('has no one born after "today", and every child under 18 on it', () => {
    expect(data.persons.filter((p) => p.birth_date > options.today)).toEqual([]);
    expect(children.filter((c) => ageOn(c.birth_date, options.today) >= 18)).toEqual([]);
  });

  it('gives everyone a CPR number whose date part is their birth date and whose 7th digit fits its century', () => {
    const mismatched = data.persons.filter((p) => {
      if (p.cpr === null) return true;
      const [y, m, d] = p.birth_date.split('-') as [string, string, string];
      if (p.cpr.slice(0, 6) !== `${d}${m}${y.slice(2)}`) return true;
      // The CPR register's rule for the 7th digit: 0–3 born 1900–1999; 4 and 9 born 2000–2036
      // (yy ≤ 36) or 1937–1999; 5–8 born 2000–2057 (yy ≤ 57) or 1858–1899.
      const digit = Number(p.cpr[7]);
      const yy = Number(y.slice(2));
      const year = Number(y);
      if (digit <= 3) return year < 1900 || year > 1999;
      if (digit === 4 || digit === 9) return year !== (yy <= 36 ? 2000 + yy : 1900 + yy);
      return year !== (yy <= 57 ? 2000 + yy : 1800 + yy);
    });
    expect(mismatched.map((p) => `${p.birth_date} ${p.cpr}`)).toEqual([]);
  });
});
