import { InternalHeader } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/common/common.contract';
import { api } from './api';
import { changeLocale, currentLocale } from './i18n';

/** Switches between Danish and English; saves the choice on the device and, when signed in, for the user. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const other: Locale = currentLocale() === 'da' ? 'en' : 'da';

  async function switchLanguage() {
    await changeLocale(other);
    if (signedIn) await api.put('/api/auth/locale', { locale: other }).catch(() => undefined);
  }

  return (
    <InternalHeader.Button type="button" onClick={switchLanguage} aria-label={t('shell.switchLanguage')}>
      <span lang={other}>{t('shell.otherLanguage')}</span>
    </InternalHeader.Button>
  );
}
