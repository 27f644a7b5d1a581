import { Radio, RadioGroup, Select, TextField, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { needsTeam, type SignInMethod } from '../../shared/admin/users.contract';
import { Role } from '../../shared/auth/auth.contract';
import { errorFor, type FieldError, fieldId } from '../app/forms';
import { departmentName } from '../team/unitNames';
import { useAdminTeams, useDepartments } from './users.api';

/** The account's fields as typed: strings, so an empty choice is '' until validated. */
export interface UserDraft {
  username: string;
  displayName: string;
  email: string;
  role: Role | '';
  teamId: string;
  departmentId: string;
  signIn: SignInMethod;
  password: string;
  oidcSubject: string;
}

export const emptyDraft: UserDraft = {
  username: '',
  displayName: '',
  email: '',
  role: '',
  teamId: '',
  departmentId: '',
  signIn: 'password',
  password: '',
  oidcSubject: '',
};

export function useUserLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    username: t('users.fields.username'),
    displayName: t('users.fields.displayName'),
    email: t('users.fields.email'),
    role: t('users.fields.role'),
    teamId: t('users.fields.team'),
    departmentId: t('users.fields.department'),
    signIn: t('users.fields.signIn'),
    password: t('users.fields.password'),
    oidcSubject: t('users.fields.oidcSubject'),
  };
}

interface Props {
  formId: string;
  draft: UserDraft;
  onChange: (draft: UserDraft) => void;
  errors: readonly FieldError[];
  /** A new account: username and the way to sign in are chosen once. */
  isNew: boolean;
  /** The role cannot be changed (the administrator's own account). */
  roleLocked?: boolean;
}

/** Name, e-mail, role, team and department — and for a new account username and sign-in. */
export function UserFields({ formId, draft, onChange, errors, isNew, roleLocked = false }: Props) {
  const { t } = useTranslation();
  const labels = useUserLabels();
  const teams = useAdminTeams();
  const departments = useDepartments();
  const set = (changes: Partial<UserDraft>) => onChange({ ...draft, ...changes });
  const team = draft.role !== '' && needsTeam(draft.role);
  const field = (name: keyof UserDraft) => ({ id: fieldId(formId, name), error: errorFor(errors, name) });

  return (
    <VStack gap="space-16">
      {isNew && (
        <TextField
          {...field('username')}
          label={labels.username}
          description={t('users.fields.usernameHint')}
          value={draft.username}
          onChange={(e) => set({ username: e.target.value })}
          autoComplete="off"
          htmlSize={30}
        />
      )}
      <TextField
        {...field('displayName')}
        label={labels.displayName}
        value={draft.displayName}
        onChange={(e) => set({ displayName: e.target.value })}
        autoComplete="off"
      />
      <TextField
        {...field('email')}
        label={labels.email}
        description={t('users.optional')}
        type="email"
        value={draft.email}
        onChange={(e) => set({ email: e.target.value })}
        autoComplete="off"
      />
      <Select
        {...field('role')}
        label={labels.role}
        description={roleLocked ? t('users.ownRoleHint') : undefined}
        value={draft.role}
        disabled={roleLocked}
        onChange={(e) => {
          const role = Role.safeParse(e.target.value).data ?? '';
          set(role !== '' && needsTeam(role) ? { role } : { role, teamId: '', departmentId: '' });
        }}
      >
        <option value="">{t('forms.choose')}</option>
        {Role.options.map((role) => (
          <option key={role} value={role}>
            {t(`enums.role.${role}`)}
          </option>
        ))}
      </Select>
      {team && (
        <>
          <Select
            {...field('teamId')}
            label={labels.teamId}
            value={draft.teamId}
            onChange={(e) => set({ teamId: e.target.value })}
          >
            <option value="">{teams.isPending ? t('common.loading') : t('forms.choose')}</option>
            {teams.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {t('users.teamOption', { team: item.name, area: item.area.name })}
              </option>
            ))}
          </Select>
          <Select
            {...field('departmentId')}
            label={labels.departmentId}
            description={t('users.optional')}
            value={draft.departmentId}
            onChange={(e) => set({ departmentId: e.target.value })}
          >
            <option value="">{t('users.noDepartment')}</option>
            {departments.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(t, d)}
              </option>
            ))}
          </Select>
        </>
      )}
      {isNew && (
        <>
          <RadioGroup
            {...field('signIn')}
            legend={labels.signIn}
            value={draft.signIn}
            onChange={(signIn: SignInMethod) => set({ signIn, password: '', oidcSubject: '' })}
          >
            <Radio value="password" description={t('users.signIn.passwordHint')}>
              {t('users.signIn.password')}
            </Radio>
            <Radio value="sso" description={t('users.signIn.ssoHint')}>
              {t('users.signIn.sso')}
            </Radio>
          </RadioGroup>
          {draft.signIn === 'password' ? (
            <TextField
              {...field('password')}
              label={labels.password}
              description={t('users.fields.passwordHint')}
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => set({ password: e.target.value })}
            />
          ) : (
            <TextField
              {...field('oidcSubject')}
              label={labels.oidcSubject}
              description={t('users.fields.oidcSubjectHint')}
              value={draft.oidcSubject}
              onChange={(e) => set({ oidcSubject: e.target.value })}
              autoComplete="off"
            />
          )}
        </>
      )}
    </VStack>
  );
}
