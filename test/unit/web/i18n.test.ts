import { describe, expect, it } from 'vitest';
import { da, daByArea } from '../../../src/web/i18n/da';
import { en, enByArea } from '../../../src/web/i18n/en';

/** Every leaf of a message tree as [dotted key, value]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

describe('web texts, per area', () => {
  const daKeys = leaves(da).map(([k]) => k);
  const enKeys = leaves(en).map(([k]) => k);

  it('has every Danish key in English and every English key in Danish', () => {
    expect(daKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !daKeys.includes(k))).toEqual([]);
    expect(daKeys.length).toBeGreaterThan(500);
  });

  it('has no empty or non-string value in either language', () => {
    for (const [locale, tree] of [['da', da] as const, ['en', en] as const]) {
      expect(
        leaves(tree).filter(([, v]) => typeof v !== 'string' || v.trim() === ''),
        locale,
      ).toEqual([]);
    }
  });

  it('gives each top-level key to one area only, in both languages, so assembling overwrites nothing', () => {
    for (const [locale, byArea] of [['da', daByArea] as const, ['en', enByArea] as const]) {
      const owners = new Map<string, string[]>();
      for (const [area, texts] of Object.entries(byArea)) {
        for (const key of Object.keys(texts)) owners.set(key, [...(owners.get(key) ?? []), area]);
      }
      expect(
        [...owners].filter(([, areas]) => areas.length > 1),
        locale,
      ).toEqual([]);
    }
    // The same areas own the same keys in both languages.
    for (const area of Object.keys(daByArea) as (keyof typeof daByArea)[]) {
      expect(Object.keys(enByArea[area]).sort(), area).toEqual(Object.keys(daByArea[area]).sort());
    }
  });
});
