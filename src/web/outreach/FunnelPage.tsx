import { BodyLong, BodyShort, HGrid, HStack, Select, Skeleton, Table, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Funnel, FunnelMonth, FunnelStages } from '../../shared/outreach/funnel.contract';
import { useMe } from '../app/auth';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { ComparisonGroupSection } from './ComparisonGroupSection';
import { CountsTable, useCount } from './CountsTable';
import { downloadFunnel, type FunnelFilters, useFunnel, useFunnelPlaces } from './funnel.api';
import './funnel.css';
import { ExportButtons } from '../app/ExportButtons';

const STAGES = ['eligible', 'contacted', 'talked', 'interested', 'enrolled'] as const;
const MONTH_COLUMNS = ['contacted', 'talked', 'interested', 'notInterested', 'enrolled'] as const;
const FILTERS = ['areaId', 'buildingId', 'staircaseId', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];

/** k of n in whole percent, when both are shown and n is not 0. */
function share(k: number | null, n: number | null): string {
  if (k === null || n === null || n === 0) return '–';
  return `${Math.round((k / n) * 100)} %`;
}

/**
 * The outreach funnel (issue 15 §6): pick an area, building, staircase and period; see the
 * stages as a chart and a table, the cohorts by month of first visit, the reasons for no and the
 * time to enrolment; download the same as CSV or XLSX. The filters live in the address (ids and
 * dates only, no personal data), so a view can be bookmarked and the back button works.
 */
