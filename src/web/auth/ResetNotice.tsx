import { Alert, BodyLong, Button, Heading, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/auth/auth.contract';
import { api } from '../app/api';
import { formatDateTime } from '../app/format';
import { meKey } from '../app/session';

/**
 * Told once, in the first session after an administrator reset the account's password or
 * second factor (decision 0018): who and when, so a reset misused to get in is seen by the
 * account's holder. Stays on every page of the session until read.
 */
export function ResetNotice({ notice }: { notice: NonNullable<Me['resetNotice']> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => api.delete('/api/auth/reset-notice'),
    onSuccess: () =>
      queryClient.setQueryData<Me | null>(meKey, (me) => (me ? { ...me, resetNotice: null } : me)),
  });
  const by = notice.commandLine
    ? t('signIn.resetNotice.commandLine')
    : (notice.byName ?? t('signIn.resetNotice.unknownAdministrator'));
  return (
    <Alert variant="warning" className="sc-reset-notice">
      <VStack gap="space-8" align="start">
        <Heading level="2" size="small">
          {t('signIn.resetNotice.heading')}
        </Heading>
        <BodyLong>{t(`signIn.resetNotice.${notice.what}`, { by, date: formatDateTime(notice.at) })}</BodyLong>
        <BodyLong>{t('signIn.resetNotice.body')}</BodyLong>
        <Button size="small" variant="secondary" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
          {t('signIn.resetNotice.dismiss')}
        </Button>
      </VStack>
    </Alert>
  );
}
