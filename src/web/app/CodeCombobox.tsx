import { UNSAFE_Combobox } from '@navikt/ds-react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../../shared/common/iso-codes';
import { countryName, languageName } from './format';
import { intlLocale } from './i18n';

interface Props {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
}

/** The codes as options named in the user's language, in that language's alphabetical order. */
function useOptions(codes: ReadonlySet<string>, name: (code: string) => string) {
  const { i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names change with the language
  return useMemo(() => {
    const collator = new Intl.Collator(intlLocale());
    return [...codes]
      .map((code) => ({ value: code, label: name(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [codes, name, i18n.language]);
}

type OneCodeProps = Props & { value: string; onChange: (code: string) => void };

/** One code chosen by its name from a searchable list; `value` written as the codes are. */
function OneCodeCombobox({
  codes,
  name,
  value,
  onChange,
  ...field
}: OneCodeProps & { codes: ReadonlySet<string>; name: (code: string) => string }) {
  const options = useOptions(codes, name);
  const selected = options.filter((o) => o.value === value);
  return (
    <UNSAFE_Combobox
      {...field}
      options={options}
      selectedOptions={selected}
      onToggleSelected={(option, isSelected) => onChange(isSelected ? option : '')}
      shouldAutocomplete
    />
  );
}

/**
 * A country of origin chosen by its name from a searchable list, stored as its ISO 3166-1 code
 * ("SO"): people found typing the code hard, and the page shows names (issue 13).
 */
export function CountryCombobox({ value, ...rest }: OneCodeProps) {
  return <OneCodeCombobox {...rest} codes={COUNTRY_CODES} name={countryName} value={value.toUpperCase()} />;
}

/** One language chosen by its name (a person's language of contact), stored as its ISO 639-1 code. */
export function LanguageCombobox({ value, ...rest }: OneCodeProps) {
  return <OneCodeCombobox {...rest} codes={LANGUAGE_CODES} name={languageName} value={value.toLowerCase()} />;
}

/** Languages chosen by name, several at once, stored as ISO 639-1 codes ("so", "ar"). */
export function LanguagesCombobox({
  value,
  onChange,
  ...field
}: Props & { value: readonly string[]; onChange: (codes: string[]) => void }) {
  const options = useOptions(LANGUAGE_CODES, languageName);
  const selected = options.filter((o) => value.includes(o.value));
  return (
    <UNSAFE_Combobox
      {...field}
      options={options}
      selectedOptions={selected}
      onToggleSelected={(option, isSelected) =>
        onChange(isSelected ? [...value, option] : value.filter((code) => code !== option))
      }
      isMultiSelect
      shouldAutocomplete
    />
  );
}
