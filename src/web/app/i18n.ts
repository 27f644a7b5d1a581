import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { Locale } from '../../shared/common/common.contract';
import { sharedMessages } from '../../shared/i18n';
import { da } from '../i18n/da';
import { en } from '../i18n/en';
import { setApiLocale } from './api';

const storageKey = 'staircase.locale';

/** The language the user chose last on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const parsed = Locale.safeParse(localStorage.getItem(storageKey));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The first of the browser's preferred languages the app speaks; Danish, the default, when none
 * is. Used until the user chooses (on this device, or as their setting once signed in).
 */
export function browserLocale(languages: readonly string[] = navigator.languages ?? []): Locale {
  for (const tag of languages) {
    const parsed = Locale.safeParse(tag.toLowerCase().split('-')[0]);
    if (parsed.success) return parsed.data;
  }
  return 'da';
}

function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'da';
}

/** The BCP 47 tag used for dates and numbers in the current language. */
export function intlLocale(): string {
  return currentLocale() === 'en' ? 'en-GB' : 'da-DK';
}

function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  setApiLocale(locale);
}

/** Switches the UI language; `remember` stores it as the user's choice on this device. */
export async function changeLocale(locale: Locale, remember = true): Promise<void> {
  if (remember) rememberLocale(locale);
  await i18next.changeLanguage(locale);
}

export function initI18n(): typeof i18next {
  const lng = storedLocale() ?? browserLocale();
  i18next.on('languageChanged', (language) => applyLocale(language === 'en' ? 'en' : 'da'));
  void i18next.use(initReactI18next).init({
    resources: {
      da: { translation: { ...sharedMessages.da, ...da } },
      en: { translation: { ...sharedMessages.en, ...en } },
    },
    lng,
    fallbackLng: 'da',
    supportedLngs: ['da', 'en'],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  applyLocale(lng);
  return i18next;
}
