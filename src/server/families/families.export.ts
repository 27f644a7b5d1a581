import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/common/common.contract';
import { translate } from '../../shared/i18n';
import { type FileFormat, neutralise, workbookFile } from '../http/spreadsheet';

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
 * How a date cell shows in the spreadsheet, as the user's language writes dates: Danish
 * 02-11-2026, English 2026-11-02. The cell holds the date itself, whatever it shows.
 */
export const xlsxDateFormat: Record<Locale, string> = { da: 'dd-mm-yyyy', en: 'yyyy-mm-dd' };

/**
 * A calendar day (yyyy-mm-dd) as an XLSX date cell: midnight UTC, which ExcelJS writes as the
 * day's whole serial number (no time of day, so no time zone can move it to another day).
 */
function xlsxDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * The family list as CSV (UTF-8 with BOM, so spreadsheets read æøå; semicolons in Danish, commas
 * in English) or XLSX, headers translated. In XLSX, dates are date cells with the user's date
 * format and counts are numbers, so a spreadsheet sorts and filters them as such; CSV keeps
 * ISO dates (yyyy-mm-dd), which every spreadsheet reads the same.
 */
export async function familiesFile(rows: ExportRow[], format: FileFormat, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'exports.families.sheet'));
  sheet.columns = columns.map((key) => ({
    header: translate(locale, `exports.families.${key}`),
    key,
    width: 20,
    ...(key === 'enrolledOn' && format === 'xlsx' ? { style: { numFmt: xlsxDateFormat[locale] } } : {}),
  }));
  for (const r of rows) {
    sheet.addRow({
      reference: neutralise(r.reference),
      adults: neutralise(r.adultNames.join(', ')),
      address: neutralise(r.address),
      area: neutralise(r.areaName),
      adultCount: Number(r.adultCount),
      childCount: Number(r.childCount),
      pair: neutralise(r.pair.join(', ')),
      status: translate(locale, `enums.familyStatus.${r.status}`),
      enrolledOn: format === 'csv' ? (r.enrolledOn ?? '') : r.enrolledOn && xlsxDate(r.enrolledOn),
    });
  }
  return workbookFile(workbook, format, locale);
}
