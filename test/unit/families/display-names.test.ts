import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { countryName, languageName, languageNames } from '../../../src/web/app/format';

describe('countries and languages shown by name', () => {
  // The names follow the UI language (intlLocale); no texts are needed for them.
  beforeAll(() => i18next.init({ lng: 'da', supportedLngs: ['da', 'en'], resources: {} }));

  it('names a country and languages in Danish by default', async () => {
    await i18next.changeLanguage('da');
    expect(countryName('SO')).toBe('Somalia');
    expect(countryName('er')).toBe('Eritrea');
    expect(languageNames(['da', 'so'])).toBe('dansk, somali');
  });

  it('names them in English when the user reads English', async () => {
    await i18next.changeLanguage('en');
    expect(countryName('SO')).toBe('Somalia');
    expect(languageName('da')).toBe('Danish');
  });

  it('falls back to the code for one it does not know or that is malformed', () => {
    expect(countryName('XX')).toBe('XX');
    expect(languageName('not a code!')).toBe('not a code!');
  });
});
