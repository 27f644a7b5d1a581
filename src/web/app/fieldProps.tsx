import { Checkbox, CheckboxGroup } from '@navikt/ds-react';
import type { ReactElement, ReactNode } from 'react';
import {
  type Control,
  Controller,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import { errorFor, type FieldError, fieldId } from './forms';

/**
 * What every registered field of a form (Aksel's TextField, Select, Textarea) is given besides
 * its label: an id from the form's, so the error summary can link to it; its registration; and
 * its error. `const field = fieldProps(form, formId, errors)`, then
 * `<Select label={…} {...field('domainId')}>`.
 */
export function fieldProps<T extends FieldValues, C, R extends FieldValues>(
  form: UseFormReturn<T, C, R>,
  formId: string,
  errors: readonly FieldError[],
) {
  return <N extends FieldPath<T>>(name: N, options?: RegisterOptions<T, N>) => ({
    id: fieldId(formId, name),
    ...form.register(name, options),
    error: errorFor(errors, name),
  });
}

/**
 * What a field that the form controls (a date, a checkbox group) is given to bind itself: the
 * form's control and the field's name; the form's id and errors, for its own id and error.
 */
export interface ControlledField<T extends FieldValues, R extends FieldValues> {
  control: Control<T, unknown, R>;
  name: FieldPath<T>;
  formId: string;
  errors: readonly FieldError[];
}

/**
 * What every field the form controls (a date, a checkbox group) is given besides its label, as
 * fieldProps does for registered fields: `const bound = controlledProps(form, formId, errors)`,
 * then `<FormDateField label={…} {...bound('givenOn')} />`.
 */
export function controlledProps<T extends FieldValues, R extends FieldValues>(
  form: UseFormReturn<T, unknown, R>,
  formId: string,
  errors: readonly FieldError[],
) {
  return (name: FieldPath<T>): ControlledField<T, R> => ({ control: form.control, name, formId, errors });
}

/**
 * A field the form controls (react-hook-form's Controller), rendered with its id and error as
 * fieldProps gives them.
 */
export function BoundController<T extends FieldValues, R extends FieldValues>({
  control,
  name,
  formId,
  errors,
  render,
}: ControlledField<T, R> & {
  render: (
    field: ControllerRenderProps<T, FieldPath<T>>,
    bound: { id: string; error: string | undefined },
  ) => ReactElement;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => render(field, { id: fieldId(formId, name), error: errorFor(errors, name) })}
    />
  );
}

/**
 * A list of ids chosen by checkbox (people, colleagues) as a field of a form: its value and
 * changes through the form, its id and error as fieldProps gives them.
 */
export function FormCheckboxGroup<T extends FieldValues, R extends FieldValues>({
  legend,
  options,
  size,
  ...controlled
}: ControlledField<T, R> & {
  legend: ReactNode;
  options: { id: string; label: ReactNode }[];
  size?: 'small';
}) {
  return (
    <BoundController
      {...controlled}
      render={(field, bound) => (
        <CheckboxGroup
          {...bound}
          legend={legend}
          size={size}
          value={field.value ?? []}
          onChange={field.onChange}
        >
          {options.map((o) => (
            <Checkbox key={o.id} value={o.id}>
              {o.label}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
    />
  );
}
