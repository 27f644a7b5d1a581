import { Alert } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** Explains a failed request: the server's translated problem title, or a generic network message. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiError
      ? [error.problem.title, error.problem.detail].filter(Boolean).join(' – ')
      : t('common.networkError');
  return (
    <Alert variant="error" role="alert">
      {message}
    </Alert>
  );
}

/** A form's failure that names no field (e.g. wrong password, conflict): field errors go in the summary. */
export function FormProblem({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0) return null;
  return <ErrorAlert error={error} />;
}
