import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpdateSettings } from '../../../src/shared/admin/settings.contract';
import { issueField, issueKey } from '../../../src/shared/common/issues';
import { translate } from '../../../src/shared/i18n';

describe('issueKey', () => {
  it("keeps a contract's own errors.* message as the key", () => {
    expect(issueKey({ code: 'custom', message: 'errors.cpr', path: [] })).toBe('errors.cpr');
    expect(issueKey({ code: 'too_small', message: 'errors.required', path: [] })).toBe('errors.required');
  });

  it('maps each zod issue code to its key, and unknown codes to invalidValue', () => {
    const key = (code: string) => issueKey({ code, message: 'whatever', path: [] });
    expect(key('invalid_type')).toBe('errors.invalidType');
    expect(key('too_small')).toBe('errors.tooShort');
    expect(key('too_big')).toBe('errors.tooLong');
    expect(key('invalid_format')).toBe('errors.invalidFormat');
    expect(key('invalid_value')).toBe('errors.invalidValue');
    expect(key('unrecognized_keys')).toBe('errors.unknownField');
    expect(key('custom')).toBe('errors.invalidValue');
    expect(key('not_a_zod_code')).toBe('errors.invalidValue');
  });

  it('says a bound of a number is a value and of a list a count, not a length as of text', () => {
    const schema = z.strictObject({
      pageSize: z.number().int().min(1).max(200),
      pair: z.array(z.string()).min(2).max(2),
      name: z.string().min(1).max(3),
    });
    const keysOf = (input: unknown) =>
      Object.fromEntries(schema.safeParse(input).error!.issues.map((i) => [issueField(i), issueKey(i)]));
    expect(keysOf({ pageSize: 500, pair: ['a', 'b', 'c'], name: 'abcd' })).toEqual({
      pageSize: 'errors.tooLargeNumber',
      pair: 'errors.tooMany',
      name: 'errors.tooLong',
    });
    expect(keysOf({ pageSize: 0, pair: ['a'], name: '' })).toEqual({
      pageSize: 'errors.tooSmallNumber',
      pair: 'errors.tooFew',
      name: 'errors.tooShort',
    });
    expect(translate('en', 'errors.tooLargeNumber')).toBe('Is above the largest allowed value');
    expect(translate('da', 'errors.tooFew')).toBe('Har for få');
  });

  it("maps zod 4's own issues: a missing field is required, a wrong type is invalidType", () => {
    const result = z.strictObject({ name: z.string(), tags: z.array(z.string()) }).safeParse({ tags: 'x' });
    expect(result.success).toBe(false);
    const keys = Object.fromEntries(result.error!.issues.map((i) => [issueField(i), issueKey(i)]));
    expect(keys).toEqual({ name: 'errors.required', tags: 'errors.invalidType' });
  });

  it('asks for a whole number when a number field gets text or NaN (the web form sends Number("abc"))', () => {
    const result = UpdateSettings.safeParse({ version: 1, breakGlassMinutes: Number('abc') });
    expect(result.error!.issues.map((i) => [issueField(i), issueKey(i)])).toEqual([
      ['breakGlassMinutes', 'errors.wholeNumber'],
    ]);
    const text = UpdateSettings.safeParse({ version: 1, breakGlassMinutes: 'abc' });
    expect(text.error!.issues.map(issueKey)).toEqual(['errors.wholeNumber']);
  });

  it('reads the expected type from the message when the issue arrives without it (the server)', () => {
    const issue = {
      code: 'invalid_type',
      message: 'Invalid input: expected number, received string',
      path: [],
    };
    expect(issueKey(issue)).toBe('errors.wholeNumber');
    expect(translate('da', issueKey(issue))).toBe('Skriv et helt tal');
    expect(translate('en', issueKey(issue))).toBe('Enter a whole number');
  });
});

describe('issueField', () => {
  it('joins the path with dots, array indexes included', () => {
    expect(issueField({ code: 'custom', message: '', path: ['members', 0, 'cpr'] })).toBe('members.0.cpr');
    expect(issueField({ code: 'custom', message: '', path: [] })).toBe('');
  });

  it('names each unknown key under its path', () => {
    expect(
      issueField({ code: 'unrecognized_keys', message: '', path: ['members', 1], keys: ['a', 'b'] }),
    ).toBe('members.1.a,members.1.b');
    expect(issueField({ code: 'unrecognized_keys', message: '', path: [], keys: ['extra'] })).toBe('extra');
  });

  it("names zod 4's unknown keys field by field", () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: 'x', evil: 1 });
    expect(result.error!.issues.map((i) => issueField(i as typeof i & { keys?: string[] }))).toEqual([
      'evil',
    ]);
  });
});
