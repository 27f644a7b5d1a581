import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../../../src/shared/common/iso-codes';
import { issueField, issueKey } from '../../../src/shared/common/issues';
import { fixToday, today } from '../../../src/shared/common/today';
import { cprBirthDate } from '../../../src/shared/families/cpr';
import {
  BreakGlassRequest,
  CreateFamily,
  FamilyListQuery,
  GiveConsent,
  MemberInput,
  MemberUpdate,
  UpdateFamily,
  WithdrawConsent,
} from '../../../src/shared/families/families.contract';
import { householdProblems, statusDateProblems } from '../../../src/shared/families/rules';

/** The contract's rules as the problem document names them: field → i18n key. */
function errorsOf(result: { success: boolean; error?: { issues: readonly unknown[] } }) {
  if (result.success) return {};
  return Object.fromEntries(
    (result.error!.issues as Parameters<typeof issueKey>[0][]).map((i) => [issueField(i), issueKey(i)]),
  );
}

const parent = { firstName: 'Amal', lastName: 'Odeh', birthDate: '1985-02-01', role: 'parent' } as const;
const family = (members: unknown[], extra: Record<string, unknown> = {}) => ({
  areaId: '5a4f4d3e-2b1c-4a0f-8e7d-6c5b4a392817',
  street: 'Dortesvej',
  buildingNumber: '11',
  members,
  ...extra,
});

describe('text fields', () => {
  it('refuse control characters (a NUL made PostgreSQL fail with a 500), naming the field', () => {
    expect(errorsOf(MemberInput.safeParse({ ...parent, firstName: 'a\u0000b' }))).toEqual({
      firstName: 'errors.controlCharacter',
    });
    expect(errorsOf(MemberInput.safeParse({ ...parent, lastName: 'a\u001bb' }))).toEqual({
      lastName: 'errors.controlCharacter',
    });
    expect(errorsOf(MemberInput.safeParse({ ...parent, lastName: 'a\u0085b' }))).toEqual({
      lastName: 'errors.controlCharacter',
    });
    expect(errorsOf(CreateFamily.safeParse(family([parent], { door: 'th\u0000' })))).toEqual({
      door: 'errors.controlCharacter',
    });
    expect(errorsOf(FamilyListQuery.safeParse({ q: 'Odeh\u0000' }))).toEqual({
      q: 'errors.controlCharacter',
    });
  });

  it('refuse a line break in a one-line field but keep it in a text area', () => {
    expect(errorsOf(MemberInput.safeParse({ ...parent, firstName: 'Amal\nOdeh' }))).toEqual({
      firstName: 'errors.controlCharacter',
    });
    const consent = { purpose: 'evaluation', givenOn: '2026-03-01' };
    expect(GiveConsent.safeParse({ ...consent, scope: 'Skole\nFritid\tog klub' }).success).toBe(true);
    expect(errorsOf(GiveConsent.safeParse({ ...consent, scope: 'Skole\u0000' }))).toEqual({
      scope: 'errors.controlCharacter',
    });
    expect(BreakGlassRequest.safeParse({ reason: 'Akut henvendelse\nfra skolen' }).success).toBe(true);
    expect(errorsOf(BreakGlassRequest.safeParse({ reason: 'Akut henvendelse\u0007' }))).toEqual({
      reason: 'errors.controlCharacter',
    });
  });

  it('keep letters from every script, and trim surrounding white space as before', () => {
    const parsed = MemberInput.parse({ ...parent, firstName: '  Zoë Ælfrida أمل ', lastName: 'Ødeh-Nguyễn' });
    expect(parsed.firstName).toBe('Zoë Ælfrida أمل');
    expect(parsed.lastName).toBe('Ødeh-Nguyễn');
  });
});

