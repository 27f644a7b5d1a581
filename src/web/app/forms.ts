import type { TFunction } from 'i18next';
import { type IssueLike, issueField, issueKey } from '../../shared/common/issues';
import { ApiError } from './api';

/**
 * One field in error: `field` is a dotted path as the server and the zod schemas name it;
 * `key` the i18n key of `message`, so that a change of language can translate it again
 * (useFieldErrors).
 */
export interface FieldError {
  field: string;
  message: string;
  key?: string;
}

/** Messages about a value's form; on an empty field "required" says more. Specific ones ("choose a role") stay. */
const genericKeys = new Set([
  'errors.id',
  'errors.date',
  'errors.invalidType',
  'errors.invalidFormat',
  'errors.invalidValue',
  'errors.tooShort',
]);

/**
 * The key an issue is shown with, given the field's value: on an empty field a generic message
 * ("an invalid id") says "required"; the contract's date message names yyyy-mm-dd, the API's
 * form, while people type dd.mm.yyyy (DateField).
 */
export function shownKey(key: string, value: unknown): string {
  const empty = value === '' || value === undefined || value === null;
  if (empty && genericKeys.has(key)) return 'errors.required';
  return key === 'errors.date' ? 'forms.dateFormat' : key;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * Client-side validation: the contract schema's issues, translated, each naming its field.
 * Given the validated `input`, an issue on an empty value says "required" (an unchosen area is
 * missing, not "an invalid id").
 */
export function issuesToErrors(
  issues: readonly IssueLike[],
  t: TFunction,
  prefix = '',
  input?: unknown,
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = issueField(issue);
    const field = prefix && path ? `${prefix}.${path}` : prefix || path;
    if (seen.has(field)) continue;
    seen.add(field);
    const value = input === undefined || issue.path.length === 0 ? 'n/a' : valueAt(input, issue.path);
    const shown = shownKey(issueKey(issue), value);
    errors.push({ field, key: shown, message: t(shown) });
  }
  return errors;
}

/** The server's field errors (translated, with their keys), or none when the problem names no field. */
export function problemToErrors(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => ({ field: e.field, key: e.code, message: e.message }));
}

export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** The id of a field's input: stable, so the error summary and the browser tests can find it. */
export function fieldId(formId: string, field: string): string {
  return `${formId}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Keeps only the fields that changed, for PATCH bodies. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes;
}
