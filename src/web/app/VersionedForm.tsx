import { VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { DefaultValues, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { isConflict } from './api';
import { ConflictAlert } from './ConflictAlert';
import { FormProblem } from './ErrorAlert';
import { FormActions } from './FormActions';
import { FormErrorSummary } from './FormErrorSummary';
import type { FieldError } from './forms';
import { useContractForm } from './useContractForm';

/**
 * A form that saves through one request (useContractForm plus its mutation): the body goes
 * to `save` once the contract accepts it, `saved` follows a success (announce, refetch, close).
 * A 409 is left to VersionedForm's ConflictAlert; any other refusal lands at its fields. A
 * submit the contract refuses clears the last request's error, so an old problem is not shown
 * beside the new field errors.
 */
export function useSavingForm<S extends z.ZodType<FieldValues, FieldValues>, R>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  save: (body: z.output<S>) => Promise<R>,
  saved: (result: R) => Promise<void> | void,
) {
  const { form, errors, showProblem } = useContractForm(schema, defaultValues);
  const saving = useMutation({
    mutationFn: save,
    onSuccess: saved,
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });
  const submit = form.handleSubmit(
    (body) => saving.mutate(body),
    () => saving.reset(),
  );
  return { form, errors, saving, submit };
}

/**
 * The frame of an inline form (plan, tasks): the error summary, the request's problem — or,
 * when the form was opened on a version someone else has saved since, the conflict with its
 * reload — the fields, and FormActions. The fields are the caller's children.
 */
export function VersionedForm({
  formId,
  label,
  labels,
  errors,
  saving,
  submit,
  submitLabel,
  onReload,
  onCancel,
  narrow = false,
  children,
}: {
  formId: string;
  /** The form's accessible name. */
  label: string;
  /** The fields' labels by name, for the error summary's links (a list's items: its name's). */
  labels: Record<string, string>;
  errors: FieldError[];
  saving: { isPending: boolean; error: unknown };
  submit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  submitLabel: string;
  /** Reads the saved version again after a conflict; without it a 409 shows as any problem. */
  onReload?: () => void;
  onCancel: () => void;
  /** The narrow column of a form that stands alone in a section. */
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <VStack gap="space-8" className={narrow ? 'sc-form-narrow' : undefined}>
        <FormErrorSummary
          formId={formId}
          errors={errors}
          labelFor={(field) => labels[field] ?? labels[field.split('.')[0] ?? ''] ?? field}
        />
        {onReload && isConflict(saving.error) ? (
          <ConflictAlert onReload={onReload} />
        ) : (
          <FormProblem error={saving.error} />
        )}
        {children}
        <FormActions submit={submitLabel} saving={saving} onCancel={onCancel} size="small" />
      </VStack>
    </form>
  );
}
