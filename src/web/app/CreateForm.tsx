import { Button, VStack } from '@navikt/ds-react';
import { FormProblem } from './ErrorAlert';
import { FormErrorSummary } from './FormErrorSummary';
import type { FormFrameProps } from './VersionedForm';

/**
 * The frame of a form under a list that adds one more to it (an area, a team, a department): the
 * error summary, the request's problem, the fields (the children) and the one button, secondary
 * beside the page's main actions. It stays open for the next one.
 */
export function CreateForm({
  formId,
  label,
  labels,
  errors,
  saving,
  submit,
  submitLabel,
  children,
}: FormFrameProps) {
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
        <FormProblem error={saving.error} />
        {children}
        <div>
          <Button type="submit" variant="secondary" loading={saving.isPending}>
            {submitLabel}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
