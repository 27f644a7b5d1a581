import { Button, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoginBody, type SignInStage } from '../../shared/auth/auth.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { fieldProps } from '../app/fieldProps';
import { focusById } from '../app/focus';
import { fieldId } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import { useLanguageChange } from '../app/useLanguageChange';
import { signIn } from './auth.api';

const formId = 'sign-in';

/** First factor: username and password. */
export function PasswordForm({ onSignedIn }: { onSignedIn: (stage: SignInStage) => void }) {
  const { t } = useTranslation();
  const { form, errors, showProblem } = useContractForm(LoginBody, { username: '', password: '' });
  const field = fieldProps(form, formId, errors);

  const login = useMutation({
    mutationFn: (body: { username: string; password: string }) => signIn(body.username, body.password),
    onSuccess: (result) => onSignedIn(result.stage),
    onError: (error) => {
      form.setValue('password', '');
      showProblem(error);
      // "Wrong username or password" is read out by its alert; the keyboard waits in the
      // emptied password field for the next try, not at the top of the page.
      focusById(fieldId(formId, 'password'));
    },
  });

  // A server problem ("wrong username or password") came in the old language: clear it.
  useLanguageChange(() => {
    login.reset();
    form.clearErrors();
  });

  const submit = form.handleSubmit((body) => login.mutate(body));

  const labels: Record<string, string> = { username: t('signIn.username'), password: t('signIn.password') };

  return (
    <form onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={login.error} />
        <TextField
          label={labels.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...field('username')}
        />
        <TextField
          label={labels.password}
          type="password"
          autoComplete="current-password"
          {...field('password')}
        />
        <div>
          <Button type="submit" loading={login.isPending}>
            {t('signIn.submit')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}
