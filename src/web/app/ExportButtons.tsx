import { DownloadIcon } from '@navikt/aksel-icons';
import { Button, HStack } from '@navikt/ds-react';
import type { UseMutationResult } from '@tanstack/react-query';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * A list's or report's download buttons, XLSX then CSV: each shows its own progress while its
 * file is made. `label` names each button in the page's own words.
 */
export function ExportButtons({
  exporting,
  label,
  className,
}: {
  exporting: UseMutationResult<unknown, Error, ExportFormat>;
  label: (format: ExportFormat) => string;
  className?: string;
}) {
  return (
    <HStack gap="space-8" className={className}>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          type="button"
          size="small"
          variant="secondary"
          icon={<DownloadIcon aria-hidden />}
          loading={exporting.isPending && exporting.variables === format}
          onClick={() => exporting.mutate(format)}
        >
          {label(format)}
        </Button>
      ))}
    </HStack>
  );
}
