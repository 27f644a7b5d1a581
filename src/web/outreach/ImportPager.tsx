import { BodyShort, Button, HStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';

/** Previous and next page of an import's rows or of the recent imports. */
export function ImportPager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <HStack gap="space-8" align="center">
      <Button
        type="button"
        size="small"
        variant="secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('outreachImport.previous')}
      </Button>
      <BodyShort size="small">{t('outreachImport.page', { page, pages })}</BodyShort>
      <Button
        type="button"
        size="small"
        variant="secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('outreachImport.next')}
      </Button>
    </HStack>
  );
}
