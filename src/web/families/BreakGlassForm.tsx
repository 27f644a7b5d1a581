import { Alert, BodyLong, Button, Heading, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakGlassRequest } from '../../shared/families/families.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById, useFocusFirstField } from '../app/focus';
import { errorFor, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { useFieldErrors } from '../app/useFieldErrors';
import { familiesApi, familyKeys } from './families.api';

/** The id of the family page's notice of break-the-glass access (FamilyPage.tsx). */
export const BREAK_GLASS_NOTICE_ID = 'break-glass-active';

const formId = 'break-glass';

/**
 * Reading a family outside one's relationship: a stated reason, time-limited, flagged and audited.
 * `focusOnOpen` when the form opens in place from a button (not when it is the whole page).
 */
export function BreakGlassForm({
  familyId,
  focusOnOpen = false,
}: {
  familyId: string;
  focusOnOpen?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useFieldErrors();
  const formRef = useFocusFirstField<HTMLFormElement>(focusOnOpen);

  const breakGlass = useMutation({
    mutationFn: (r: string) => familiesApi.breakGlass(familyId, r),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.detail(familyId) });
      // The form gives way to the whole family page: focus goes to the notice of the access
      // just granted, not to the top of the document.
      focusById(BREAK_GLASS_NOTICE_ID);
    },
    onError: (error) => setErrors(problemToErrors(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = BreakGlassRequest.safeParse({ reason });
    if (!parsed.success) {
      breakGlass.reset();
      setErrors(issuesToErrors(parsed.error.issues, t));
      return;
    }
    setErrors([]);
    breakGlass.mutate(parsed.data.reason);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <Alert variant="warning">
          <Heading level="2" size="small" spacing>
            {t('family.breakGlass.heading')}
          </Heading>
          <BodyLong spacing>{t('family.breakGlass.body')}</BodyLong>
          <BodyLong>{t('family.breakGlass.audit')}</BodyLong>
        </Alert>
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('family.breakGlass.reason')} />
        <FormProblem error={breakGlass.error} />
        <Textarea
          id={fieldId(formId, 'reason')}
          label={t('family.breakGlass.reason')}
          description={t('family.breakGlass.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          minRows={3}
          error={errorFor(errors, 'reason')}
        />
        <div>
          <Button type="submit" variant="danger" loading={breakGlass.isPending}>
            {t('family.breakGlass.submit')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
