import { Alert, BodyLong, BodyShort, Button, Heading, List, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Me, RESET_NOTICE_DAYS } from '../../shared/auth/auth.contract';
import { api } from '../app/api';
import { focusById } from '../app/focus';
import { formatDateTime } from '../app/format';
import { meKey } from '../app/session';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Shown at every sign-in for RESET_NOTICE_DAYS days after an administrator reset the account's
 * password or second factor, or moved it to single sign-on (decision 0018): who and when, and the
 * account's sign-ins since, so a reset misused to get in is seen by the account's holder even if
 * the one who made it signed in first. Hidden for the rest of the session when dismissed.
 */
export function ResetNotice({ notice }: { notice: NonNullable<Me['resetNotice']> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signInsId = useId();
  const dismiss = useMutation({
    mutationFn: () => api.delete('/api/auth/reset-notice'),
    onSuccess: () => {
      queryClient.setQueryData<Me | null>(meKey, (me) => (me ? { ...me, resetNotice: null } : me));
      // The button goes with the notice: focus moves on to the page's content, not to <body>.
      focusById('main');
    },
  });
  const by = notice.commandLine
    ? t('signIn.resetNotice.commandLine')
    : (notice.byName ?? t('signIn.resetNotice.unknownAdministrator'));
  const until = new Date(Date.parse(notice.at) + RESET_NOTICE_DAYS * DAY_MS).toISOString();
  return (
    <Alert variant="warning" className="sc-reset-notice">
      <VStack gap="space-8" align="start">
        <Heading level="2" size="small">
          {t('signIn.resetNotice.heading')}
        </Heading>
        <BodyLong>{t(`signIn.resetNotice.${notice.what}`, { by, date: formatDateTime(notice.at) })}</BodyLong>
        {notice.signIns.length > 0 && (
          <div>
            <Heading level="3" size="xsmall" id={signInsId}>
              {t('signIn.resetNotice.signIns')}
            </Heading>
            <List size="small" aria-labelledby={signInsId}>
              {notice.signIns.map((signIn) => (
                <List.Item key={signIn.at}>
                  {t('signIn.resetNotice.signIn', {
                    date: formatDateTime(signIn.at),
                    method: t(`signIn.resetNotice.method.${signIn.method}`),
                  })}
                </List.Item>
              ))}
            </List>
            {notice.signInsTotal > notice.signIns.length && (
              <BodyShort size="small">
                {t('signIn.resetNotice.moreSignIns', { count: notice.signInsTotal - notice.signIns.length })}
              </BodyShort>
            )}
          </div>
        )}
        <BodyLong>{t('signIn.resetNotice.body')}</BodyLong>
        <BodyLong size="small">
          {t('signIn.resetNotice.shownUntil', { date: formatDateTime(until) })}
        </BodyLong>
        <Button size="small" variant="secondary" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
          {t('signIn.resetNotice.dismiss')}
        </Button>
      </VStack>
    </Alert>
  );
}
