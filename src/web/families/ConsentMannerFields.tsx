import { Checkbox, Radio, RadioGroup } from '@navikt/ds-react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ConsentGivenHow, Language } from '../../shared/families/families.contract';
import { LanguageCombobox } from '../app/CodeCombobox';
import { errorFor, type FieldError, fieldId } from '../app/forms';

/**
 * How a consent was given, as a form holds it: a chosen option, a ticked box and a language code
 * ('' for none), piped into the consent contract's fields.
 */
export const ConsentMannerForm = {
  givenHow: z.string().pipe(ConsentGivenHow),
  interpreter: z.boolean(),
  language: z
    .string()
    .transform((v) => (v === '' ? null : v))
    .pipe(Language.nullable()),
};

/** The manner's labels, for a form's error summary. */
export function useConsentMannerLabels() {
  const { t } = useTranslation();
  return { givenHow: t('family.consents.givenHowLegend'), language: t('family.consents.language') };
}

interface Props<T extends FieldValues, Out extends FieldValues> {
  /** The form's control: its values as typed (T) and as the contract turns them (Out). */
  control: Control<T, unknown, Out>;
  formId: string;
  errors: readonly FieldError[];
}

/**
 * How the consent was given, whether an interpreter took part and the language it was explained
 * in (required with an interpreter): the enrollment's consent step and the family page's form.
 */
export function ConsentMannerFields<T extends FieldValues, Out extends FieldValues>({
  control,
  formId,
  errors,
}: Props<T, Out>) {
  const { t } = useTranslation();
  const labels = useConsentMannerLabels();
  // The form's own values name these three fields; the casts only say so to the generic.
  const name = (field: 'givenHow' | 'interpreter' | 'language') => field as Path<T>;
  return (
    <>
      <Controller
        control={control}
        name={name('givenHow')}
        render={({ field }) => (
          <RadioGroup
            id={fieldId(formId, 'givenHow')}
            legend={labels.givenHow}
            value={field.value}
            onChange={field.onChange}
            error={errorFor(errors, 'givenHow')}
          >
            {ConsentGivenHow.options.map((h) => (
              <Radio key={h} value={h}>
                {t(`family.consents.givenHowOption.${h}`)}
              </Radio>
            ))}
          </RadioGroup>
        )}
      />
      <Controller
        control={control}
        name={name('interpreter')}
        render={({ field }) => (
          <Checkbox
            id={fieldId(formId, 'interpreter')}
            checked={field.value}
            onChange={(e) => field.onChange(e.target.checked)}
          >
            {t('family.consents.interpreterTookPart')}
          </Checkbox>
        )}
      />
      <Controller
        control={control}
        name={name('language')}
        render={({ field }) => (
          <LanguageCombobox
            id={fieldId(formId, 'language')}
            label={labels.language}
            description={t('family.consents.languageHint')}
            value={field.value}
            onChange={field.onChange}
            error={errorFor(errors, 'language')}
          />
        )}
      />
    </>
  );
}
