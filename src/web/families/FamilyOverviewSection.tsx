import { PencilIcon } from '@navikt/aksel-icons';
import { HStack, Select, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatAddress } from '../../shared/families/address';
import { type FamilyDetail, FamilyStatus, UpdateFamily } from '../../shared/families/families.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormDateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusFirstField, useFocusFirstField } from '../app/focus';
import { formatDate } from '../app/format';
import { changedFields, errorFor, fieldId } from '../app/forms';
import { Facts, focusSection, Section, SectionButton } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { AddressFields, useAddressLabels } from './AddressFields';
import { type AddressDraft, addressBody, addressFields, addressOf } from './drafts';
import { FamilyStatusTag } from './FamilyStatusTag';
import { familiesApi, familyKeys, fetchFreshFamily } from './families.api';

const formId = 'family-edit';

interface StatusDraft {
  status: FamilyStatus;
  enrolledOn: string;
  exitedOn: string;
}

const statusOf = (f: FamilyDetail): StatusDraft => ({
  status: f.status,
  enrolledOn: f.enrolledOn?.slice(0, 10) ?? '',
  exitedOn: f.exitedOn?.slice(0, 10) ?? '',
});

const comparable = (a: AddressDraft, s: StatusDraft) => ({
  ...addressBody(a),
  status: s.status,
  enrolledOn: s.enrolledOn || null,
  exitedOn: s.exitedOn || null,
});

/** The form's fields as typed: the address and the status with its dates ('' for none). */
const OverviewDraft = z.object({
  areaId: z.string(),
  street: z.string(),
  buildingNumber: z.string(),
  entrance: z.string(),
  floor: z.string(),
  door: z.string(),
  postalCode: z.string(),
  status: z.string(),
  enrolledOn: z.string(),
  exitedOn: z.string(),
});
type OverviewDraft = z.input<typeof OverviewDraft>;

const draftOf = (f: FamilyDetail): OverviewDraft => ({ ...addressOf(f), ...statusOf(f) });

/** What an edit changes from `base`, as the contract's fields. */
const changesFrom = (base: FamilyDetail, d: OverviewDraft) =>
  changedFields(comparable(addressOf(base), statusOf(base)), comparable(d, d as StatusDraft));

/** Address, area, team and enrolment status, with an edit form for those allowed to update. */
export function FamilyOverviewSection({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);

  return (
    <Section
      id="overview"
      title={t('family.overview.title')}
      actions={
        family.abilities.update &&
        !editing && (
          <SectionButton icon={<PencilIcon aria-hidden />} onClick={() => setEditing(true)}>
            {t('family.overview.edit')}
          </SectionButton>
        )
      }
    >
      {editing ? (
        <OverviewForm
          family={family}
          onDone={() => {
            setEditing(false);
            focusSection('overview');
          }}
        />
      ) : (
        <Facts
          items={[
            { label: t('families.address.address'), value: formatAddress(family) },
            { label: t('families.address.postalCode'), value: family.postalCode ?? '–' },
            { label: t('families.address.area'), value: family.areaName },
            { label: t('family.overview.team'), value: family.teamName },
            {
              label: t('family.overview.status'),
              value: <FamilyStatusTag status={family.status} />,
            },
            { label: t('family.overview.enrolledOn'), value: formatDate(family.enrolledOn) || '–' },
            ...(family.exitedOn
              ? [{ label: t('family.overview.exitedOn'), value: formatDate(family.exitedOn) }]
              : []),
          ]}
        />
      )}
    </Section>
  );
}

function OverviewForm({ family, onDone }: { family: FamilyDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const addressLabels = useAddressLabels();
  // The family as the form opened on it (or last loaded it): its version and values are what an
  // edit is made against. The page's copy may be refetched meanwhile (window focus, another
  // section's save); sending its newer version with this form's older values would overwrite
  // another user's change without a conflict.
  const [base, setBase] = useState(family);
  const baseRef = useRef(family);
  // Only what changed is checked and sent, with the version the form was made against.
  const [schema] = useState(() =>
    OverviewDraft.transform(
      (d) => ({ version: baseRef.current.version, ...changesFrom(baseRef.current, d) }) as UpdateFamily,
    ).pipe(UpdateFamily),
  );
  const { form, errors, showProblem } = useContractForm(schema, draftOf(family));
  const draft = form.watch();
  // AddressFields is shared with the new-family wizard and takes a value and its changes.
  const setAddress = (next: AddressDraft) => {
    for (const key of addressFields) if (next[key] !== draft[key]) form.setValue(key, next[key]);
  };
  const formRef = useFocusFirstField<HTMLFormElement>();

  const save = useMutation({
    mutationFn: (body: UpdateFamily) => familiesApi.update(family.id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(familyKeys.detail(family.id), updated);
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      announce(t('forms.saved'));
      onDone();
    },
    // A conflict is the alert's to explain (ConflictAlert), not a field's.
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });

  const conflict = isConflict(save.error);

  const submit = form.handleSubmit(
    (body) => {
      // Nothing changed: nothing to save.
      if (Object.keys(changesFrom(base, form.getValues())).length === 0) onDone();
      else save.mutate(body);
    },
    () => save.reset(),
  );

  async function reload() {
    save.reset();
    const fresh = await fetchFreshFamily(queryClient, family.id);
    baseRef.current = fresh;
    setBase(fresh);
    form.reset(draftOf(fresh));
    focusFirstField(formRef.current);
  }

  const labels: Record<string, string> = {
    ...addressLabels,
    status: t('family.overview.status'),
    enrolledOn: t('family.overview.enrolledOn'),
    exitedOn: t('family.overview.exitedOn'),
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('family.overview.formLabel')}>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f]} />
        {conflict ? <ConflictAlert onReload={reload} /> : <FormProblem error={save.error} />}
        <AddressFields formId={formId} value={draft} onChange={setAddress} errors={errors} />
        <Select
          id={fieldId(formId, 'status')}
          label={labels.status}
          {...form.register('status')}
          error={errorFor(errors, 'status')}
        >
          <EnumOptions values={FamilyStatus.options} prefix="enums.familyStatus" />
        </Select>
        <HStack gap="space-16">
          {(['enrolledOn', 'exitedOn'] as const).map((name) => (
            <FormDateField
              key={name}
              control={form.control}
              name={name}
              formId={formId}
              label={labels[name]}
              errors={errors}
            />
          ))}
        </HStack>
        <FormActions submit={t('family.overview.save')} saving={save} versioned onCancel={onDone} />
      </VStack>
    </form>
  );
}
