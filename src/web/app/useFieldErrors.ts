import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from './forms';
import { useLanguageChange } from './useLanguageChange';

/**
 * A form's field errors, translated again when the language changes: without it, switching to
 * English under a Danish error summary left "Postnummer: Must be a four-digit postal code".
 * An error whose key the web app does not know keeps the server's words.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const { i18n } = useTranslation();
  useLanguageChange(() =>
    setErrors((current) =>
      current.length === 0
        ? current
        : current.map((e) => (e.key && i18n.exists(e.key) ? { ...e, message: i18n.t(e.key) } : e)),
    ),
  );
  return [errors, setErrors] as const;
}
