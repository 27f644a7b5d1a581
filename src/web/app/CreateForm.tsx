import { Button } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { FormProblem } from './ErrorAlert';
import { fieldProps } from './fieldProps';
import { useContractForm } from './useContractForm';
import { FormFrame, type FormFrameProps } from './VersionedForm';

/**
 * The frame of a form under a list that adds one more to it (an area, a team, a department): one
 * button, secondary beside the page's main actions, and no cancel — it stays open for the next one.
 */
export function CreateForm({ saving, submitLabel, ...frame }: FormFrameProps) {
  return (
    <FormFrame
      {...frame}
      narrow
      problem={<FormProblem error={saving.error} />}
      actions={
        <div>
          <Button type="submit" variant="secondary" loading={saving.isPending}>
            {submitLabel}
          </Button>
        </div>
      }
    />
  );
}

/**
 * A CreateForm's state: the contract checks the fields, and what is sent is the values as typed
 * (the server normalises them by the same contract); `created` follows a success (read again,
 * announce, clear what the next one needs cleared). Any refusal lands at its fields.
 */
export function useCreateForm<S extends z.ZodType<FieldValues, FieldValues>, R>(
  formId: string,
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  create: (values: z.input<S>) => Promise<R>,
  created: (result: R, form: UseFormReturn<z.input<S>, unknown, z.output<S>>) => Promise<void>,
) {
  const { form, errors, showProblem } = useContractForm(schema, defaultValues);
  const saving = useMutation({
    mutationFn: create,
    onSuccess: (result) => created(result, form),
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    () => saving.mutate(form.getValues()),
    () => saving.reset(),
  );
  return { field: fieldProps(form, formId, errors), frame: { formId, errors, saving, submit } };
}
