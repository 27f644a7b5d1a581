import { Alert, BodyLong, Button, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';

/** A 409: someone saved a newer version meanwhile. Offers to load it (the user's edits are lost). */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert variant="warning" role="alert">
      <VStack gap="space-8" align="start">
        <BodyLong>{t('forms.conflict')}</BodyLong>
        <Button type="button" size="small" variant="secondary" onClick={onReload}>
          {t('forms.reload')}
        </Button>
      </VStack>
    </Alert>
  );
}
