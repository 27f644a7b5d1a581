import { Alert, BodyLong, Button, HStack, Modal, Skeleton, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import {
  type AdminUser,
  leavesPairs,
  ResetPassword,
  SwitchToSso,
  type UpdateUser,
} from '../../shared/admin/users.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { fieldProps } from '../app/fieldProps';
import { useFocusFirstField } from '../app/focus';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/PageHeading';
import { Facts, focusSection, Section, SectionButton } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { departmentName } from '../team/unitNames';
import { ApprovalsSection, approvalsKey } from './Approvals';
import { editUserForm, isRole, type UserDraft, UserFields, useUserLabels } from './UserFields';
import { StatusTag } from './UsersPage';
import { adminApi, adminKeys, isApproval, useUser } from './users.api';

/** One account: its details, an edit form, and the access actions, each confirmed first. */
export function UserPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const [editing, setEditing] = useState(false);

  if (user.isPending) return <Skeleton variant="rectangle" height="12rem" />;
  if (!user.data) return <FormProblem error={user.error} />;
  const u = user.data;

  return (
    <VStack gap="space-32">
      <PageHeading title={u.displayName} />
      <Section
        id="account"
        title={t('users.details')}
        actions={
          !editing && <SectionButton onClick={() => setEditing(true)}>{t('users.edit')}</SectionButton>
        }
      >
        {editing ? (
          <EditForm
            user={u}
            onDone={() => {
              setEditing(false);
              focusSection('account');
            }}
          />
        ) : (
          <Facts
            items={[
              { label: t('users.fields.username'), value: u.username },
              { label: t('users.fields.email'), value: u.email ?? '–' },
              { label: t('users.fields.workPhone'), value: u.workPhone ?? '–' },
              { label: t('users.fields.role'), value: t(`enums.role.${u.role}`) },
              { label: t('users.fields.team'), value: u.team?.name ?? '–' },
              {
                label: t('users.fields.department'),
                value: u.department ? departmentName(t, u.department) : '–',
              },
              { label: t('users.columns.createdAt'), value: formatDate(u.createdAt) },
            ]}
          />
        )}
      </Section>
      <ApprovalsSection userId={u.id} />
      <AccessSection user={u} />
    </VStack>
  );
}

function draftOf(u: AdminUser): UserDraft {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email ?? '',
    workPhone: u.workPhone ?? '',
    role: u.role,
    teamId: u.team?.id ?? '',
    departmentId: u.department?.id ?? '',
    signIn: 'password',
    password: '',
    oidcSubject: '',
  };
}

function EditForm({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels = useUserLabels();
  const formId = 'edit-user';
  // The account as the form opened on it: what an edit is compared with and sent against.
  const [schema] = useState(() => editUserForm(draftOf(user), user.version));
  const { form, errors, showProblem } = useContractForm(schema, draftOf(user));
  const role = form.watch('role');
  const teamId = form.watch('teamId');
  const formRef = useFocusFirstField<HTMLFormElement>();

  const save = useMutation({
    mutationFn: (body: UpdateUser) => adminApi.updateUser(user.id, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(adminKeys.user(user.id), saved);
      await queryClient.invalidateQueries({ queryKey: adminKeys.users, exact: false });
      announce(t('forms.saved'));
      onDone();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });

  /** Someone saved meanwhile: load their version (this form's edits are dropped) and start over. */
  async function reload() {
    save.reset();
    await queryClient.invalidateQueries({ queryKey: adminKeys.user(user.id) });
    onDone();
  }

  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('users.editLabel')}>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        {isConflict(save.error) ? <ConflictAlert onReload={reload} /> : <FormProblem error={save.error} />}
        <UserFields
          formId={formId}
          form={form}
          errors={errors}
          isNew={false}
          roleLocked={!user.abilities.changeRole}
        />
        {user.pairFamilies > 0 &&
          (!isRole(role) ||
            leavesPairs({ teamId: user.team?.id ?? null }, { teamId: teamId || null, role })) && (
            <Alert variant="warning" size="small">
              {t('users.pairsEnd', { name: user.displayName, count: user.pairFamilies })}
            </Alert>
          )}
        <FormActions submit={t('users.save')} saving={save} onCancel={onDone} />
      </VStack>
    </form>
  );
}

type Action = 'disable' | 'enable' | 'password' | 'secondFactor' | 'sso';

