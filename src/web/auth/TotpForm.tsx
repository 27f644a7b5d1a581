import { BodyLong, Button, HStack, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TotpBody } from '../../shared/auth/auth.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { useFieldErrors } from '../app/useFieldErrors';
import { useLanguageChange } from '../app/useLanguageChange';
import { verifySecondFactor } from './auth.api';

const formId = 'second-factor';

interface Props {
  onVerified: () => void;
  onCancel: () => void;
}

/** Second factor: the 6-digit code from the authenticator app, or one of the recovery codes. */
export function TotpForm({ onVerified, onCancel }: Props) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [errors, setErrors] = useFieldErrors();
  const field = useRecovery ? 'recoveryCode' : 'code';

  const verify = useMutation({
    mutationFn: verifySecondFactor,
    onSuccess: () => onVerified(),
    onError: (error) => {
      setValue('');
      setErrors(problemToErrors(error));
    },
  });

  // A server problem ("wrong code") came in the old language: clear it.
  useLanguageChange(() => {
    verify.reset();
    setErrors([]);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = value.replace(/\s/g, '');
    const parsed = TotpBody.safeParse(useRecovery ? { recoveryCode: input } : { code: input });
    if (!parsed.success) {
      verify.reset();
      setErrors(issuesToErrors(parsed.error.issues, t).map((e) => ({ ...e, field })));
      return;
    }
    setErrors([]);
    verify.mutate(parsed.data);
  }

  function toggle() {
    setUseRecovery((v) => !v);
    setValue('');
    setErrors([]);
    verify.reset();
  }

  const label = useRecovery ? t('signIn.totp.recoveryLabel') : t('signIn.totp.codeLabel');

  return (
    <form onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <BodyLong>{useRecovery ? t('signIn.totp.recoveryIntro') : t('signIn.totp.intro')}</BodyLong>
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => label} />
        <FormProblem error={verify.error} />
        {useRecovery ? (
          <TextField
            key="recovery"
            id={fieldId(formId, 'recoveryCode')}
            label={label}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={errorFor(errors, 'recoveryCode')}
          />
        ) : (
          <TextField
            key="code"
            id={fieldId(formId, 'code')}
            label={label}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            htmlSize={8}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={errorFor(errors, 'code')}
          />
        )}
        <HStack gap="space-16">
          <Button type="submit" loading={verify.isPending}>
            {t('signIn.totp.submit')}
          </Button>
          <Button type="button" variant="tertiary" onClick={toggle}>
            {useRecovery ? t('signIn.totp.useApp') : t('signIn.totp.useRecovery')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('signIn.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
