import { Alert, BodyShort, Button, Checkbox, CopyButton, HStack, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedCreated } from '../../shared/journal/appointments.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { formatDateTime } from '../app/format';
import { Section } from '../app/Section';
import { appointmentKeys, appointmentsApi, useCalendarFeed } from './appointments.api';

/**
 * The person's calendar feed (decision 0038): create or replace its secret address (shown this
 * once, with a copy button), opt in to details, revoke it.
 */
export function AppointmentsFeed() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useCalendarFeed();
  const [details, setDetails] = useState(false);
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: appointmentKeys.feed });
  const create = useMutation({
    mutationFn: () => appointmentsApi.createFeed({ details }),
    onSuccess: async (made) => {
      setCreated(made);
      announce(t('appointments.feed.urlOnce'));
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: () => appointmentsApi.revokeFeed(),
    onSuccess: async () => {
      setCreated(null);
      announce(t('appointments.feed.revoked'));
      await refresh();
    },
  });
  const status = feed.data;
  return (
    <Section id="calendar-feed" title={t('appointments.feed.title')}>
      <BodyShort>{t('appointments.feed.intro')}</BodyShort>
      <FormProblem error={feed.error ?? create.error ?? revoke.error} />
      {status && (
        <BodyShort>
          {status.active
            ? t(status.details ? 'appointments.feed.activeDetails' : 'appointments.feed.active', {
                date: formatDateTime(status.createdAt),
              })
            : t('appointments.feed.inactive')}
        </BodyShort>
      )}
      {created && (
        <Alert variant="success" size="small">
          <VStack gap="space-8">
            <BodyShort>{t('appointments.feed.urlOnce')}</BodyShort>
            <HStack gap="space-8" align="end" wrap>
              <TextField
                label={t('appointments.feed.url')}
                value={created.url}
                readOnly
                size="small"
                htmlSize={48}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton
                copyText={created.url}
                text={t('appointments.feed.copy')}
                activeText={t('appointments.feed.copied')}
                size="small"
                variant="action"
              />
            </HStack>
          </VStack>
        </Alert>
      )}
      <VStack gap="space-8" className="sc-form-narrow">
        <Checkbox checked={details} onChange={(e) => setDetails(e.target.checked)}>
          {t('appointments.feed.details')}
        </Checkbox>
        <HStack gap="space-8" wrap>
          <Button type="button" size="small" loading={create.isPending} onClick={() => create.mutate()}>
            {status?.active ? t('appointments.feed.rotate') : t('appointments.feed.create')}
          </Button>
          {status?.active && (
            <Button
              type="button"
              size="small"
              variant="secondary"
              loading={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('appointments.feed.revoke')}
            </Button>
          )}
        </HStack>
      </VStack>
    </Section>
  );
}
