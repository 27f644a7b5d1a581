/**
 * Maps a zod issue to an i18n key. Contracts put `errors.*` keys in their messages;
 * anything else falls back to a key per zod issue code, so every error is translatable.
 */
export interface IssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
  /** The type zod expected, on `invalid_type` issues (the server sees it in the message only). */
  expected?: string;
  /** What a `too_small` / `too_big` bound applies to: 'number', 'string', 'array', … */
  origin?: string;
}

/** A bound on a number is a value ("below the smallest allowed"), on a list a count ("too few"), on text a length. */
const boundKeys: Record<string, { too_small: string; too_big: string }> = {
  number: { too_small: 'errors.tooSmallNumber', too_big: 'errors.tooLargeNumber' },
  bigint: { too_small: 'errors.tooSmallNumber', too_big: 'errors.tooLargeNumber' },
  array: { too_small: 'errors.tooFew', too_big: 'errors.tooMany' },
  set: { too_small: 'errors.tooFew', too_big: 'errors.tooMany' },
};

const byCode: Record<string, string> = {
  invalid_type: 'errors.invalidType',
  too_small: 'errors.tooShort',
  too_big: 'errors.tooLong',
  invalid_format: 'errors.invalidFormat',
  invalid_value: 'errors.invalidValue',
  unrecognized_keys: 'errors.unknownField',
  custom: 'errors.invalidValue',
};

export function issueKey(issue: IssueLike): string {
  if (issue.message.startsWith('errors.')) return issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'errors.required';
  // Every number a person types is a count (minutes, a page): "abc" or "" turned into NaN
  // asks for a whole number, not for a "type".
  if (
    issue.code === 'invalid_type' &&
    (issue.expected ?? /expected (\w+)/.exec(issue.message)?.[1]) === 'number'
  )
    return 'errors.wholeNumber';
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin) {
    const bound = boundKeys[issue.origin];
    if (bound) return bound[issue.code];
  }
  return byCode[issue.code] ?? 'errors.invalidValue';
}

export function issueField(issue: IssueLike & { keys?: string[] }): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(',');
  }
  return path;
}
