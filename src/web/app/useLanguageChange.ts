import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Runs `onChange` when the UI language changes. Server problems arrive already translated
 * (problem titles and field messages carry no i18n key), so a page that shows one clears it
 * here instead of leaving a sentence in the old language under new labels.
 */
export function useLanguageChange(onChange: () => void): void {
  const { i18n } = useTranslation();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const handler = () => latest.current();
    i18n.on('languageChanged', handler);
    return () => i18n.off('languageChanged', handler);
  }, [i18n]);
}
