import { BodyLong, Button, HStack, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { CreateUser } from '../../shared/admin/users.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { issuesToErrors, problemToErrors } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { useFieldErrors } from '../app/useFieldErrors';
import { emptyDraft, type UserDraft, UserFields, useUserLabels } from './UserFields';
import { adminApi, adminKeys } from './users.api';

const formId = 'new-user';

/** The draft as the contract's input: empty optional choices left out. */
export function createInput(d: UserDraft) {
  return {
    username: d.username,
    displayName: d.displayName,
    email: d.email,
    role: d.role,
    teamId: d.teamId || null,
    departmentId: d.departmentId || null,
    signIn: d.signIn,
    ...(d.signIn === 'password' ? { password: d.password } : { oidcSubject: d.oidcSubject }),
  };
}

/** A new account: with an initial password (checked against breached passwords) or for single sign-on. */
export function NewUserPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const labels = useUserLabels();
  const [draft, setDraft] = useState<UserDraft>(emptyDraft);
  const [errors, setErrors] = useFieldErrors();

  const create = useMutation({
    mutationFn: adminApi.createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      queryClient.setQueryData(adminKeys.user(user.id), user);
      announce(t('users.created', { name: user.displayName }));
      navigate(`/admin/users/${user.id}`);
    },
    onError: (error) => setErrors(problemToErrors(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = createInput(draft);
    const parsed = CreateUser.safeParse(input);
    if (!parsed.success) {
      create.reset();
      setErrors(issuesToErrors(parsed.error.issues, t, '', input));
      return;
    }
    setErrors([]);
    create.mutate(input as CreateUser);
  }

  return (
    <VStack gap="space-24">
      <PageHeading title={t('users.newTitle')} />
      <BodyLong>{t('users.newIntro')}</BodyLong>
      <form onSubmit={submit} noValidate>
        <VStack gap="space-16" className="sc-form-narrow">
          <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field]} />
          <FormProblem error={create.error} />
          <UserFields formId={formId} draft={draft} onChange={setDraft} errors={errors} isNew />
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
