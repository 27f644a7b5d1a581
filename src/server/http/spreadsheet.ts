import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../shared/common/common.contract';
import { today } from '../../shared/common/today';

/* What every export (the family list, the outreach funnel) does alike: format, safety, download. */

export type FileFormat = 'csv' | 'xlsx';

/** An export's response: the file itself, which Fastify sends as the Buffer it is, unserialised. */
export const fileResponse = z.unknown().describe('text/csv or XLSX');

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets
 * a leading apostrophe: names and addresses are typed by people, and an export must not run
 * what someone typed (OWASP "CSV injection").
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The workbook as XLSX, or its sheet as CSV: UTF-8 with a BOM, so spreadsheets read æøå; semicolons
 * in Danish (Danish spreadsheets take the comma as the decimal sign and split a CSV file on
 * semicolons), commas in English.
 */
export async function workbookFile(workbook: ExcelJS.Workbook, format: FileFormat, locale: Locale) {
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  const delimiter = locale === 'da' ? ';' : ',';
  const csv = Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter } }));
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), csv]);
}

/** Sends an export as a download, `<name>-<day>.<format>`, never kept in a cache. */
export function sendFile(reply: FastifyReply, name: string, format: FileFormat, file: Buffer) {
  // Named by Denmark's date, the day the user sees (a UTC date is yesterday's after midnight).
  return reply
    .header('content-disposition', `attachment; filename="${name}-${today()}.${format}"`)
    .header('cache-control', 'no-store')
    .type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .send(file);
}