describe('country of origin and languages', () => {
  it('accept known codes in any case and store them as the standards write them', () => {
    const parsed = MemberInput.parse({ ...parent, countryOfOrigin: ' so ', languages: ['AR', 'Da', 'ku'] });
    expect(parsed.countryOfOrigin).toBe('SO');
    expect(parsed.languages).toEqual(['ar', 'da', 'ku']);
    expect(MemberInput.parse({ ...parent, countryOfOrigin: 'xk' }).countryOfOrigin).toBe('XK');
  });

  it('refuse codes no standard assigns, naming the field (and the language by its place)', () => {
    expect(errorsOf(MemberInput.safeParse({ ...parent, countryOfOrigin: 'XX' }))).toEqual({
      countryOfOrigin: 'errors.country',
    });
    for (const code of ['EU', 'UN', 'ZZ', 'DNK', 'D']) {
      expect(MemberInput.safeParse({ ...parent, countryOfOrigin: code }).success, code).toBe(false);
    }
    expect(errorsOf(MemberInput.safeParse({ ...parent, languages: ['da', 'zzz'] }))).toEqual({
      'languages.1': 'errors.language',
    });
    for (const code of ['zz', 'dan', 'iw', 'd']) {
      expect(MemberInput.safeParse({ ...parent, languages: [code] }).success, code).toBe(false);
    }
  });

  it('keep each language once, in the order given', () => {
    expect(MemberInput.parse({ ...parent, languages: ['da', 'da', 'DA'] }).languages).toEqual(['da']);
    expect(MemberUpdate.parse({ version: 1, languages: ['ar', 'da', 'AR'] }).languages).toEqual(['ar', 'da']);
  });

  it('list only codes the runtime can name (a typo in iso-codes.ts would show here)', () => {
    expect(COUNTRY_CODES.size).toBe(250);
    expect(LANGUAGE_CODES.size).toBe(183);
    const region = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const language = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    expect([...COUNTRY_CODES].filter((c) => !region.of(c))).toEqual([]);
    expect([...LANGUAGE_CODES].filter((c) => !language.of(c) || language.of(c) === c)).toEqual([]);
  });
});

describe('today', () => {
  afterEach(() => {
    fixToday(null);
    vi.useRealTimers();
  });

  it('is the date in Denmark: just after midnight in Aarhus it is already the next day', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-15T22:30:00Z'));
    expect(today()).toBe('2026-06-16');
    vi.setSystemTime(new Date('2026-01-15T22:30:00Z'));
    expect(today()).toBe('2026-01-15');
  });

  it('answers the fixed day in tests until released', () => {
    fixToday('2030-02-03');
    expect(today()).toBe('2030-02-03');
  });
});

