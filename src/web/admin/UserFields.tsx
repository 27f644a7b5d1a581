import { Radio, RadioGroup, Select, TextField, VStack } from '@navikt/ds-react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CreateUser, needsTeam, type SignInMethod, UpdateUser } from '../../shared/admin/users.contract';
import { Role } from '../../shared/auth/auth.contract';
import { EnumOptions } from '../app/EnumOptions';
import { changedFields, errorFor, type FieldError, fieldId } from '../app/forms';
import { departmentName } from '../team/unitNames';
import { useAdminTeams, useDepartments } from './users.api';

export const emptyDraft: UserDraft = {
  username: '',
  displayName: '',
  email: '',
  workPhone: '',
  role: '',
  teamId: '',
  departmentId: '',
  signIn: 'password',
  password: '',
  oidcSubject: '',
};

export const isRole = (value: string): value is Role => (Role.options as readonly string[]).includes(value);

/** The draft as the form holds it (choices as text, '' for none). */
const DraftSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  workPhone: z.string(),
  role: z.string(),
  teamId: z.string(),
  departmentId: z.string(),
  signIn: z.enum(['password', 'sso']),
  password: z.string(),
  oidcSubject: z.string(),
});

/** The account's fields as typed: strings, so an empty choice is '' until validated. */
export type UserDraft = z.input<typeof DraftSchema>;

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

/** A new account's form: the draft, checked by the contract the server uses (CreateUser). */
export const NewUserForm = DraftSchema.transform((d) => createInput(d) as z.input<typeof CreateUser>).pipe(
  CreateUser,
);

/** The fields an edit may change, as the contract's input. */
export const editable = (d: UserDraft) => ({
  displayName: d.displayName,
  email: d.email,
  workPhone: d.workPhone,
  role: d.role,
  teamId: d.teamId || null,
  departmentId: d.departmentId || null,
});

/**
 * An edit's form: only what changed from `base` is sent (and checked), with the version the
 * form opened on, so a colleague's change to another field is not overwritten.
 */
export function editUserForm(base: UserDraft, version: number) {
  return DraftSchema.transform(
    (d) => ({ version, ...changedFields(editable(base), editable(d)) }) as z.input<typeof UpdateUser>,
  ).pipe(UpdateUser);
}

export function useUserLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    username: t('users.fields.username'),
    displayName: t('users.fields.displayName'),
    email: t('users.fields.email'),
    workPhone: t('users.fields.workPhone'),
    role: t('users.fields.role'),
    teamId: t('users.fields.team'),
    departmentId: t('users.fields.department'),
    signIn: t('users.fields.signIn'),
    password: t('users.fields.password'),
    oidcSubject: t('users.fields.oidcSubject'),
  };
}

interface Props<Parsed> {
  formId: string;
  form: UseFormReturn<UserDraft, unknown, Parsed>;
  errors: readonly FieldError[];
  /** A new account: username and the way to sign in are chosen once. */
  isNew: boolean;
  /** The role cannot be changed (the administrator's own account). */
  roleLocked?: boolean;
}

/** Name, e-mail, role, team and department — and for a new account username and sign-in. */
export function UserFields<Parsed>({ formId, form, errors, isNew, roleLocked = false }: Props<Parsed>) {
  const { t } = useTranslation();
  const labels = useUserLabels();
  const teams = useAdminTeams();
  const departments = useDepartments();
  const role = form.watch('role');
  const signIn = form.watch('signIn');
  const team = isRole(role) && needsTeam(role);
  const field = (name: keyof UserDraft) => ({ id: fieldId(formId, name), error: errorFor(errors, name) });

  return (
    <VStack gap="space-16">
      {isNew && (
        <TextField
          {...field('username')}
          label={labels.username}
          description={t('users.fields.usernameHint')}
          {...form.register('username')}
          autoComplete="off"
          htmlSize={30}
        />
      )}
      <TextField
        {...field('displayName')}
        label={labels.displayName}
        {...form.register('displayName')}
        autoComplete="off"
      />
      <TextField
        {...field('email')}
        label={labels.email}
        description={t('users.optional')}
        type="email"
        {...form.register('email')}
        autoComplete="off"
      />
      {!isNew && (
        <TextField
          {...field('workPhone')}
          label={labels.workPhone}
          description={t('users.fields.workPhoneHint')}
          type="tel"
          {...form.register('workPhone')}
          autoComplete="off"
          htmlSize={20}
        />
      )}
      <Select
        {...field('role')}
        label={labels.role}
        description={roleLocked ? t('users.ownRoleHint') : undefined}
        disabled={roleLocked}
        {...form.register('role', {
          // A role without a team keeps no team or department.
          onChange: (e) => {
            const value: string = e.target.value;
            if (!(isRole(value) && needsTeam(value))) {
              form.setValue('teamId', '');
              form.setValue('departmentId', '');
            }
          },
        })}
      >
        <option value="">{t('forms.choose')}</option>
        <EnumOptions values={Role.options} prefix="enums.role" />
      </Select>
      {team && (
        <>
          <Select {...field('teamId')} label={labels.teamId} {...form.register('teamId')}>
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
            {...form.register('departmentId')}
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
          <Controller
            control={form.control}
            name="signIn"
            render={({ field: radio }) => (
              <RadioGroup
                {...field('signIn')}
                legend={labels.signIn}
                value={radio.value}
                onChange={(value: SignInMethod) => {
                  radio.onChange(value);
                  form.setValue('password', '');
                  form.setValue('oidcSubject', '');
                }}
              >
                <Radio value="password" description={t('users.signIn.passwordHint')}>
                  {t('users.signIn.password')}
                </Radio>
                <Radio value="sso" description={t('users.signIn.ssoHint')}>
                  {t('users.signIn.sso')}
                </Radio>
              </RadioGroup>
            )}
          />
          {signIn === 'password' ? (
            <TextField
              {...field('password')}
              label={labels.password}
              description={t('users.fields.passwordHint')}
              type="password"
              autoComplete="new-password"
              {...form.register('password')}
            />
          ) : (
            <TextField
              {...field('oidcSubject')}
              label={labels.oidcSubject}
              description={t('users.fields.oidcSubjectHint')}
              {...form.register('oidcSubject')}
              autoComplete="off"
            />
          )}
        </>
      )}
    </VStack>
  );
}
