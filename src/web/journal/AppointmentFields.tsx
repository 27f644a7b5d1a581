import { Checkbox, CheckboxGroup, HStack, Select, TextField } from '@navikt/ds-react';
import type { TFunction } from 'i18next';
import { Controller, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AppointmentKind, type AppointmentUpdate } from '../../shared/journal/appointments.contract';
import { FormDateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { fieldProps } from '../app/fieldProps';
import { errorFor, type FieldError, fieldId } from '../app/forms';

export interface StaffRef {
  id: string;
  displayName: string;
}

/**
 * The fields' labels by name, for the fields and the error summary. Without a family the other
 * authority is what the meeting is with, so its label does not say "optional".
 */
export function appointmentLabels(t: TFunction, withFamily: boolean): Record<string, string> {
  return {
    kind: t('appointments.kind'),
    title: t('appointments.titleField'),
    date: t('appointments.date'),
    startTime: t('appointments.startTime'),
    endTime: t('appointments.endTime'),
    place: t('appointments.place'),
    otherAuthority: withFamily ? t('appointments.otherAuthority') : t('appointments.authorityRequired'),
    participantIds: t('appointments.participants'),
  };
}

/** The fields every appointment form shows (the add form and the edit dialog share them). */
type Values = z.input<typeof AppointmentUpdate>;

/**
 * An appointment's fields: kind, subject, date, the two clock times, place, other authority and —
 * when `people` are given — who takes part. The add form's contract and the edit's differ (the
 * edit carries the version), but both have these fields by these names.
 */
export function AppointmentFields<T extends FieldValues>({
  form: anyForm,
  formId,
  errors,
  labels,
  people,
}: {
  form: UseFormReturn<T>;
  formId: string;
  errors: FieldError[];
  labels: Record<string, string>;
  people?: readonly StaffRef[];
}) {
  const { t } = useTranslation();
  // react-hook-form's types cannot say "a form with at least these fields"; both contracts have them.
  const form = anyForm as unknown as UseFormReturn<Values>;
  const field = fieldProps(form, formId, errors);
  const text = (name: 'title' | 'place' | 'otherAuthority') => (
    <TextField label={labels[name]} {...field(name)} />
  );
  const time = (name: 'startTime' | 'endTime') => (
    <TextField
      label={labels[name]}
      description={t('appointments.timeHint')}
      inputMode="numeric"
      htmlSize={8}
      {...field(name)}
    />
  );
  return (
    <>
      <Select label={labels.kind} {...field('kind')}>
        <EnumOptions values={AppointmentKind.options} prefix="enums.appointmentKind" />
      </Select>
      {text('title')}
      <FormDateField control={form.control} name="date" formId={formId} label={labels.date} errors={errors} />
      <HStack gap="space-16" wrap>
        {time('startTime')}
        {time('endTime')}
      </HStack>
      {text('place')}
      {text('otherAuthority')}
      {people && (
        <Controller
          control={form.control}
          name="participantIds"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(formId, 'participantIds')}
              legend={labels.participantIds}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errorFor(errors, 'participantIds')}
            >
              {people.map((p) => (
                <Checkbox key={p.id} value={p.id}>
                  {p.displayName}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
        />
      )}
    </>
  );
}
