import { intlLocale } from './i18n';

/** "2026-11-25" (a calendar date, no time zone) in the locale's format. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant (ISO timestamp) as date and time in the user's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Today's date as yyyy-mm-dd in local time, for date inputs. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function displayName(type: 'region' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames(intlLocale(), { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    // Not a well-formed code (RangeError): shown as it is.
    return code;
  }
}

/** A country code ("SO") as the country's name in the user's language ("Somalia"); the code if unknown. */
export function countryName(code: string): string {
  return displayName('region', code.toUpperCase());
}

/** A language code ("so") as the language's name in the user's language ("somali"); the code if unknown. */
export function languageName(code: string): string {
  return displayName('language', code);
}

/** Language codes as a list of names: "dansk, somali". */
export function languageNames(codes: readonly string[]): string {
  return codes.map(languageName).join(', ');
}

/**
 * Text a person typed, put inside a sentence of ours: wrapped in a first-strong isolate (U+2068 …
 * U+2069), so its own direction — Arabic in a consent's scope, or a bidi control in it, which free
 * text may hold (shared/common/text.ts) — cannot reorder the words around it.
 */
export const isolate = (typed: string): string => `\u2068${typed}\u2069`;