/** Status, sign-in and second factor, with the actions that change them. */
function AccessSection({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const close = () => {
    setAction(null);
    focusSection('access');
  };
  return (
    <Section id="access" title={t('users.access')}>
      <Facts
        items={[
          { label: t('users.columns.status'), value: <StatusTag user={user} /> },
          {
            label: t('users.fields.signIn'),
            value: [user.hasPassword && t('users.signIn.password'), user.sso && t('users.signIn.sso')]
              .filter(Boolean)
              .join(', '),
          },
          {
            label: t('users.secondFactor'),
            // Without a password the identity provider does the second factor, not Staircase.
            value: !user.hasPassword
              ? t('users.secondFactorByProvider')
              : user.secondFactor
                ? t('users.secondFactorSet')
                : t('users.secondFactorNotSet'),
          },
        ]}
      />
      <HStack gap="space-16" wrap>
        {user.abilities.disable && (
          <Button type="button" variant="danger" size="small" onClick={() => setAction('disable')}>
            {t('users.disable')}
          </Button>
        )}
        {user.abilities.enable && (
          <Button type="button" variant="secondary" size="small" onClick={() => setAction('enable')}>
            {t('users.enable')}
          </Button>
        )}
        <Button type="button" variant="secondary" size="small" onClick={() => setAction('password')}>
          {t('users.setPassword')}
        </Button>
        {user.secondFactor && (
          <Button type="button" variant="secondary" size="small" onClick={() => setAction('secondFactor')}>
            {t('users.resetSecondFactor')}
          </Button>
        )}
        {user.abilities.switchToSso && (
          <Button type="button" variant="secondary" size="small" onClick={() => setAction('sso')}>
            {t('users.switchToSso')}
          </Button>
        )}
      </HStack>
      {action && <ActionModal user={user} action={action} onClose={close} />}
    </Section>
  );
}

const actionTexts: Record<Action, { heading: string; body: string; confirm: string; done: string }> = {
  disable: {
    heading: 'users.confirm.disableHeading',
    body: 'users.confirm.disableBody',
    confirm: 'users.confirm.disable',
    done: 'users.done.disabled',
  },
  enable: {
    heading: 'users.confirm.enableHeading',
    body: 'users.confirm.enableBody',
    confirm: 'users.confirm.enable',
    done: 'users.done.enabled',
  },
  password: {
    heading: 'users.confirm.passwordHeading',
    body: 'users.confirm.passwordBody',
    confirm: 'users.confirm.password',
    done: 'users.done.password',
  },
  secondFactor: {
    heading: 'users.confirm.secondFactorHeading',
    body: 'users.confirm.secondFactorBody',
    confirm: 'users.confirm.secondFactor',
    done: 'users.done.secondFactor',
  },
  sso: {
    heading: 'users.confirm.ssoHeading',
    body: 'users.confirm.ssoBody',
    confirm: 'users.confirm.sso',
    done: 'users.done.sso',
  },
};

/** Only the password or the subject an action asks for is checked, by its contract's rule. */
const actionForm = (action: Action) =>
  z.object({
    password: action === 'password' ? ResetPassword.shape.password : z.string(),
    oidcSubject: action === 'sso' ? SwitchToSso.shape.oidcSubject : z.string(),
  });

function ActionModal({ user, action, onClose }: { user: AdminUser; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [schema] = useState(() => actionForm(action));
  const { form, errors, showProblem } = useContractForm(schema, { password: '', oidcSubject: '' });
  const texts = actionTexts[action];
  const formId = 'user-action';
  const field = fieldProps(form, formId, errors);

  const run = useMutation({
    mutationFn: ({ password, oidcSubject }: { password: string; oidcSubject: string }) => {
      const version = { version: user.version };
      if (action === 'disable') return adminApi.disable(user.id, version);
      if (action === 'enable') return adminApi.enable(user.id, version);
      if (action === 'secondFactor') return adminApi.resetSecondFactor(user.id, version);
      if (action === 'sso') return adminApi.switchToSso(user.id, { ...version, oidcSubject });
      return adminApi.setPassword(user.id, { ...version, password });
    },
    onSuccess: async (saved) => {
      if (isApproval(saved)) {
        // A leader's or administrator's reset waits for a second administrator: shown on this page.
        await queryClient.invalidateQueries({ queryKey: approvalsKey });
        announce(t('approvals.requested', { name: user.displayName }));
      } else {
        queryClient.setQueryData(adminKeys.user(user.id), saved);
        await queryClient.invalidateQueries({ queryKey: adminKeys.users, exact: false });
        announce(t(texts.done, { name: user.displayName }));
      }
      onClose();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });

  const submit = form.handleSubmit(
    (body) => run.mutate(body),
    () => run.reset(),
  );

  return (
    <Modal
      open
      onClose={onClose}
      header={{ heading: t(texts.heading, { name: user.displayName }) }}
      width="medium"
    >
      <form onSubmit={submit} noValidate>
        <Modal.Body>
          <VStack gap="space-16">
            <BodyLong>{t(texts.body, { name: user.displayName })}</BodyLong>
            {action === 'disable' && user.pairFamilies > 0 && (
              <Alert variant="warning" size="small">
                {t('users.pairsEnd', { name: user.displayName, count: user.pairFamilies })}
              </Alert>
            )}
            <FormErrorSummary
              formId={formId}
              errors={errors}
              labelFor={(f) =>
                f === 'password'
                  ? t('users.fields.newPassword')
                  : f === 'oidcSubject'
                    ? t('users.fields.oidcSubject')
                    : undefined
              }
            />
            {isConflict(run.error) ? (
              <ConflictAlert
                onReload={async () => {
                  await queryClient.invalidateQueries({ queryKey: adminKeys.user(user.id) });
                  onClose();
                }}
              />
            ) : (
              <FormProblem error={run.error} />
            )}
            {action === 'password' && (
              <TextField
                label={t('users.fields.newPassword')}
                description={t('users.fields.passwordHint')}
                type="password"
                autoComplete="new-password"
                {...field('password')}
              />
            )}
            {action === 'sso' && (
              <TextField
                label={t('users.fields.oidcSubject')}
                description={t('users.fields.oidcSubjectRequiredHint')}
                autoComplete="off"
                {...field('oidcSubject')}
              />
            )}
          </VStack>
        </Modal.Body>
        <Modal.Footer>
          <Button type="submit" variant={action === 'enable' ? 'primary' : 'danger'} loading={run.isPending}>
            {t(texts.confirm)}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('forms.cancel')}
          </Button>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
