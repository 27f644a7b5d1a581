import { BodyLong, Label, List, Skeleton, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EnrolmentConfirm } from '../../shared/auth/auth.contract';
import { ErrorAlert, FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import { useLanguageChange } from '../app/useLanguageChange';
import { confirmEnrolment, useEnrolment } from './auth.api';

const formId = 'enrolment';

/** The code is read off a screen and may be typed with spaces; the contract takes it without. */
const ConfirmForm = z
  .object({ code: z.string().transform((s) => s.replace(/\s/g, '')) })
  .pipe(EnrolmentConfirm);

interface Props {
  onEnrolled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** "ABCD EFGH …": easier to type from the screen. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Sets up the second factor: scan the QR code (or type the secret), then confirm with a code. */
export function EnrolmentForm({ onEnrolled, onCancel }: Props) {
  const { t } = useTranslation();
  const enrolment = useEnrolment();
  const { form, errors, showProblem } = useContractForm(ConfirmForm, { code: '' });

  const confirm = useMutation({
    mutationFn: confirmEnrolment,
    onSuccess: (result) => onEnrolled(result.recoveryCodes),
    onError: (error) => {
      form.setValue('code', '');
      showProblem(error);
    },
  });

  // Server problems came in the old language: clear them, and ask again for a failed enrolment.
  useLanguageChange(() => {
    confirm.reset();
    form.clearErrors();
    if (enrolment.isError) void enrolment.refetch();
  });

  const submit = form.handleSubmit(
    (body) => confirm.mutate(body.code),
    () => confirm.reset(),
  );

  const label = t('signIn.enrol.codeLabel');

  return (
    <VStack gap="space-24">
      <BodyLong>{t('signIn.enrol.intro')}</BodyLong>
      <List as="ol">
        <List.Item>{t('signIn.enrol.stepApp')}</List.Item>
        <List.Item>{t('signIn.enrol.stepScan')}</List.Item>
        <List.Item>{t('signIn.enrol.stepCode')}</List.Item>
      </List>
      {enrolment.isPending && <Skeleton variant="rectangle" width={200} height={200} />}
      {enrolment.isError && <ErrorAlert error={enrolment.error} />}
      {enrolment.data && (
        <VStack gap="space-8">
          <img
            className="sc-qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.data.qrSvg)}`}
            alt={t('signIn.enrol.qrAlt')}
            width={200}
            height={200}
          />
          <Label as="p">{t('signIn.enrol.secretLabel')}</Label>
          <BodyLong className="sc-code">{groupSecret(enrolment.data.secret)}</BodyLong>
        </VStack>
      )}
      <form onSubmit={submit} noValidate>
        <VStack gap="space-16" className="sc-form-narrow">
          <FormErrorSummary formId={formId} errors={errors} labelFor={() => label} />
          <FormProblem error={confirm.error} />
          <TextField
            id={fieldId(formId, 'code')}
            label={label}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            htmlSize={8}
            {...form.register('code')}
            error={errorFor(errors, 'code')}
          />
          <FormActions
            submit={t('signIn.enrol.submit')}
            saving={confirm}
            disabled={!enrolment.data}
            onCancel={onCancel}
            cancelLabel={t('signIn.cancel')}
          />
        </VStack>
      </form>
    </VStack>
  );
}
