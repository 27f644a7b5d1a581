import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/common/common.contract';
import { translate } from '../../shared/i18n';

export interface ExportRow {
  reference: string;
  adultNames: string[];
  address: string;
  areaName: string;
  adultCount: number;
  childCount: number;
  pair: string[];
  status: 'enrolled' | 'exited';
  enrolledOn: string | null;
}

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets
 * a leading apostrophe: names and addresses are typed by people, and an export must not run
 * what someone typed (OWASP "CSV injection").
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const columns = [
  'reference',
  'adults',
  'address',
  'area',
  'adultCount',
  'childCount',
  'pair',
  'status',
  'enrolledOn',
] as const;

/**
 * The family list as CSV (UTF-8 with BOM, so spreadsheets read æøå; semicolons in Danish, commas
 * in English) or XLSX, headers translated.
 */
export async function familiesFile(
  rows: ExportRow[],
  format: 'csv' | 'xlsx',
  locale: Locale,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'exports.families.sheet'));
  sheet.columns = columns.map((key) => ({
    header: translate(locale, `exports.families.${key}`),
    key,
    width: 20,
  }));
  for (const r of rows) {
    sheet.addRow({
      reference: neutralise(r.reference),
      adults: neutralise(r.adultNames.join(', ')),
      address: neutralise(r.address),
      area: neutralise(r.areaName),
      adultCount: r.adultCount,
      childCount: r.childCount,
      pair: neutralise(r.pair.join(', ')),
      status: translate(locale, `enums.familyStatus.${r.status}`),
      enrolledOn: r.enrolledOn ?? '',
    });
  }
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  // Danish spreadsheets take the comma as the decimal sign and split a CSV file on semicolons.
  const delimiter = locale === 'da' ? ';' : ',';
  const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter } }));
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), csv]);
}
