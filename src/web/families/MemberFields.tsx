import { Checkbox, Fieldset, HGrid, Select, TextField } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { HouseholdRole, PreferredContact } from '../../shared/families/families.contract';
import { CountryCombobox, LanguageCombobox, LanguagesCombobox } from '../app/CodeCombobox';
import { DateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { errorFor, type FieldError, fieldId } from '../app/forms';
import { type MemberDraft, splitLanguages } from './drafts';

interface Props {
  formId: string;
  /** Dotted path of this person in the request body, e.g. `members.0`; empty for a single person. */
  path: string;
  value: MemberDraft;
  onChange: (value: MemberDraft) => void;
  errors: readonly FieldError[];
  /** Editing someone already registered: an empty CPR field keeps the registered number. */
  editing?: boolean;
}

export function useMemberLabels(): Record<keyof MemberDraft, string> {
  const { t } = useTranslation();
  return {
    firstName: t('families.member.firstName'),
    lastName: t('families.member.lastName'),
    cpr: t('families.member.cpr'),
    birthDate: t('families.member.birthDate'),
    role: t('families.member.role'),
    countryOfOrigin: t('families.member.countryOfOrigin'),
    languages: t('families.member.languages'),
    interpreterNeeded: t('families.member.interpreterNeeded'),
    phone: t('families.member.phone'),
    email: t('families.member.email'),
    preferredContact: t('families.member.preferredContact'),
    contactLanguage: t('families.member.contactLanguage'),
  };
}

/** One person's details: the inputs of a member fieldset. */
export function MemberFields({ formId, path, value, onChange, errors, editing = false }: Props) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const name = (field: keyof MemberDraft) => (path ? `${path}.${field}` : field);
  const id = (field: keyof MemberDraft) => fieldId(formId, name(field));
  const error = (field: keyof MemberDraft) => errorFor(errors, name(field));
  const setText =
    (field: Exclude<keyof MemberDraft, 'interpreterNeeded'>) => (e: { target: { value: string } }) =>
      onChange({ ...value, [field]: e.target.value });

  return (
    <>
      <HGrid columns={{ xs: 1, sm: 2 }} gap="space-16">
        <TextField
          id={id('firstName')}
          label={labels.firstName}
          value={value.firstName}
          onChange={setText('firstName')}
          error={error('firstName')}
          autoComplete="off"
        />
        <TextField
          id={id('lastName')}
          label={labels.lastName}
          value={value.lastName}
          onChange={setText('lastName')}
          error={error('lastName')}
          autoComplete="off"
        />
      </HGrid>
      <HGrid columns={{ xs: 1, sm: 2 }} gap="space-16">
        <DateField
          id={id('birthDate')}
          label={labels.birthDate}
          value={value.birthDate}
          onChange={(birthDate) => onChange({ ...value, birthDate })}
          error={error('birthDate')}
        />
        <Select
          id={id('role')}
          label={labels.role}
          value={value.role}
          onChange={setText('role')}
          error={error('role')}
        >
          <option value="">{t('forms.choose')}</option>
          <EnumOptions values={HouseholdRole.options} prefix="enums.householdRole" />
        </Select>
      </HGrid>
      <TextField
        id={id('cpr')}
        label={labels.cpr}
        description={editing ? t('families.member.cprKeepHint') : t('families.member.cprHint')}
        value={value.cpr}
        onChange={setText('cpr')}
        error={error('cpr')}
        autoComplete="off"
        inputMode="numeric"
        htmlSize={14}
      />
      <HGrid columns={{ xs: 1, sm: 2 }} gap="space-16">
        <CountryCombobox
          id={id('countryOfOrigin')}
          label={labels.countryOfOrigin}
          description={t('families.member.countryHint')}
          value={value.countryOfOrigin}
          onChange={(countryOfOrigin) => onChange({ ...value, countryOfOrigin })}
          error={error('countryOfOrigin')}
        />
        <LanguagesCombobox
          id={id('languages')}
          label={labels.languages}
          description={t('families.member.languagesHint')}
          value={splitLanguages(value.languages)}
          onChange={(codes) => onChange({ ...value, languages: codes.join(', ') })}
          error={error('languages')}
        />
      </HGrid>
      <Checkbox
        id={id('interpreterNeeded')}
        checked={value.interpreterNeeded}
        onChange={(e) => onChange({ ...value, interpreterNeeded: e.target.checked })}
      >
        {labels.interpreterNeeded}
      </Checkbox>
      {/* Asked of adults, whom the team contacts; a child's are kept (and shown) if given. */}
      {(value.role !== 'child' || hasContact(value)) && (
        <Fieldset legend={t('families.member.contact')} size="small">
          <HGrid columns={{ xs: 1, sm: 2 }} gap="space-16">
            <TextField
              id={id('phone')}
              label={labels.phone}
              description={t('families.member.phoneHint')}
              value={value.phone}
              onChange={setText('phone')}
              error={error('phone')}
              autoComplete="off"
              type="tel"
            />
            <TextField
              id={id('email')}
              label={labels.email}
              value={value.email}
              onChange={setText('email')}
              error={error('email')}
              autoComplete="off"
              type="email"
            />
          </HGrid>
          <HGrid columns={{ xs: 1, sm: 2 }} gap="space-16">
            <Select
              id={id('preferredContact')}
              label={labels.preferredContact}
              value={value.preferredContact}
              onChange={setText('preferredContact')}
              error={error('preferredContact')}
            >
              <option value="">{t('forms.choose')}</option>
              <EnumOptions values={PreferredContact.options} prefix="enums.preferredContact" />
            </Select>
            <LanguageCombobox
              id={id('contactLanguage')}
              label={labels.contactLanguage}
              value={value.contactLanguage}
              onChange={(code) => onChange({ ...value, contactLanguage: code })}
              error={error('contactLanguage')}
            />
          </HGrid>
        </Fieldset>
      )}
    </>
  );
}

function hasContact(d: MemberDraft): boolean {
  return [d.phone, d.email, d.preferredContact, d.contactLanguage].some((v) => v !== '');
}