describe('dates', () => {
  beforeEach(() => fixToday('2026-06-15'));
  afterEach(() => fixToday(null));

  it('refuse a birth date after today or before 1900; today and 1900-01-01 are fine', () => {
    expect(errorsOf(MemberInput.safeParse({ ...parent, birthDate: '2099-05-05' }))).toEqual({
      birthDate: 'errors.dateInFuture',
    });
    expect(errorsOf(MemberInput.safeParse({ ...parent, birthDate: '2026-06-16' }))).toEqual({
      birthDate: 'errors.dateInFuture',
    });
    expect(errorsOf(MemberInput.safeParse({ ...parent, birthDate: '1899-12-31' }))).toEqual({
      birthDate: 'errors.birthDateTooEarly',
    });
    expect(MemberInput.safeParse({ ...parent, birthDate: '2026-06-15' }).success).toBe(true);
    expect(MemberInput.safeParse({ ...parent, birthDate: '1900-01-01' }).success).toBe(true);
  });

  it('say only "a date" about something that is not a date', () => {
    expect(errorsOf(MemberInput.safeParse({ ...parent, birthDate: '05-05-2099' }))).toEqual({
      birthDate: 'errors.date',
    });
  });

  it('refuse an enrolment or exit after today or before 2000', () => {
    expect(errorsOf(CreateFamily.safeParse(family([parent], { enrolledOn: '2026-06-16' })))).toEqual({
      enrolledOn: 'errors.dateInFuture',
    });
    expect(errorsOf(CreateFamily.safeParse(family([parent], { enrolledOn: '1999-12-31' })))).toEqual({
      enrolledOn: 'errors.dateBeforeProgramme',
    });
    expect(CreateFamily.safeParse(family([parent], { enrolledOn: '2026-06-15' })).success).toBe(true);
    expect(
      errorsOf(UpdateFamily.safeParse({ version: 1, status: 'exited', exitedOn: '2099-01-01' })),
    ).toEqual({
      exitedOn: 'errors.dateInFuture',
    });
  });

  it('refuse consent given or withdrawn after today, or long ago', () => {
    const consent = { purpose: 'evaluation' };
    expect(errorsOf(GiveConsent.safeParse({ ...consent, givenOn: '2026-06-16' }))).toEqual({
      givenOn: 'errors.dateInFuture',
    });
    expect(errorsOf(GiveConsent.safeParse({ ...consent, givenOn: '1800-01-01' }))).toEqual({
      givenOn: 'errors.dateBeforeProgramme',
    });
    expect(errorsOf(WithdrawConsent.safeParse({ withdrawnOn: '2027-01-01' }))).toEqual({
      withdrawnOn: 'errors.dateInFuture',
    });
    expect(errorsOf(WithdrawConsent.safeParse({ withdrawnOn: '1800-01-01' }))).toEqual({
      withdrawnOn: 'errors.dateBeforeProgramme',
    });
    expect(WithdrawConsent.safeParse({ withdrawnOn: '2026-06-15' }).success).toBe(true);
  });
});

describe('status and exit date', () => {
  it('need an exit date for an exited family and none for an enrolled one, on exitedOn', () => {
    expect(statusDateProblems({ status: 'exited', enrolledOn: '2025-01-01', exitedOn: null })).toEqual([
      { field: 'exitedOn', key: 'errors.exitDateRequired' },
    ]);
    expect(statusDateProblems({ status: 'enrolled', enrolledOn: null, exitedOn: '2026-01-01' })).toEqual([
      { field: 'exitedOn', key: 'errors.exitDateWhileEnrolled' },
    ]);
    expect(
      statusDateProblems({ status: 'exited', enrolledOn: '2025-05-01', exitedOn: '2025-04-30' }),
    ).toEqual([{ field: 'exitedOn', key: 'errors.exitBeforeEnrol' }]);
    expect(
      statusDateProblems({ status: 'exited', enrolledOn: '2025-05-01', exitedOn: '2025-05-01' }),
    ).toEqual([]);
    expect(statusDateProblems({ status: 'enrolled', enrolledOn: null, exitedOn: null })).toEqual([]);
  });

  it('apply in the contract to what a body carries, and leave the rest to the server', () => {
    expect(errorsOf(UpdateFamily.safeParse({ version: 1, status: 'exited', exitedOn: null }))).toEqual({
      exitedOn: 'errors.exitDateRequired',
    });
    expect(
      errorsOf(UpdateFamily.safeParse({ version: 1, status: 'enrolled', exitedOn: '2026-01-01' })),
    ).toEqual({
      exitedOn: 'errors.exitDateWhileEnrolled',
    });
    expect(
      errorsOf(UpdateFamily.safeParse({ version: 1, enrolledOn: '2025-05-01', exitedOn: '2025-04-30' })),
    ).toEqual({ exitedOn: 'errors.exitBeforeEnrol' });
    // Alone, the status says nothing of the stored exit date: the server merges and decides.
    expect(UpdateFamily.safeParse({ version: 1, status: 'exited' }).success).toBe(true);
  });
});

