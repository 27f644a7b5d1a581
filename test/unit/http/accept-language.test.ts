import { describe, expect, it } from 'vitest';
import { acceptLanguage } from '../../../src/server/plugins/access';

describe('the language of a request without a signed-in preference (Accept-Language)', () => {
  it('follows the client’s preferences with their weights, not only the first tag', () => {
    expect(acceptLanguage('fr, en;q=0.9')).toBe('en');
    expect(acceptLanguage('en-GB,en;q=0.9,da;q=0.8')).toBe('en');
    expect(acceptLanguage('en;q=0.5, da')).toBe('da');
    expect(acceptLanguage('da-DK')).toBe('da');
  });

  it('is Danish when the client names no language Staircase speaks, or no header at all', () => {
    expect(acceptLanguage('fr, de;q=0.9')).toBe('da');
    expect(acceptLanguage(undefined)).toBe('da');
    expect(acceptLanguage('')).toBe('da');
  });
});

describe('the language of a request, asked again', () => {
  it('answers each header as the first time, also after more distinct headers than it keeps', () => {
    const headers = ['fr, en;q=0.9', 'en;q=0.5, da', 'en-GB', 'de'];
    const first = headers.map(acceptLanguage);
    expect(first).toEqual(['en', 'da', 'en', 'da']);
    // More distinct headers than the 256 it keeps answers for: they are forgotten, not wrong.
    for (let i = 0; i < 600; i++) expect(acceptLanguage(`x-${i}, en;q=0.${(i % 9) + 1}`)).toBe('en');
    expect(headers.map(acceptLanguage)).toEqual(first);
  });
});
