import { Button, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginBody, type SignInStage } from '../../shared/auth/auth.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById } from '../app/focus';
import { errorFor, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { useFieldErrors } from '../app/useFieldErrors';
import { useLanguageChange } from '../app/useLanguageChange';
import { signIn } from './auth.api';

const formId = 'sign-in';

/** First factor: username and password. */
export function PasswordForm({ onSignedIn }: { onSignedIn: (stage: SignInStage) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useFieldErrors();

  const login = useMutation({
    mutationFn: (body: { username: string; password: string }) => signIn(body.username, body.password),
    onSuccess: (result) => onSignedIn(result.stage),
    onError: (error) => {
      setPassword('');
      setErrors(problemToErrors(error));
      // "Wrong username or password" is read out by its alert; the keyboard waits in the
      // emptied password field for the next try, not at the top of the page.
      focusById(fieldId(formId, 'password'));
    },
  });

  // A server problem ("wrong username or password") came in the old language: clear it.
  useLanguageChange(() => {
    login.reset();
    setErrors([]);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = LoginBody.safeParse({ username, password });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t));
      return;
    }
    setErrors([]);
    login.mutate(parsed.data);
  }

  const labels: Record<string, string> = { username: t('signIn.username'), password: t('signIn.password') };

  return (
    <form onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={login.error} />
        <TextField
          id={fieldId(formId, 'username')}
          label={labels.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errorFor(errors, 'username')}
        />
        <TextField
          id={fieldId(formId, 'password')}
          label={labels.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor(errors, 'password')}
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
