import { describe, expect, it } from 'vitest';
import { familyName, type NamedPerson } from '../../../src/shared/families/family-name';

const person = (firstName: string, lastName: string, role: NamedPerson['role'] = 'parent'): NamedPerson => ({
  firstName,
  lastName,
  role,
});

describe("a family's name", () => {
  it('names two parents with one last name once, and with two last names each', () => {
    expect(
      familyName([person('Amal', 'Odeh'), person('Karim', 'Odeh'), person('Sami', 'Odeh', 'child')], 'og'),
    ).toBe('Amal og Karim Odeh');
    expect(familyName([person('Amal', 'Odeh'), person('Karim', 'Hassan')], 'and')).toBe(
      'Amal Odeh and Karim Hassan',
    );
  });

  it('names one parent alone, three adults as a list, and a family without parents by its other adults', () => {
    expect(familyName([person('Amal', 'Odeh'), person('Sami', 'Odeh', 'child')], 'og')).toBe('Amal Odeh');
    expect(familyName([person('A', 'X'), person('B', 'Y'), person('C', 'Z')], 'og')).toBe('A X, B Y og C Z');
    expect(familyName([person('Hodan', 'Ali', 'other_adult'), person('Ayan', 'Ali', 'child')], 'og')).toBe(
      'Hodan Ali',
    );
  });

  it('is empty for a household of children only', () => {
    expect(familyName([person('Sami', 'Odeh', 'child')], 'og')).toBe('');
  });
});