describe('CPR number and birth date', () => {
  it('reads the birth date from the date part and the century from the 7th digit', () => {
    expect(cprBirthDate('010185-1234')).toBe('1985-01-01');
    expect(cprBirthDate('0101001234')).toBe('1900-01-01');
    expect(cprBirthDate('010100-4234')).toBe('2000-01-01');
    expect(cprBirthDate('010136-9234')).toBe('2036-01-01');
    expect(cprBirthDate('010137-4234')).toBe('1937-01-01');
    expect(cprBirthDate('010157-5234')).toBe('2057-01-01');
    expect(cprBirthDate('010158-8234')).toBe('1858-01-01');
    expect(cprBirthDate('320185-1234')).toBeNull();
  });

  it('refuse a CPR number whose date is not the birth date, on the cpr field', () => {
    fixToday('2026-06-15');
    try {
      expect(
        errorsOf(MemberInput.safeParse({ ...parent, cpr: '010100-1234', birthDate: '2000-01-01' })),
      ).toEqual({ cpr: 'errors.cprBirthDate' });
      expect(errorsOf(MemberInput.safeParse({ ...parent, cpr: '020285-1234' }))).toEqual({
        cpr: 'errors.cprBirthDate',
      });
      expect(
        errorsOf(MemberUpdate.safeParse({ version: 1, cpr: '010100-1234', birthDate: '1985-02-01' })),
      ).toEqual({ cpr: 'errors.cprBirthDate' });
      expect(MemberInput.safeParse({ ...parent, cpr: '010100-4234', birthDate: '2000-01-01' }).success).toBe(
        true,
      );
      expect(MemberInput.safeParse({ ...parent, cpr: '0102851234' }).success).toBe(true);
    } finally {
      fixToday(null);
    }
  });
});

describe('household', () => {
  const child = { ...parent, firstName: 'Sami', role: 'child', birthDate: '2015-03-04' } as const;

  it('needs at least one adult in a new family, named on members', () => {
    expect(errorsOf(CreateFamily.safeParse(family([child])))).toEqual({ members: 'errors.noAdult' });
    expect(CreateFamily.safeParse(family([{ ...parent, role: 'other_adult' }, child])).success).toBe(true);
  });

  it('needs each child younger than each parent, named on the child’s birth date', () => {
    const members = [
      { ...parent, birthDate: '2025-01-01' },
      { ...child, birthDate: '1940-01-01' },
    ];
    expect(errorsOf(CreateFamily.safeParse(family(members)))).toEqual({
      'members.1.birthDate': 'errors.childOlderThanParent',
    });
    expect(
      errorsOf(CreateFamily.safeParse(family([parent, { ...child, birthDate: parent.birthDate }]))),
    ).toEqual({
      'members.1.birthDate': 'errors.childOlderThanParent',
    });
  });

  it('does not compare other adults with the children (a grandparent, an adult sibling)', () => {
    expect(
      householdProblems([
        { role: 'parent', birthDate: '1985-01-01' },
        { role: 'other_adult', birthDate: '2005-01-01' },
        { role: 'child', birthDate: '2010-01-01' },
        { role: 'other_adult', birthDate: '1950-01-01' },
      ]),
    ).toEqual([]);
  });

  it('lists every child–parent pair out of order, and no adult as one problem', () => {
    expect(
      householdProblems([
        { role: 'parent', birthDate: '1985-01-01' },
        { role: 'parent', birthDate: '1990-01-01' },
        { role: 'child', birthDate: '1988-01-01' },
      ]),
    ).toEqual([{ kind: 'childNotYounger', child: 2, parent: 1 }]);
    expect(householdProblems([{ role: 'child', birthDate: '2010-01-01' }])).toEqual([{ kind: 'noAdult' }]);
  });

  it('leaves a missing role to its own message, not "no adult"', () => {
    expect(errorsOf(CreateFamily.safeParse(family([{ ...parent, role: '' }])))).toEqual({
      'members.0.role': 'errors.householdRole',
    });
  });
});
