import { BodyLong, Link, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from './PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <VStack gap="space-16" align="start">
      <PageHeading title={t('notFound.title')} />
      <BodyLong>{t('notFound.body')}</BodyLong>
      <Link as={RouterLink} to="/">
        {t('notFound.home')}
      </Link>
    </VStack>
  );
}
