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

type CodeField = 'code' | 'recoveryCode';

/**
 * The one code asked for, as the contract takes it: codes are read off a screen and typed with
 * spaces, so those go first; the contract's issues keep the field's name.
 */
const codeForm = (field: CodeField) =>
  z
    .object({ code: z.string(), recoveryCode: z.string() })
    .transform((typed) => ({ [field]: typed[field].replace(/\s/g, '') }))
    .pipe(TotpBody);

interface Props {
  onVerified: () => void;
  onCancel: () => void;
}

/** Second factor: the 6-digit code from the authenticator app, or one of the recovery codes. */
export function TotpForm(props: Props) {
  const [useRecovery, setUseRecovery] = useState(false);
  // A fresh form per kind of code: switching clears what was typed and its errors.
  return (
    <CodeEntry
      key={useRecovery ? 'recovery' : 'code'}
      {...props}
      recovery={useRecovery}
      onToggle={() => setUseRecovery((v) => !v)}
    />
  );
}

function CodeEntry({
  onVerified,
  onCancel,
  recovery,
  onToggle,
}: Props & { recovery: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const field: CodeField = recovery ? 'recoveryCode' : 'code';
  const [schema] = useState(() => codeForm(field));
  const { form, errors, showProblem } = useContractForm(schema, { code: '', recoveryCode: '' });

  const verify = useMutation({
    mutationFn: verifySecondFactor,
    onSuccess: () => onVerified(),
    onError: (error) => {
      form.setValue(field, '');
      showProblem(error);
    },
  });

  // A server problem ("wrong code") came in the old language: clear it.
  useLanguageChange(() => {
    verify.reset();
    form.clearErrors();
  });

  const submit = form.handleSubmit(
    (body) => verify.mutate(body),
    () => verify.reset(),
  );

  const label = recovery ? t('signIn.totp.recoveryLabel') : t('signIn.totp.codeLabel');
  const input = {
    id: fieldId(formId, field),
    label,
    ...form.register(field),
    error: errorFor(errors, field),
  };

  return (
    <form onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <BodyLong>{recovery ? t('signIn.totp.recoveryIntro') : t('signIn.totp.intro')}</BodyLong>
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => label} />
        <FormProblem error={verify.error} />
        {recovery ? (
          <TextField {...input} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        ) : (
          <TextField {...input} autoComplete="one-time-code" inputMode="numeric" maxLength={6} htmlSize={8} />
        )}
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
