import { Select } from '@navikt/ds-react';

/**
 * A list filter: "all" first, then the choices. The value is one of the choices or undefined
 * (all), whatever the address bar said — a value that is not a choice counts as "all".
 */
export function FilterSelect<V extends string>({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  id?: string;
  label: string;
  allLabel: string;
  value: V | undefined;
  options: { value: V; label: string }[];
  onChange: (value: V | undefined) => void;
}) {
  return (
    <Select
      id={id}
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value)}
    >
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