export function FunnelPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const value = (name: FilterName) => params.get(name) ?? '';
  const filters: FunnelFilters = Object.fromEntries(
    FILTERS.flatMap((name) => (value(name) ? [[name, value(name)]] : [])),
  );
  const me = useMe();
  const places = useFunnelPlaces();
  const funnel = useFunnel(filters);
  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => downloadFunnel(format, filters),
  });

  const update = (changes: Partial<Record<FilterName, string>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, v] of Object.entries(changes)) {
          if (v) next.set(name, v);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  };

  const areas = places.data?.areas ?? [];
  // Team staff count their own area only: its buildings are the first choice they have.
  const area = areas.length === 1 ? areas[0] : areas.find((a) => a.id === value('areaId'));
  const building = area?.buildings.find((b) => b.id === value('buildingId'));

  return (
    <VStack gap="space-32">
      <VStack gap="space-8">
        <PageHeading title={t('funnel.title')} />
        <BodyLong>{t('funnel.intro')}</BodyLong>
      </VStack>

      <search aria-label={t('funnel.filters')}>
        <VStack gap="space-16">
          <HGrid columns={{ xs: 1, md: areas.length > 1 ? 3 : 2 }} gap="space-16">
            {areas.length > 1 && (
              <Select
                label={t('funnel.area')}
                value={value('areaId')}
                onChange={(e) => update({ areaId: e.target.value, buildingId: '', staircaseId: '' })}
              >
                <option value="">{t('funnel.allAreas')}</option>
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            )}
            <Select
              label={t('funnel.building')}
              value={value('buildingId')}
              disabled={!area}
              onChange={(e) => update({ buildingId: e.target.value, staircaseId: '' })}
            >
              <option value="">{t('funnel.allBuildings')}</option>
              {area?.buildings.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
            <Select
              label={t('funnel.staircase')}
              value={value('staircaseId')}
              disabled={!building}
              onChange={(e) => update({ staircaseId: e.target.value })}
            >
              <option value="">{t('funnel.allStaircases')}</option>
              {building?.staircases.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </HGrid>
          <HStack gap="space-16" wrap>
            <DateField
              id="funnel-from"
              label={t('funnel.from')}
              description={t('funnel.periodHint')}
              value={value('from')}
              onChange={(from) => update({ from })}
            />
            <DateField
              id="funnel-to"
              label={t('funnel.to')}
              description={t('funnel.periodHint')}
              value={value('to')}
              onChange={(to) => update({ to })}
            />
          </HStack>
          <ExportButtons
            exporting={exporting}
            label={(format) => t(format === 'csv' ? 'funnel.exportCsv' : 'funnel.exportXlsx')}
            className="sc-no-print"
          />
          <FormProblem error={exporting.error ?? places.error ?? funnel.error} />
        </VStack>
      </search>

      {funnel.isPending ? (
        <Skeleton variant="rectangle" height="12rem" />
      ) : funnel.data ? (
        <FunnelResult funnel={funnel.data} />
      ) : null}

      {/* The comparison group in aggregate, for analysts only (decision 0049). */}
      {me.role === 'analyst' && <ComparisonGroupSection />}
    </VStack>
  );
}

function FunnelResult({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation();
  const count = useCount();
  const { stages } = funnel;
  return (
    <VStack gap="space-32">
      {funnel.suppressedBelow !== null && (
        <BodyShort>{t('funnel.suppression', { n: funnel.suppressedBelow })}</BodyShort>
      )}
      <Section id="funnel-stages" title={t('funnel.title')}>
        <FunnelChart stages={stages} />
        <ScrollTable label={t('funnel.stagesTable')}>
          <Table size="small">
            <caption className="navds-sr-only">{t('funnel.stagesTable')}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('funnel.stage')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  {t('funnel.count')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  {t('funnel.ofPrevious')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  {t('funnel.ofEligible')}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {STAGES.map((stage, i) => (
                <Table.Row key={stage}>
                  <Table.HeaderCell scope="row">{t(`funnel.stageName.${stage}`)}</Table.HeaderCell>
                  <Table.DataCell align="right">{count(stages[stage])}</Table.DataCell>
                  <Table.DataCell align="right">
                    {i === 0 ? '–' : share(stages[stage], stages[STAGES[i - 1]!])}
                  </Table.DataCell>
                  <Table.DataCell align="right">
                    {i === 0 ? '–' : share(stages[stage], stages.eligible)}
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
        <BodyShort>{t('funnel.enrolledWithoutVisit', { n: count(funnel.enrolledWithoutVisit) })}</BodyShort>
        {funnel.comparison !== undefined && (
          <BodyShort>{t('funnel.comparison', { n: count(funnel.comparison) })}</BodyShort>
        )}
      </Section>

      <Section id="funnel-months" title={t('funnel.months')}>
        {funnel.months.length === 0 ? (
          <BodyShort>{t('funnel.monthsNone')}</BodyShort>
        ) : (
          <MonthsTable months={funnel.months} />
        )}
      </Section>

      <HGrid columns={{ xs: 1, md: 2 }} gap="space-32">
        <Section id="funnel-reasons" title={t('funnel.reasons')}>
          <BodyShort size="small">{t('funnel.reasonsHint')}</BodyShort>
          <ScrollTable label={t('funnel.reasons')}>
            <Table size="small">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('funnel.reason')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" align="right">
                    {t('funnel.count')}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {funnel.reasons.map((r) => (
                  <Table.Row key={r.reason}>
                    <Table.HeaderCell scope="row">{t(`funnel.reasonName.${r.reason}`)}</Table.HeaderCell>
                    <Table.DataCell align="right">{count(r.count)}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
        </Section>
        <Section id="funnel-time" title={t('funnel.time')}>
          <TimeToEnrolment time={funnel.timeToEnrolment} />
        </Section>
      </HGrid>
    </VStack>
  );
}

function TimeToEnrolment({ time }: { time: Funnel['timeToEnrolment'] }) {
  const { t, i18n } = useTranslation();
  const count = useCount();
  const days = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  if (time.n === 0) return <BodyShort>{t('funnel.timeNone')}</BodyShort>;
  return (
    <ul className="sc-funnel-time">
      <li>{t('funnel.timeN', { n: count(time.n) })}</li>
      <li>
        {t('funnel.timeMedian', {
          days: time.median === null ? t('funnel.hidden') : days.format(time.median),
        })}
      </li>
      <li>{t('funnel.timeP75', { days: time.p75 === null ? t('funnel.hidden') : days.format(time.p75) })}</li>
    </ul>
  );
}

function MonthsTable({ months }: { months: FunnelMonth[] }) {
  const { t, i18n } = useTranslation();
  const monthName = new Intl.DateTimeFormat(i18n.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <CountsTable
      label={t('funnel.months')}
      rowHeading={t('funnel.month')}
      columns={MONTH_COLUMNS.map((key) => ({ key, heading: t(`funnel.stageName.${key}`) }))}
      rows={months.map((m) => ({
        key: m.month,
        heading: monthName.format(new Date(`${m.month}-01T00:00:00Z`)),
        counts: m,
      }))}
    />
  );
}

/**
 * The stages as horizontal bars, longest first, drawn as SVG so it prints (DESIGN.md §4). The
 * drawing is hidden from screen readers: the table beside it holds the same numbers, and the
 * figure's caption says so. Labels sit beside the bars on white, never on the bar's colour.
 */
function FunnelChart({ stages }: { stages: FunnelStages }) {
  const { t } = useTranslation();
  const count = useCount();
  const max = Math.max(1, ...STAGES.map((s) => stages[s] ?? 0));
  const row = 44;
  const labelWidth = 150;
  const barWidth = 380;
  return (
    <figure className="sc-funnel-chart">
      <svg
        viewBox={`0 0 ${labelWidth + barWidth + 80} ${row * STAGES.length}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        {STAGES.map((stage, i) => {
          const n = stages[stage];
          const width = n === null ? 0 : Math.max(n > 0 ? 2 : 0, (n / max) * barWidth);
          const y = i * row;
          return (
            <g key={stage}>
              <text x={0} y={y + row / 2 + 5} className="sc-funnel-label">
                {t(`funnel.stageName.${stage}`)}
              </text>
              {n === null ? (
                <rect
                  x={labelWidth}
                  y={y + 8}
                  width={barWidth}
                  height={row - 16}
                  className="sc-funnel-hidden"
                />
              ) : (
                <rect x={labelWidth} y={y + 8} width={width} height={row - 16} className="sc-funnel-bar" />
              )}
              <text
                x={labelWidth + (n === null ? barWidth : width) + 8}
                y={y + row / 2 + 5}
                className="sc-funnel-label"
              >
                {count(n)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <BodyShort size="small">{t('funnel.chartHint')}</BodyShort>
      </figcaption>
    </figure>
  );
}
