import { PencilIcon } from '@navikt/aksel-icons';
import { Button, HStack, Select, Tag, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAddress } from '../../shared/families/address';
import { type FamilyDetail, FamilyStatus, UpdateFamily } from '../../shared/families/families.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusFirstField, useFocusFirstField } from '../app/focus';
import { formatDate } from '../app/format';
import { changedFields, errorFor, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { Facts, focusSection, Section } from '../app/Section';
import { useFieldErrors } from '../app/useFieldErrors';
import { AddressFields, useAddressLabels } from './AddressFields';
import { type AddressDraft, addressBody, addressOf } from './drafts';
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
          <Button
            type="button"
            size="small"
            variant="secondary"
            icon={<PencilIcon aria-hidden />}
            onClick={() => setEditing(true)}
          >
            {t('family.overview.edit')}
          </Button>
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
              value: (
                <Tag
                  size="small"
                  variant="moderate"
                  data-color={family.status === 'enrolled' ? 'success' : 'neutral'}
                >
                  {t(`enums.familyStatus.${family.status}`)}
                </Tag>
              ),
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
  const [address, setAddress] = useState(() => addressOf(family));
  const [status, setStatus] = useState(() => statusOf(family));
  const [errors, setErrors] = useFieldErrors();
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
    onError: (error) => setErrors(isConflict(error) ? [] : problemToErrors(error)),
  });

  const conflict = isConflict(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changedFields(comparable(addressOf(base), statusOf(base)), comparable(address, status));
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    const body = { version: base.version, ...changes };
    const parsed = UpdateFamily.safeParse(body);
    if (!parsed.success) {
      save.reset();
      setErrors(issuesToErrors(parsed.error.issues, t, '', body));
      return;
    }
    setErrors([]);
    save.mutate(body);
  }

  async function reload() {
    save.reset();
    const fresh = await fetchFreshFamily(queryClient, family.id);
    setBase(fresh);
    setAddress(addressOf(fresh));
    setStatus(statusOf(fresh));
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
        <AddressFields formId={formId} value={address} onChange={setAddress} errors={errors} />
        <Select
          id={fieldId(formId, 'status')}
          label={labels.status}
          value={status.status}
          onChange={(e) => {
            const parsed = FamilyStatus.safeParse(e.target.value);
            if (parsed.success) setStatus({ ...status, status: parsed.data });
          }}
          error={errorFor(errors, 'status')}
        >
          {FamilyStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`enums.familyStatus.${s}`)}
            </option>
          ))}
        </Select>
        <HStack gap="space-16">
          <DateField
            id={fieldId(formId, 'enrolledOn')}
            label={labels.enrolledOn}
            value={status.enrolledOn}
            onChange={(enrolledOn) => setStatus({ ...status, enrolledOn })}
            error={errorFor(errors, 'enrolledOn')}
          />
          <DateField
            id={fieldId(formId, 'exitedOn')}
            label={labels.exitedOn}
            value={status.exitedOn}
            onChange={(exitedOn) => setStatus({ ...status, exitedOn })}
            error={errorFor(errors, 'exitedOn')}
          />
        </HStack>
        <HStack gap="space-16">
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {t('family.overview.save')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
