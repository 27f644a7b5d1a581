import { HStack, Loader } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';

/** A centred spinner while a page's data loads; announced to screen readers by its title. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <HStack justify="center" padding="space-32" role="status">
      <Loader size="2xlarge" title={t('common.loading')} />
    </HStack>
  );
}
