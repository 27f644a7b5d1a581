import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../../../src/shared/common/iso-codes';
import { issueField, issueKey } from '../../../src/shared/common/issues';
import {
  BreakGlassRequest,
  CreateFamily,
  FamilyListQuery,
  GiveConsent,
  MemberInput,
  MemberUpdate,
} from '../../../src/shared/families/families.contract';

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
