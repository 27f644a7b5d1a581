import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { type DefaultValues, type FieldErrors, type FieldValues, type Path, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { issueKey } from '../../shared/common/issues';
import { type FieldError, problemToErrors, shownKey } from './forms';

/**
 * Issues the contract names no message for get the key of their kind ("errors.tooShort"), as
 * the server's do (shared/common/issues.ts); the contracts' own messages are keys already.
 */
const keyedIssues: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined
      ? 'errors.required'
      : issueKey({
          code: issue.code,
          message: '',
          path: issue.path ?? [],
          expected: 'expected' in issue ? String(issue.expected) : undefined,
          origin: 'origin' in issue ? String(issue.origin) : undefined,
        }),
};

function valueAt(values: unknown, field: string): unknown {
  let node = values;
  for (const key of field.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** react-hook-form's nested errors as one list of dotted fields, in the order the fields were given. */
function flatten(errors: FieldErrors, prefix = ''): { field: string; message: string }[] {
  return Object.entries(errors).flatMap(([key, error]) => {
    if (!error || typeof error !== 'object') return [];
    const field = prefix ? `${prefix}.${key}` : key;
    if ('message' in error && typeof error.message === 'string') return [{ field, message: error.message }];
    return flatten(error as FieldErrors, field);
  });
}

/**
 * A form that is its zod contract plus its fields (decision 0030): react-hook-form keeps the
 * values, the contract validates them on submit (zodResolver) and `onValid` receives the
 * parsed body. Errors are kept as i18n keys and translated as they are shown, so a change of
 * language translates them again; the server's field errors (a 400's problem+json) land at
 * their fields through `showProblem`. `errors` is the list FormErrorSummary shows.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
) {
  const { t, i18n } = useTranslation();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema, keyedIssues),
    defaultValues,
    // Checked on submit, as the forms did before: the error summary takes focus then, not while typing.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    // Focus goes to the error summary (FormErrorSummary), which links to each field.
    shouldFocusError: false,
  });

  // A new list (and so the error summary's focus) only when the errors, the language or the
  // attempt change: errors are checked on submit, so typing a correction moves no focus.
  const flat = flatten(form.formState.errors);
  const signature = `${form.formState.submitCount}|${i18n.language}|${JSON.stringify(flat)}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the errors, the language and the attempt
  const errors: FieldError[] = useMemo(
    () =>
      flat.map(({ field, message }) => {
        const key = shownKey(message, valueAt(form.getValues(), field));
        return { field, key, message: i18n.exists(key) ? t(key) : message };
      }),
    [signature],
  );

  /** A refused request's field errors, shown at their fields; false when it named no field. */
  function showProblem(error: unknown): boolean {
    const problems = problemToErrors(error);
    for (const problem of problems) {
      form.setError(problem.field as Path<z.input<S>>, {
        type: 'server',
        message: problem.key && i18n.exists(problem.key) ? problem.key : problem.message,
      });
    }
    return problems.length > 0;
  }

  return { form, errors, showProblem };
}
