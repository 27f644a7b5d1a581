import { z } from 'zod';

/*
 * The one text type for what a person types (issue 12; decisions/0026-one-text-type.md). Every
 * user-typed string of every contract is one of these flavours:
 *
 * - `nameText`: names, addresses, usernames, labels, searches — one line, and nothing invisible:
 *   no control character, no bidi control (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), no
 *   zero-width or other format character (U+200B–200D, U+2060, U+FEFF, U+00AD, …: Unicode's Cf),
 *   no line or paragraph separator. Any of them can make one person look like another in a list.
 * - `freeText`: notes and reasons — several lines (tab and line breaks), and bidi controls
 *   allowed, since a sentence may mix Arabic and Danish; the web app shows it isolated (`dir="auto"`
 *   in its own element), so a control in it cannot reorder the page around it.
 *
 * Both are well-formed Unicode — a lone UTF-16 surrogate (JSON's `"\ud800"`) is refused first, as
 * PostgreSQL cannot store it (a jsonb history entry failed with 22P02, a text column took U+FFFD)
 * — and NFC-normalised, so "é" typed as e + U+0301 is stored, searched and compared as "é".
 * Each stays a zod string with checks (no pipe): the OpenAPI document keeps its lengths, and
 * carries the flavour as `x-text`, which the fuzz test (text-fuzz.test.ts) reads.
 */

/** A UTF-16 code unit of a surrogate pair without its partner; `u` mode matches only those. */
const loneSurrogate = /\p{Cs}/u;
/** C0, DEL and C1 controls: invisible, and PostgreSQL refuses NUL in text outright. */
const controlCharacter = /\p{Cc}/u;
const controlCharacterInLines = /(?![\t\n\r])\p{Cc}/u;
/** Format characters (bidi controls, zero-width ones, BOM, soft hyphen) and line/paragraph separators. */
const invisibleCharacter = /[\p{Cf}\p{Zl}\p{Zp}]/u;

export type TextKind = 'name' | 'free';
/**
 * The flavour in the OpenAPI document (`x-text`): `name` and `free` as above; `code` for a value
 * its own rule bounds (a CPR number, a country or language code, a recovery code); `secret` for
 * a password, kept as typed.
 */
export const textMeta = (kind: TextKind | 'code' | 'secret') => ({ 'x-text': kind });

/** Well-formed: no lone surrogate (what `String.prototype.isWellFormed` says, on any browser). */
export const isWellFormedText = (value: string): boolean => !loneSurrogate.test(value);
export const hasNoControlCharacters = (value: string, kind: TextKind = 'name'): boolean =>
  !(kind === 'free' ? controlCharacterInLines : controlCharacter).test(value);
export const hasNoInvisibleCharacters = (value: string): boolean => !invisibleCharacter.test(value);

/**
 * Any string a person typed, made safe to look at: well-formed (first, and alone — nothing else
 * is said of a broken text), NFC, trimmed. What a password or code needs before its own rules.
 */
export function typedString(message = 'errors.malformedText') {
  return z.string().refine(isWellFormedText, { message, abort: true }).normalize('NFC').trim();
}

interface Bounds {
  /** At least this many characters (default 1: required). 0 lets an empty text through. */
  min?: number;
  max: number;
  /** The message when shorter than `min` (> 1). */
  tooShort?: string;
  /** An empty text is just too short (the one message `tooShort`), not also "required". */
  emptyIsTooShort?: boolean;
}

function build(kind: TextKind, { min = 1, max, tooShort, emptyIsTooShort }: Bounds) {
  let s = typedString();
  if (min >= 1 && !(emptyIsTooShort && min > 1)) s = s.min(1, { message: 'errors.required' });
  if (min > 1) s = s.min(min, { message: tooShort ?? 'errors.tooShort' });
  s = s
    .max(max, { message: 'errors.tooLong' })
    .refine((v) => hasNoControlCharacters(v, kind), { message: 'errors.controlCharacter', abort: true });
  if (kind === 'name') s = s.refine(hasNoInvisibleCharacters, { message: 'errors.invisibleCharacter' });
  return s.meta(textMeta(kind));
}

/** A name, address part, username or label: one line, nothing invisible. Required unless `min: 0`. */
export const nameText = (max: number, bounds: Omit<Bounds, 'max'> = {}) => build('name', { ...bounds, max });
/** A note or reason: lines, bidi controls allowed (shown isolated). Required unless `min: 0`. */
export const freeText = (max: number, bounds: Omit<Bounds, 'max'> = {}) => build('free', { ...bounds, max });

/** Empty is "not given": stored as null. */
const orNull = <T extends z.ZodType<string, string>>(s: T) =>
  s
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const optionalNameText = (max: number) => orNull(nameText(max, { min: 0 }));
export const optionalFreeText = (max: number) => orNull(freeText(max, { min: 0 }));
