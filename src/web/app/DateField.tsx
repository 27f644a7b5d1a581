import { TextField, type TextFieldProps } from '@navikt/ds-react';

/** Aksel's TextField types no `date` input, but passes `type` through: the native picker, value yyyy-mm-dd. */
const nativeDate = 'date' as string as TextFieldProps['type'];

type Props = Omit<TextFieldProps, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A calendar date as yyyy-mm-dd, shown by the browser in the user's format. */
export function DateField({ value, onChange, ...props }: Props) {
  return (
    <TextField
      {...props}
      type={nativeDate}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      htmlSize={14}
    />
  );
}
