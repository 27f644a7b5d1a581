import { HGrid, Select, TextField } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { errorFor, type FieldError, fieldId } from '../app/forms';
import type { AddressDraft } from './drafts';
import { useAreas } from './families.api';

interface Props {
  formId: string;
  value: AddressDraft;
  onChange: (value: AddressDraft) => void;
  errors: readonly FieldError[];
}

export function useAddressLabels(): Record<keyof AddressDraft, string> {
  const { t } = useTranslation();
  return {
    areaId: t('families.address.area'),
    street: t('families.address.street'),
    buildingNumber: t('families.address.buildingNumber'),
    entrance: t('families.address.entrance'),
    floor: t('families.address.floor'),
    door: t('families.address.door'),
    postalCode: t('families.address.postalCode'),
  };
}

/** The family's address: area, street and number, entrance (stairwell), floor and door. */
export function AddressFields({ formId, value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const labels = useAddressLabels();
  const areas = useAreas();
  const set = (field: keyof AddressDraft) => (e: { target: { value: string } }) =>
    onChange({ ...value, [field]: e.target.value });
  const text = (
    field: Exclude<keyof AddressDraft, 'areaId'>,
    extra: { htmlSize?: number; autoComplete?: string; inputMode?: 'numeric' } = {},
  ) => (
    <TextField
      id={fieldId(formId, field)}
      label={labels[field]}
      value={value[field]}
      onChange={set(field)}
      error={errorFor(errors, field)}
      {...extra}
    />
  );

  return (
    <>
      <Select
        id={fieldId(formId, 'areaId')}
        label={labels.areaId}
        value={value.areaId}
        onChange={set('areaId')}
        error={errorFor(errors, 'areaId')}
      >
        <option value="">{areas.isPending ? t('common.loading') : t('forms.choose')}</option>
        {areas.data?.items.map((area) => (
          <option key={area.id} value={area.id}>
            {area.name}
          </option>
        ))}
      </Select>
      <HGrid columns={{ xs: 1, sm: '3fr 1fr' }} gap="space-16">
        {text('street', { autoComplete: 'off' })}
        {text('buildingNumber', { htmlSize: 6 })}
      </HGrid>
      <HGrid columns={{ xs: 3 }} gap="space-16">
        {text('entrance', { htmlSize: 6 })}
        {text('floor', { htmlSize: 6 })}
        {text('door', { htmlSize: 6 })}
      </HGrid>
      {text('postalCode', { htmlSize: 6, inputMode: 'numeric' })}
    </>
  );
}
