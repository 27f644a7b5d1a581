import { ErrorSummary } from '@navikt/ds-react';
import type React from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldError, fieldId } from './forms';

interface Props {
  formId: string;
  errors: readonly FieldError[];
  /** The visible label of a field, so each summary line says which field it is about. */
  labelFor?: (field: string) => string | undefined;
}

/** Moves focus to the field itself (a plain hash link would only scroll, and would touch the URL). */
function focusField(id: string) {
  return (event: React.MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  };
}

/** Aksel ErrorSummary at the top of a form, linking to each field in error; focused when shown. */
export function FormErrorSummary({ formId, errors, labelFor }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;
  return (
    <ErrorSummary ref={ref} heading={t('forms.errorSummaryHeading')}>
      {errors.map((error) => {
        const label = labelFor?.(error.field);
        const id = fieldId(formId, error.field);
        return (
          <ErrorSummary.Item key={error.field || error.message} href={`#${id}`} onClick={focusField(id)}>
            {label ? t('forms.fieldError', { label, message: error.message }) : error.message}
          </ErrorSummary.Item>
        );
      })}
    </ErrorSummary>
  );
}
