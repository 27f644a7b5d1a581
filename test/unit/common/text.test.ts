import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstMalformed } from '../../../src/server/http/well-formed';
import { freeText, nameText, optionalFreeText, optionalNameText } from '../../../src/shared/common/text';

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('nameText', () => {
  const name = nameText(20);
  it('refuses a lone surrogate (high or low) with one message, before anything else', () => {
    expect(messages(name, 'A\ud800')).toEqual(['errors.malformedText']);
    expect(messages(name, '\udc00')).toEqual(['errors.malformedText']);
    expect(messages(name, `\ud800${'x'.repeat(30)}`)).toEqual(['errors.malformedText']);
  });
  it('accepts a surrogate pair (an emoji or a rare CJK name character)', () => {
    expect(name.parse('Ana 😀')).toBe('Ana 😀');
    expect(name.parse('𠮷野')).toBe('𠮷野');
  });
  it.each([
    ['U+202E right-to-left override', '\u202e'],
    ['U+202A left-to-right embedding', '\u202a'],
    ['U+2066 left-to-right isolate', '\u2066'],
    ['U+2069 pop directional isolate', '\u2069'],
    ['U+200E left-to-right mark', '\u200e'],
    ['U+200F right-to-left mark', '\u200f'],
    ['U+061C Arabic letter mark', '\u061c'],
    ['U+200B zero-width space', '\u200b'],
    ['U+200C zero-width non-joiner', '\u200c'],
    ['U+200D zero-width joiner', '\u200d'],
    ['U+2060 word joiner', '\u2060'],
    ['U+FEFF byte order mark', '\ufeff'],
    ['U+2028 line separator', '\u2028'],
  ])('refuses %s', (_, ch) => {
    expect(messages(name, `Ali${ch}ce`)).toEqual(['errors.invisibleCharacter']);
  });
  it('refuses control characters, line breaks and tabs included', () => {
    for (const ch of ['\u0000', '\n', '\t', '\u007f', '\u0085'])
      expect(messages(name, `a${ch}b`)).toEqual(['errors.controlCharacter']);
  });
  it('normalises to NFC before trimming and measuring', () => {
    expect(name.parse('  Zoe\u0308 ')).toBe('Zo\u00eb');
    expect(nameText(3).parse('Zoe\u0308')).toBe('Zo\u00eb');
  });
  it('is required unless its minimum is 0', () => {
    expect(messages(name, '  ')).toEqual(['errors.required']);
    expect(nameText(5, { min: 0 }).parse(' ')).toBe('');
  });
});

describe('freeText', () => {
  const free = freeText(200);
  it('keeps bidi controls, line breaks and tabs', () => {
    const text = 'Skolen \u202bمدرسة\u202c\n\tFritid\u200b';
    expect(free.parse(text)).toBe(text);
  });
  it('refuses a lone surrogate and other control characters', () => {
    expect(messages(free, 'a\ud800')).toEqual(['errors.malformedText']);
    expect(messages(free, 'a\u0000')).toEqual(['errors.controlCharacter']);
  });
  it('gives one message for a too-short text when asked to', () => {
    expect(
      messages(freeText(50, { min: 10, tooShort: 'errors.reasonTooShort', emptyIsTooShort: true }), ''),
    ).toEqual(['errors.reasonTooShort']);
  });
});

describe('optional texts', () => {
  it('make an empty text null and keep their rules', () => {
    expect(optionalNameText(10).parse('  ')).toBeNull();
    expect(optionalFreeText(10).parse('')).toBeNull();
    expect(messages(optionalNameText(10), '3\u200b')).toEqual(['errors.invisibleCharacter']);
  });
});

describe('the JSON schema of a text type', () => {
  it('keeps its lengths and names its flavour (x-text), for the OpenAPI document', () => {
    const schema = z.toJSONSchema(z.object({ a: nameText(20), b: optionalFreeText(30) }), { io: 'input' });
    expect(schema.properties).toMatchObject({
      a: { type: 'string', minLength: 1, maxLength: 20, 'x-text': 'name' },
      b: { anyOf: [{ type: 'string', maxLength: 30, 'x-text': 'free' }, { type: 'null' }] },
    });
  });
});

describe('firstMalformed (the server’s net under the contracts)', () => {
  it('names the first string with a lone surrogate, however deep', () => {
    expect(firstMalformed({ a: 'ok', b: [{ c: 'fine' }, { c: 'x\ud800' }] })).toBe('b.1.c');
    expect(firstMalformed({ a: 'ok', b: ['😀'] })).toBeNull();
    expect(firstMalformed(null)).toBeNull();
  });
});
