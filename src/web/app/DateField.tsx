import { DatePicker, useDatepicker } from '@navikt/ds-react';
import { format, isValid, parseISO } from 'date-fns';
import { type ReactNode, useEffect, useRef } from 'react';
import type { FieldValues } from 'react-hook-form';
import { BoundController, type ControlledField } from './fieldProps';

interface Props {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** yyyy-mm-dd, '' for none; any other text is what the user typed that is not a date. */
  value: string;
  onChange: (value: string) => void;
  size?: 'medium' | 'small';
}

/** The calendar's month and year dropdowns reach from the oldest birth date to a few years ahead. */
const calendarFrom = new Date(1900, 0, 1);
const calendarTo = new Date(new Date().getFullYear() + 5, 11, 31);

function toDate(value: string): Date | undefined {
  const date = parseISO(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(date) ? date : undefined;
}

/**
 * A calendar date: typed as dd.mm.yyyy or picked from Aksel's calendar, in the app's language
 * (its month and day names come from the Aksel Provider's date locale, src/web/i18n/aksel.ts) —
 * not the browser's native input, which followed the browser's locale (decision 0030). The
 * value stays yyyy-mm-dd, as the contracts have it. Text that is not a date is passed on as
 * typed, so the form's contract refuses it ("write the date as dd.mm.yyyy") instead of the
 * field silently becoming empty.
 */
export function DateField({ id, label, description, error, value, onChange, size }: Props) {
  const typed = useRef('');
  const emitted = useRef(value);
  const { datepickerProps, inputProps, setSelected } = useDatepicker({
    defaultSelected: toDate(value),
    onDateChange: (date) => {
      const next = date ? format(date, 'yyyy-MM-dd') : typed.current.trim();
      emitted.current = next;
      onChange(next);
    },
  });

  // A value set from outside (a reset, a reloaded record) shows in the field; what the user is
  // typing is not overwritten by its own echo.
  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    typed.current = '';
    setSelected(toDate(value));
  }, [value, setSelected]);

  return (
    <DatePicker {...datepickerProps} dropdownCaption fromDate={calendarFrom} toDate={calendarTo}>
      <DatePicker.Input
        {...inputProps}
        onChange={(e) => {
          typed.current = e.target.value;
          inputProps.onChange?.(e);
        }}
        id={id}
        label={label}
        description={description}
        error={error}
        size={size}
      />
    </DatePicker>
  );
}

/**
 * A DateField that is a field of a form (react-hook-form): its id from the form's, its value and
 * changes through the form, its error from the form's errors. A `nullable` field holds null when
 * empty, as contracts with an optional date have it.
 */
export function FormDateField<T extends FieldValues, R extends FieldValues>({
  label,
  nullable = false,
  size,
  ...controlled
}: ControlledField<T, R> & {
  label: ReactNode;
  nullable?: boolean;
  size?: 'small';
}) {
  return (
    <BoundController
      {...controlled}
      render={(field, bound) => (
        <DateField
          {...bound}
          label={label}
          size={size}
          value={nullable ? (field.value ?? '') : field.value}
          onChange={nullable ? (v) => field.onChange(v === '' ? null : v) : field.onChange}
        />
      )}
    />
  );
}
