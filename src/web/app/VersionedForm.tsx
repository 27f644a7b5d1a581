import { VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { DefaultValues, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { announce } from './Announcer';
import { isConflict } from './api';
import { ConflictAlert } from './ConflictAlert';
import { FormProblem } from './ErrorAlert';
import { FormActions } from './FormActions';
import { FormErrorSummary } from './FormErrorSummary';
import { controlledProps, fieldProps } from './fieldProps';
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
 * useSavingForm for an inline form that closes when done (an item of the plan, a task moved on):
 * saved, it announces `announced(result)`, reads again through `refresh` and closes; after a
 * conflict its reload reads again and closes. `field` gives each field its props (fieldProps),
 * `bound` each controlled field its (controlledProps);
 * `frame` is VersionedForm's props but the form's name, the labels and the submit button's.
 */
export function useInlineForm<S extends z.ZodType<FieldValues, FieldValues>, R>(
  formId: string,
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  save: (body: z.output<S>) => Promise<R>,
  done: { announced: (result: R) => string; refresh: () => Promise<unknown>; onDone: () => void },
) {
  const { refresh, onDone } = done;
  const { form, errors, saving, submit } = useSavingForm(schema, defaultValues, save, async (result) => {
    announce(done.announced(result));
    await refresh();
    onDone();
  });
  return {
    form,
    errors,
    field: fieldProps(form, formId, errors),
    bound: controlledProps(form, formId, errors),
    frame: { formId, errors, saving, submit, onReload: () => refresh().then(onDone), onCancel: onDone },
  };
}

/** What the frame of a form (VersionedForm, CreateForm) is given besides its fields, the children. */
export interface FormFrameProps {
  formId: string;
  /** The form's accessible name. */
  label: string;
  /** The fields' labels by name, for the error summary's links (a list's items: its name's). */
  labels: Record<string, string>;
  errors: FieldError[];
  saving: { isPending: boolean; error: unknown };
  submit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  submitLabel: string;
  children: ReactNode;
}

/**
 * The frame every form here shares: the error summary, the request's problem (`problem`), the
 * fields (the children) and the buttons (`actions`), in a column — narrow for a form that stands
 * alone in a section.
 */
export function FormFrame({
  formId,
  label,
  labels,
  errors,
  submit,
  narrow,
  problem,
  actions,
  children,
}: Omit<FormFrameProps, 'saving' | 'submitLabel'> & {
  narrow: boolean;
  problem: ReactNode;
  actions: ReactNode;
}) {
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <VStack gap="space-8" className={narrow ? 'sc-form-narrow' : undefined}>
        <FormErrorSummary
          formId={formId}
          errors={errors}
          labelFor={(field) => labels[field] ?? labels[field.split('.')[0] ?? ''] ?? field}
        />
        {problem}
        {children}
        {actions}
      </VStack>
    </form>
  );
}

/**
 * The frame of an inline form (plan, tasks): the request's problem — or, when the form was opened
 * on a version someone else has saved since, the conflict with its reload — and FormActions.
 */
export function VersionedForm({
  saving,
  submitLabel,
  onReload,
  onCancel,
  narrow = false,
  ...frame
}: FormFrameProps & {
  /** Reads the saved version again after a conflict; without it a 409 shows as any problem. */
  onReload?: () => void;
  onCancel: () => void;
  /** The narrow column of a form that stands alone in a section. */
  narrow?: boolean;
}) {
  return (
    <FormFrame
      {...frame}
      narrow={narrow}
      problem={
        onReload && isConflict(saving.error) ? (
          <ConflictAlert onReload={onReload} />
        ) : (
          <FormProblem error={saving.error} />
        )
      }
      actions={<FormActions submit={submitLabel} saving={saving} onCancel={onCancel} size="small" />}
    />
  );
}
