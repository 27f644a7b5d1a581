import { BodyLong, BodyShort, Button, HStack, Skeleton, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AddAllowedOrigin, AllowedOrigin, AllowedOriginList } from '../../shared/admin/origins.contract';
import { announce } from '../app/Announcer';
import { api } from '../app/api';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId } from '../app/forms';
import { Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';

const key = ['admin', 'allowed-origins'] as const;
const formId = 'allowed-origin';

/**
 * Other addresses (origins) from which this municipality's users may save, besides the address
 * Staircase is set up with: a second address of the same installation. Each added or removed
 * origin takes effect at once on this server (within 30 s on others) and is audited.
 */
export function AllowedOriginsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const origins = useQuery({
    queryKey: key,
    queryFn: () => api.get('/api/admin/allowed-origins', AllowedOriginList),
  });
  const { form, errors, showProblem } = useContractForm(AddAllowedOrigin, { origin: '' });
  const add = useMutation({
    mutationFn: (body: AddAllowedOrigin) => api.post('/api/admin/allowed-origins', body, AllowedOrigin),
    onSuccess: async (added) => {
      await queryClient.invalidateQueries({ queryKey: key });
      form.reset({ origin: '' });
      announce(t('allowedOrigins.added', { origin: added.origin }));
    },
    onError: showProblem,
  });
  const remove = useMutation({
    mutationFn: (origin: AllowedOrigin) => api.delete(`/api/admin/allowed-origins/${origin.id}`),
    onSuccess: async (_done, origin) => {
      await queryClient.invalidateQueries({ queryKey: key });
      announce(t('allowedOrigins.removed', { origin: origin.origin }));
    },
  });

  // The origin as typed: the server stores it as an origin (the contract's transform).
  const submit = form.handleSubmit(
    () => add.mutate({ origin: form.getValues('origin') }),
    () => add.reset(),
  );

  return (
    <Section id="allowed-origins" title={t('allowedOrigins.title')}>
      <BodyLong>{t('allowedOrigins.intro')}</BodyLong>
      <FormProblem error={origins.error ?? remove.error} />
      {origins.isPending ? (
        <Skeleton variant="rectangle" height="3rem" />
      ) : origins.data?.items.length ? (
        <ul className="sc-plain-list" aria-label={t('allowedOrigins.title')}>
          {origins.data.items.map((origin) => (
            <li key={origin.id}>
              <HStack gap="space-16" align="center" wrap>
                <BodyShort>
                  <code>{origin.origin}</code>
                </BodyShort>
                <Button
                  type="button"
                  size="small"
                  variant="tertiary"
                  data-color="danger"
                  loading={remove.isPending && remove.variables?.id === origin.id}
                  onClick={() => remove.mutate(origin)}
                >
                  {t('allowedOrigins.remove', { origin: origin.origin })}
                </Button>
              </HStack>
            </li>
          ))}
        </ul>
      ) : (
        <BodyShort>{t('allowedOrigins.none')}</BodyShort>
      )}
      <form onSubmit={submit} noValidate aria-label={t('allowedOrigins.add')}>
        <VStack gap="space-16" className="sc-form-narrow">
          <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('allowedOrigins.origin')} />
          <FormProblem error={add.error} />
          <TextField
            id={fieldId(formId, 'origin')}
            label={t('allowedOrigins.origin')}
            description={t('allowedOrigins.originHint')}
            {...form.register('origin')}
            error={errorFor(errors, 'origin')}
            autoComplete="off"
            inputMode="url"
          />
          <div>
            <Button type="submit" variant="secondary" loading={add.isPending}>
              {t('allowedOrigins.add')}
            </Button>
          </div>
        </VStack>
      </form>
    </Section>
  );
}
