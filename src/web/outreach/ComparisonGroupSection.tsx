import { BodyLong, BodyShort, Skeleton } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../app/ErrorAlert';
import { Section } from '../app/Section';
import { CountsTable } from './CountsTable';
import { useComparisonGroup } from './funnel.api';

const COLUMNS = ['households', 'adults', 'children'] as const;

/**
 * The comparison group as the analyst may see it (issue 15 §4, decision 0049): households,
 * adults and children per area, each count below the minimum hidden as the funnel hides them.
 * Never a household, and no total from which a hidden cell could be worked out. Team staff never
 * get here: the page shows it to analysts only, and the server answers no one else.
 */
export function ComparisonGroupSection() {
  const { t } = useTranslation();
  const group = useComparisonGroup();
  return (
    <Section id="comparison-group" title={t('funnel.comparisonGroup.title')}>
      <BodyLong>{t('funnel.comparisonGroup.intro')}</BodyLong>
      <FormProblem error={group.error} />
      {group.isPending ? (
        <Skeleton variant="rectangle" height="6rem" />
      ) : group.data && group.data.areas.length === 0 ? (
        <BodyShort>{t('funnel.comparisonGroup.none')}</BodyShort>
      ) : group.data ? (
        <>
          <BodyShort>{t('funnel.comparisonGroup.suppression', { n: group.data.minimumCell })}</BodyShort>
          <CountsTable
            label={t('funnel.comparisonGroup.table')}
            rowHeading={t('funnel.comparisonGroup.area')}
            columns={COLUMNS.map((key) => ({ key, heading: t(`funnel.comparisonGroup.${key}`) }))}
            rows={group.data.areas.map((a) => ({ key: a.areaId, heading: a.areaName, counts: a }))}
          />
        </>
      ) : null}
    </Section>
  );
}
