import { PersonGroupIcon } from '@navikt/aksel-icons';
import { BodyShort, List, Select, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AssignPair, type FamilyDetail, PAIR_ROLE } from '../../shared/families/families.contract';
import type { StaffMember } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusFirstField, useFocusFirstField } from '../app/focus';
import { errorFor, type FieldError, fieldId } from '../app/forms';
import { focusSection, Section, SectionButton } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { departmentName } from '../team/unitNames';
import { familiesApi, familyKeys, fetchFreshFamily, useStaff } from './families.api';

const formId = 'pair';

/** Each choice is required before the contract checks that the two differ. */
const chosen = z.string().min(1, { message: 'errors.required' });
const PairFormSchema = z.object({
  memberIds: z.tuple([chosen, chosen]).pipe(AssignPair.shape.memberIds),
  version: AssignPair.shape.version,
});

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
          <SectionButton icon={<PersonGroupIcon aria-hidden />} onClick={() => setEditing(true)}>
            {family.pair.length > 0 ? t('family.pair.change') : t('family.pair.assign')}
          </SectionButton>
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
  const {
    form,
    errors: fieldErrors,
    showProblem,
  } = useContractForm(PairFormSchema, {
    memberIds: [family.pair[0]?.id ?? '', family.pair[1]?.id ?? ''],
    version: family.version,
  });
  // The same list while the errors are the same: the error summary takes focus on a new one.
  const errors = useMemo(() => placePairErrors(fieldErrors), [fieldErrors]);
  const formRef = useFocusFirstField<HTMLFormElement>();

  const save = useMutation({
    mutationFn: (body: AssignPair) => familiesApi.assignPair(family.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['team', 'staff'] });
      announce(t('forms.saved'));
      onDone();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });

  // Another leader assigned a pair meanwhile: show theirs, and start over from it.
  const conflict = isConflict(save.error);
  async function reload() {
    save.reset();
    const fresh = await fetchFreshFamily(queryClient, family.id);
    form.reset({ memberIds: [fresh.pair[0]?.id ?? '', fresh.pair[1]?.id ?? ''], version: fresh.version });
    focusFirstField(formRef.current);
  }

  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );

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
  const select = (index: 0 | 1) => {
    const field = `memberIds.${index}` as const;
    return (
      <Select
        id={fieldId(formId, field)}
        label={labels[field]}
        {...form.register(field)}
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
        {select(0)}
        {select(1)}
        <FormActions submit={t('family.pair.save')} saving={save} versioned onCancel={onDone} />
      </VStack>
    </form>
  );
}
