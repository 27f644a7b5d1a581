/**
 * Maps a zod issue to an i18n key. Contracts put `errors.*` keys in their messages;
 * anything else falls back to a key per zod issue code, so every error is translatable.
 */
export interface IssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
}

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
  return byCode[issue.code] ?? 'errors.invalidValue';
}

export function issueField(issue: IssueLike & { keys?: string[] }): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(',');
  }
  return path;
}
