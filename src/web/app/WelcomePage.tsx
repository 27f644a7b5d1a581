import { BodyLong, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { useMe } from './auth';
import { PageHeading } from './PageHeading';

/** For roles with no case work in this version (analysts): says so instead of an empty page. */
export function WelcomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <VStack gap="space-16" align="start">
      <PageHeading title={t('welcome.title', { name: me.displayName })} />
      <BodyLong>{t('welcome.body')}</BodyLong>
    </VStack>
  );
}
