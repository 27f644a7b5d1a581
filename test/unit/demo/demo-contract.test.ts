import { afterEach, describe, expect, it } from 'vitest';
import { municipalityOptions } from '../../../bench/settings';
import { demoDefaults, type GenerateOptions, generateMunicipality } from '../../../src/demo/generate';
import { fixToday } from '../../../src/shared/common/today';
import { CreateFamily, GiveConsent } from '../../../src/shared/families/families.contract';

/**
 * The demo and the benchmarks' data are written to the database directly, not through the API:
 * this holds them to the contract's rules, as if each family had been enrolled by hand on the
 * generator's "today" (dates, CPR numbers and birth dates, codes, household roles, consents).
 */
const generated: [string, GenerateOptions][] = [
  ['the default demo', demoDefaults],
  ['bench municipality 1', municipalityOptions(1)],
  ['bench municipality 50', municipalityOptions(50)],
  ['bench municipality 100', municipalityOptions(100)],
  ['a bench-sized municipality on a leap day', { ...municipalityOptions(7), today: '2028-02-29' }],
].map(([name, options]) => [name as string, { ...demoDefaults, ...(options as Partial<GenerateOptions>) }]);

describe.each(generated)('%s', (_name, options) => {
  afterEach(() => fixToday(null));

  it('enrolls every family through the contract and records every consent through it', () => {
    fixToday(options.today);
    const data = generateMunicipality(options);
    const problems: unknown[] = [];
    for (const household of data.households) {
      const body = {
        areaId: household.area_id,
        street: household.street,
        buildingNumber: household.building_number,
        entrance: household.entrance,
        floor: household.floor,
        door: household.door,
        postalCode: household.postal_code,
        enrolledOn: household.enrolled_on,
        members: data.persons
          .filter((p) => p.household_id === household.id)
          .map((p) => ({
            firstName: p.first_name,
            lastName: p.last_name,
            cpr: p.cpr,
            birthDate: p.birth_date,
            role: p.household_role,
            countryOfOrigin: p.country_of_origin,
            languages: p.languages,
            interpreterNeeded: p.interpreter_needed,
          })),
      };
      const parsed = CreateFamily.safeParse(body);
      if (!parsed.success) problems.push([household.reference, parsed.error.issues]);
      else expect(parsed.data.members.map((m) => m.languages)).toEqual(body.members.map((m) => m.languages));
    }
    for (const consent of data.consents) {
      const parsed = GiveConsent.safeParse({ purpose: consent.purpose, givenOn: consent.given_on });
      if (!parsed.success) problems.push([consent.id, parsed.error.issues]);
    }
    expect(problems).toEqual([]);
  });
});
