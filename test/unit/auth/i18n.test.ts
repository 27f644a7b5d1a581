import { describe, expect, it } from 'vitest';
import { da } from '../../../src/shared/i18n/da';
import { en } from '../../../src/shared/i18n/en';

/** Every leaf of a message tree as [dotted key, value]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

describe('shared texts', () => {
  const daKeys = leaves(da).map(([k]) => k);
  const enKeys = leaves(en).map(([k]) => k);

  it('has every Danish key in English', () => {
    expect(daKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('has every English key in Danish', () => {
    expect(enKeys.filter((k) => !daKeys.includes(k))).toEqual([]);
  });

  it('has no empty or non-string value in either language', () => {
    for (const [locale, tree] of [['da', da] as const, ['en', en] as const]) {
      const bad = leaves(tree).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(bad, locale).toEqual([]);
    }
    expect(daKeys.length).toBeGreaterThan(50);
  });
});
