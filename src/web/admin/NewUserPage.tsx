import { BodyLong, Button, HStack, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { PageHeading } from '../app/PageHeading';
import { useContractForm } from '../app/useContractForm';
import { emptyDraft, NewUserForm, UserFields, useUserLabels } from './UserFields';
import { adminApi, adminKeys } from './users.api';

const formId = 'new-user';

/** A new account: with an initial password (checked against breached passwords) or for single sign-on. */
export function NewUserPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const labels = useUserLabels();
  const { form, errors, showProblem } = useContractForm(NewUserForm, emptyDraft);

  const create = useMutation({
    mutationFn: adminApi.createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      queryClient.setQueryData(adminKeys.user(user.id), user);
      announce(t('users.created', { name: user.displayName }));
      navigate(`/admin/users/${user.id}`);
    },
    onError: showProblem,
  });

  const submit = form.handleSubmit(
    (body) => create.mutate(body),
    () => create.reset(),
  );

  return (
    <VStack gap="space-24">
      <PageHeading title={t('users.newTitle')} />
      <BodyLong>{t('users.newIntro')}</BodyLong>
      <form onSubmit={submit} noValidate>
        <VStack gap="space-16" className="sc-form-narrow">
          <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field]} />
          <FormProblem error={create.error} />
          <UserFields formId={formId} form={form} errors={errors} isNew />
          <HStack gap="space-16">
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
            <Button as={RouterLink} to="/admin/users" variant="tertiary">
              {t('forms.cancel')}
            </Button>
          </HStack>
        </VStack>
      </form>
    </VStack>
  );
}
