import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/common/common.contract';
import { translate } from '../../shared/i18n';
import type { ComparisonCounts } from '../../shared/outreach/enrollment.contract';
import type { Funnel } from '../../shared/outreach/funnel.contract';
import { type FileFormat, neutralise, workbookFile } from '../http/spreadsheet';

/**
 * The funnel as a file (decision 0050). One table in long form — part, item, month, count — so
 * every figure of the page is one row a spreadsheet can filter and pivot, in CSV and XLSX alike;
 * the cut (area, building, staircase, period) heads it. A hidden (suppressed) count is the word
 * for hidden, never an empty cell that could be read as 0. Place names are typed by people:
 * neutralised, as every export's text is. The comparison group per area follows for analysts, as
 * the page's section shows it (decision 0060): for the whole municipality, its own minimum, and
 * no total.
 */
export async function funnelFile(
  funnel: Funnel,
  format: FileFormat,
  locale: Locale,
  group?: ComparisonCounts,
): Promise<Buffer> {
  const t = (key: string) => translate(locale, `exports.funnel.${key}`);
  const hidden = t('hidden');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('sheet'));
  sheet.columns = [
    { header: t('part'), key: 'part', width: 28 },
    { header: t('item'), key: 'item', width: 32 },
    { header: t('month'), key: 'month', width: 12 },
    { header: t('value'), key: 'value', width: 14 },
  ];
  const row = (part: string, item: string, value: number | string | null, month = '') =>
    sheet.addRow({ part, item, month, value: value === null ? hidden : value });
  const { cut } = funnel;
  const all = t('all');
  row(t('cut'), t('area'), neutralise(cut.areaName ?? all));
  row(t('cut'), t('building'), neutralise(cut.buildingName ?? all));
  row(t('cut'), t('staircase'), neutralise(cut.staircaseName ?? all));
  row(t('cut'), t('from'), cut.from ?? '');
  row(t('cut'), t('to'), cut.to ?? '');
  if (funnel.suppressedBelow !== null) row(t('cut'), t('suppressedBelow'), funnel.suppressedBelow);
  for (const stage of ['eligible', 'contacted', 'talked', 'interested', 'enrolled'] as const)
    row(t('stages'), t(`stage.${stage}`), funnel.stages[stage]);
  row(t('stages'), t('enrolledWithoutVisit'), funnel.enrolledWithoutVisit);
  if (funnel.comparison !== undefined) row(t('stages'), t('comparison'), funnel.comparison);
  for (const m of funnel.months)
    for (const key of ['contacted', 'talked', 'interested', 'notInterested', 'enrolled'] as const)
      row(t('months'), t(`stage.${key}`), m[key], m.month);
  for (const r of funnel.reasons) row(t('reasons'), t(`reason.${r.reason}`), r.count);
  row(t('time'), t('timeN'), funnel.timeToEnrolment.n);
  row(t('time'), t('timeMedian'), funnel.timeToEnrolment.median);
  row(t('time'), t('timeP75'), funnel.timeToEnrolment.p75);
  if (group) {
    row(t('group'), t('groupMinimum'), group.minimumCell);
    for (const a of group.areas)
      for (const key of ['households', 'adults', 'children'] as const)
        row(t('group'), neutralise(`${a.areaName}: ${t(`groupCount.${key}`)}`), a[key]);
  }

  return workbookFile(workbook, format, locale);
}
