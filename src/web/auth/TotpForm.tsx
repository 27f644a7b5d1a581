import { BodyLong, Button, HStack, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TotpBody } from '../../shared/auth/auth.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import { useLanguageChange } from '../app/useLanguageChange';
import { verifySecondFactor } from './auth.api';

const formId = 'second-factor';

/** Codes are read off a screen and typed with spaces; the contract takes them without. */
const spaceless = z.string().transform((s) => s.replace(/\s/g, ''));
const CodeForm = z.object({ code: spaceless.pipe(TotpBody.shape.code.unwrap()) });
const RecoveryForm = z.object({ recoveryCode: spaceless.pipe(TotpBody.shape.recoveryCode.unwrap()) });

interface Props {
  onVerified: () => void;
  onCancel: () => void;
}

/** Second factor: the 6-digit code from the authenticator app, or one of the recovery codes. */
export function TotpForm({ onVerified, onCancel }: Props) {
  const [useRecovery, setUseRecovery] = useState(false);
  // A fresh form per kind of code: switching clears what was typed and its errors.
  return useRecovery ? (
    <RecoveryCodeForm
      key="recovery"
      onVerified={onVerified}
      onCancel={onCancel}
      onToggle={() => setUseRecovery(false)}
    />
  ) : (
    <AppCodeForm
      key="code"
      onVerified={onVerified}
      onCancel={onCancel}
      onToggle={() => setUseRecovery(true)}
    />
  );
}

interface FormProps extends Props {
  onToggle: () => void;
}

function AppCodeForm(props: FormProps) {
  const { t } = useTranslation();
  const { form, errors, showProblem } = useContractForm(CodeForm, { code: '' });
  const verify = useVerify(props.onVerified, () => form.setValue('code', ''), showProblem, form.clearErrors);
  return (
    <CodeFormLayout
      {...props}
      recovery={false}
      errors={errors}
      verify={verify}
      submit={form.handleSubmit(
        (body) => verify.mutate(body),
        () => verify.reset(),
      )}
    >
      <TextField
        id={fieldId(formId, 'code')}
        label={t('signIn.totp.codeLabel')}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        htmlSize={8}
        {...form.register('code')}
        error={errorFor(errors, 'code')}
      />
    </CodeFormLayout>
  );
}

function RecoveryCodeForm(props: FormProps) {
  const { t } = useTranslation();
  const { form, errors, showProblem } = useContractForm(RecoveryForm, { recoveryCode: '' });
  const verify = useVerify(
    props.onVerified,
    () => form.setValue('recoveryCode', ''),
    showProblem,
    form.clearErrors,
  );
  return (
    <CodeFormLayout
      {...props}
      recovery
      errors={errors}
      verify={verify}
      submit={form.handleSubmit(
        (body) => verify.mutate(body),
        () => verify.reset(),
      )}
    >
      <TextField
        id={fieldId(formId, 'recoveryCode')}
        label={t('signIn.totp.recoveryLabel')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...form.register('recoveryCode')}
        error={errorFor(errors, 'recoveryCode')}
      />
    </CodeFormLayout>
  );
}

function useVerify(
  onVerified: () => void,
  clearCode: () => void,
  showProblem: (error: unknown) => boolean,
  clearErrors: () => void,
) {
  const verify = useMutation({
    mutationFn: verifySecondFactor,
    onSuccess: () => onVerified(),
    onError: (error) => {
      clearCode();
      showProblem(error);
    },
  });
  // A server problem ("wrong code") came in the old language: clear it.
  useLanguageChange(() => {
    verify.reset();
    clearErrors();
  });
  return verify;
}

function CodeFormLayout({
  recovery,
  errors,
  verify,
  submit,
  onToggle,
  onCancel,
  children,
}: FormProps & {
  recovery: boolean;
  errors: ReturnType<typeof useContractForm>['errors'];
  verify: ReturnType<typeof useVerify>;
  submit: React.FormEventHandler<HTMLFormElement>;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const label = recovery ? t('signIn.totp.recoveryLabel') : t('signIn.totp.codeLabel');
  return (
    <form onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <BodyLong>{recovery ? t('signIn.totp.recoveryIntro') : t('signIn.totp.intro')}</BodyLong>
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => label} />
        <FormProblem error={verify.error} />
        {children}
        <HStack gap="space-16">
          <Button type="submit" loading={verify.isPending}>
            {t('signIn.totp.submit')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onToggle}>
            {recovery ? t('signIn.totp.useApp') : t('signIn.totp.useRecovery')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('signIn.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
