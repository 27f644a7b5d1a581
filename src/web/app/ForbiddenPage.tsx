import { BodyLong, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from './PageHeading';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <VStack gap="space-16" align="start">
      <PageHeading title={t('forbidden.title')} />
      <BodyLong>{t('forbidden.body')}</BodyLong>
    </VStack>
  );
}
