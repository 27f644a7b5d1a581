import { PersonGroupIcon } from '@navikt/aksel-icons';
import { BodyShort, Button, HStack, List, Select, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AssignPair, type FamilyDetail, PAIR_ROLE } from '../../shared/families/families.contract';
import type { StaffMember } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusFirstField, useFocusFirstField } from '../app/focus';
import { errorFor, type FieldError, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { focusSection, Section } from '../app/Section';
import { useFieldErrors } from '../app/useFieldErrors';
import { departmentName } from '../team/unitNames';
import { familiesApi, familyKeys, fetchFreshFamily, useStaff } from './families.api';

const formId = 'pair';

/** The refinement "two different people" is about the pair as a whole: shown at the second choice. */
function placePairErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => (e.field === 'memberIds' || e.field === '' ? { ...e, field: 'memberIds.1' } : e));
}

/** The family's two contact persons from the team; the leader forms the pair. */
export function PairSection({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const canAssign = family.abilities.assignPair;

  return (
    <Section
      id="pair"
      title={t('family.pair.title')}
      actions={
        canAssign &&
        !editing && (
          <Button
            type="button"
            size="small"
            variant="secondary"
            icon={<PersonGroupIcon aria-hidden />}
            onClick={() => setEditing(true)}
          >
            {family.pair.length > 0 ? t('family.pair.change') : t('family.pair.assign')}
          </Button>
        )
      }
    >
      {family.pair.length === 0 ? (
        <BodyShort>{t('family.pair.none')}</BodyShort>
      ) : (
        <List>
          {family.pair.map((person) => (
            <List.Item key={person.id}>{person.displayName}</List.Item>
          ))}
        </List>
      )}
      {editing && (
        <PairForm
          family={family}
          onDone={() => {
            setEditing(false);
            focusSection('pair');
          }}
        />
      )}
    </Section>
  );
}

function PairForm({ family, onDone }: { family: FamilyDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useStaff();
  // The version the form opened on (or last loaded): a pair chosen against it, whatever the
  // page refetches meanwhile (see OverviewForm).
  const [version, setVersion] = useState(family.version);
  const [first, setFirst] = useState(family.pair[0]?.id ?? '');
  const [second, setSecond] = useState(family.pair[1]?.id ?? '');
  const [errors, setErrors] = useFieldErrors();
  const formRef = useFocusFirstField<HTMLFormElement>();

  const save = useMutation({
    mutationFn: (memberIds: [string, string]) => familiesApi.assignPair(family.id, { memberIds, version }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['team', 'staff'] });
      announce(t('forms.saved'));
      onDone();
    },
    onError: (error) => setErrors(isConflict(error) ? [] : placePairErrors(problemToErrors(error))),
  });

  // Another leader assigned a pair meanwhile: show theirs, and start over from it.
  const conflict = isConflict(save.error);
  async function reload() {
    save.reset();
    const fresh = await fetchFreshFamily(queryClient, family.id);
    setVersion(fresh.version);
    setFirst(fresh.pair[0]?.id ?? '');
    setSecond(fresh.pair[1]?.id ?? '');
    focusFirstField(formRef.current);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing = [first, second].flatMap((v, i) =>
      v ? [] : [{ field: `memberIds.${i}`, key: 'errors.required', message: t('errors.required') }],
    );
    if (missing.length > 0) {
      save.reset();
      setErrors(missing);
      return;
    }
    const parsed = AssignPair.safeParse({ memberIds: [first, second], version });
    if (!parsed.success) {
      save.reset();
      setErrors(placePairErrors(issuesToErrors(parsed.error.issues, t)));
      return;
    }
    setErrors([]);
    save.mutate([first, second]);
  }

  const option = (s: StaffMember) =>
    t('family.pair.option', {
      name: s.displayName,
      department: s.department ? departmentName(t, s.department) : t(`enums.role.${s.role}`),
      count: s.familyCount,
    });
  const labels: Record<string, string> = {
    'memberIds.0': t('family.pair.first'),
    'memberIds.1': t('family.pair.second'),
  };
  const select = (index: 0 | 1, value: string, onChange: (v: string) => void) => {
    const field = `memberIds.${index}`;
    return (
      <Select
        id={fieldId(formId, field)}
        label={labels[field]}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={errorFor(errors, field)}
      >
        <option value="">{staff.isPending ? t('common.loading') : t('forms.choose')}</option>
        {staff.data?.items
          .filter((s) => s.role === PAIR_ROLE)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {option(s)}
            </option>
          ))}
      </Select>
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('family.pair.formLabel')}>
      <VStack gap="space-16" className="sc-form-narrow">
        <BodyShort>{t('family.pair.hint')}</BodyShort>
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        {conflict ? <ConflictAlert onReload={reload} /> : <FormProblem error={save.error ?? staff.error} />}
        {select(0, first, setFirst)}
        {select(1, second, setSecond)}
        <HStack gap="space-16">
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {t('family.pair.save')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
