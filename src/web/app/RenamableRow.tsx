import { BodyShort, Button, HStack, Skeleton, Table, TextField, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { FormProblem } from './ErrorAlert';
import { FormActions } from './FormActions';
import { fieldProps } from './fieldProps';
import { focusById, useFocusFirstField } from './focus';
import { ScrollTable } from './ScrollTable';
import { TableHeadings } from './TableHeadings';
import { useContractForm } from './useContractForm';

/**
 * A table row whose name, its row header, is changed in place: its rename button opens a small
 * form in the header cell, focused; saved or cancelled, focus goes back to the button. The other
 * cells, and any actions beside the rename button (`actions`, `children` after them), are the
 * caller's.
 */
export function RenamableRow({
  id,
  name,
  schema,
  save,
  saved,
  text,
  autoComplete,
  cells = [],
  actions,
  children,
}: {
  id: string;
  name: string;
  /** The name's contract. */
  schema: z.ZodType<{ name: string }, { name: string }>;
  save: (name: string) => Promise<unknown>;
  /** After a save, before the form closes: read again, announce. */
  saved: () => Promise<void>;
  text: { form: string; field: string; submit: string; open: ReactNode };
  autoComplete?: 'off';
  cells?: string[];
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const { form, errors, showProblem } = useContractForm(schema, { name });
  const formId = `rename-${id}`;
  const openerId = `${formId}-open`;
  const formRef = useFocusFirstField<HTMLFormElement>(editing);
  const close = () => {
    setEditing(false);
    focusById(openerId);
  };
  const rename = useMutation({
    mutationFn: save,
    onSuccess: async () => {
      await saved();
      close();
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (body) => rename.mutate(body.name),
    () => rename.reset(),
  );
  const opener = (
    <Button
      type="button"
      id={openerId}
      size="small"
      variant="tertiary"
      onClick={() => {
        form.reset({ name });
        setEditing(true);
      }}
    >
      {text.open}
    </Button>
  );
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">
        {editing ? (
          <form ref={formRef} onSubmit={submit} noValidate aria-label={text.form}>
            <VStack gap="space-8">
              <FormProblem error={rename.error} />
              <TextField
                label={text.field}
                size="small"
                {...fieldProps(form, formId, errors)('name')}
                autoComplete={autoComplete}
              />
              <FormActions submit={text.submit} saving={rename} onCancel={close} size="small" />
            </VStack>
          </form>
        ) : (
          name
        )}
      </Table.HeaderCell>
      {cells.map((cell, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the cells are fixed columns
        <Table.DataCell key={i}>{cell}</Table.DataCell>
      ))}
      <Table.DataCell>
        {!editing &&
          (actions ? (
            <HStack gap="space-8" wrap={false}>
              {opener}
              {actions}
            </HStack>
          ) : (
            opener
          ))}
        {children}
      </Table.DataCell>
    </Table.Row>
  );
}

/**
 * A list of renamable things read by a query, as a small striped table: the query's problem, a
 * placeholder while it loads, `empty` (if given) when there are none, else the table with its
 * headings (translation keys; the actions column named for screen readers) and its rows.
 */
export function RenamableTable<T>({
  query,
  label,
  headings,
  actions,
  empty,
  row,
}: {
  query: { error: unknown; isPending: boolean; data?: { items: T[] } };
  label: string;
  headings: string[];
  actions: string;
  empty?: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <>
      <FormProblem error={query.error} />
      {query.isPending ? (
        <Skeleton variant="rectangle" height="6rem" />
      ) : empty && query.data?.items.length === 0 ? (
        <BodyShort>{empty}</BodyShort>
      ) : (
        <ScrollTable label={label}>
          <Table size="small" zebraStripes>
            <TableHeadings labels={headings} actions={actions} />
            <Table.Body>{query.data?.items.map(row)}</Table.Body>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}
