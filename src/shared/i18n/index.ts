import type { Locale } from '../common/common.contract';
import { da, type SharedMessages } from './da';
import { en } from './en';

export const sharedMessages: Record<Locale, SharedMessages> = { da, en };

/** Looks up a dotted key ("errors.cpr") in the shared texts; the key itself if missing. */
export function translate(locale: Locale, key: string): string {
  let node: unknown = sharedMessages[locale];
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  return typeof node === 'string' ? node : key;
}
