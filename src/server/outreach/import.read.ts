import { Readable } from 'node:stream';
import { type Options, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { columnOf, type ImportColumn } from '../../shared/outreach/import-format';

/*
 * Reading a register extract as a stream of rows (docs/import-format.md), whatever it is: CSV
 * separated by semicolons, commas or tabs; UTF-8 with or without a byte-order mark, or
 * Windows-1252 (the Danish Excel default) — or an XLSX workbook (its first sheet). Nothing is
 * held but the current chunk and row, so a 100 MB file reads in flat memory. A cell is text: a
 * formula is never run — an XLSX formula cell is read as its formula ("=…"), which the row
 * check then refuses.
 */

export type Cell = string | Date | number | null;
export interface ReadRow {
  /** The row's line in the file (the header is line 1), as the user sees it in a spreadsheet. */
  line: number;
  cells: Partial<Record<ImportColumn, Cell>>;
  /** The line could not be split into cells (a stray quote): kept as a row error, not a failure. */
  unreadable?: true;
}

export interface FileShape {
  /** "csv;utf-8-bom", "csv,windows-1252", "xlsx" */
  format: string;
  columns: ImportColumn[];
  extraColumns: string[];
}

export interface ReadOptions {
  onBytes?: (bytesRead: number) => void;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

/** The first chunk of at least `min` bytes (or the whole input), and an iterator of the rest. */
async function firstBytes(input: AsyncIterable<Buffer | string>, min: number) {
  const iterator = input[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < min) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    parts.push(chunk);
    size += chunk.length;
  }
  return { head: Buffer.concat(parts), rest: iterator, done };
}

async function* chunksOf(head: Buffer, rest: AsyncIterator<Buffer | string>, done: boolean, o: ReadOptions) {
  let read = head.length;
  o.onBytes?.(read);
  if (head.length > 0) yield head;
  if (done) return;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    read += chunk.length;
    o.onBytes?.(read);
    yield chunk;
  }
}

/** UTF-8 if the first 64 KiB decode as UTF-8 (a multi-byte character cut at the end allowed). */
function looksLikeUtf8(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The delimiter of the header line: the most frequent of ; , and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![1] > 0
    ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    : ';';
}

/**
 * Reads the file; `onShape` is told the format and the columns once the header is read (before
 * the first row). Throws `ImportFileError` for a file that is not one we can read.
 */
export async function* readRegisterFile(
  input: AsyncIterable<Buffer | string>,
  onShape: (shape: FileShape) => void,
  o: ReadOptions = {},
): AsyncGenerator<ReadRow> {
  const { head, rest, done } = await firstBytes(input, 64 * 1024);
  if (head.length === 0) throw new ImportFileError('empty');
  if (startsWith(head, ZIP_MAGIC)) {
    yield* readXlsx(chunksOf(head, rest, done, o), onShape);
    return;
  }
  const bom = startsWith(head, UTF8_BOM);
  const encoding = bom || looksLikeUtf8(head) ? 'utf-8' : 'windows-1252';
  const decoder = new TextDecoder(encoding);
  const delimiter = detectDelimiter(decoder.decode(head.subarray(bom ? 3 : 0, 8192), { stream: false }));
  const format = `csv${delimiter === '\t' ? 'tab' : delimiter}${encoding}${bom ? '-bom' : ''}`;
  async function* text() {
    const d = new TextDecoder(encoding);
    let first = true;
    for await (const chunk of chunksOf(head, rest, done, o)) {
      const part = first && bom ? chunk.subarray(3) : chunk;
      first = false;
      yield d.decode(part, { stream: true });
    }
    const tail = d.decode();
    if (tail) yield tail;
  }
  const skipped: number[] = [];
  // `on_skip` (csv-parse 5.5+) is not in its typings: a line with a stray quote is reported by it.
  const options: Options & { on_skip: (error: { lines?: number } | undefined) => void } = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      skipped.push(error?.lines ?? 0);
    },
    trim: true,
    info: true,
  };
  const parser = Readable.from(text()).pipe(parse(options));
  let columns: (ImportColumn | null)[] | null = null;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length > 0) yield { line: skipped.shift()!, cells: {}, unreadable: true };
    if (!columns) {
      columns = shapeOf(record.record, format, onShape);
      continue;
    }
    yield { line: record.info.lines, cells: cellsOf(columns, record.record) };
  }
  if (!columns) throw new ImportFileError('noHeader');
  while (skipped.length > 0) yield { line: skipped.shift()!, cells: {}, unreadable: true };
}

function shapeOf(headers: unknown[], format: string, onShape: (s: FileShape) => void) {
  const columns = headers.map((h) => columnOf(String(h ?? '')));
  const extraColumns = headers
    .filter((h, i) => columns[i] === null && String(h ?? '').trim() !== '')
    .map((h) => String(h).trim());
  onShape({ format, columns: columns.filter((c): c is ImportColumn => c !== null), extraColumns });
  return columns;
}

function cellsOf(columns: (ImportColumn | null)[], values: Cell[]): ReadRow['cells'] {
  const cells: ReadRow['cells'] = {};
  columns.forEach((c, i) => {
    if (c && cells[c] === undefined) cells[c] = values[i] ?? null;
  });
  return cells;
}

/** An XLSX cell as text, a number or a date; a formula as its text, never its result. */
function xlsxCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (typeof value === 'object') {
    const v = value as {
      formula?: string;
      sharedFormula?: string;
      richText?: { text: string }[];
      text?: string;
    };
    if (v.formula !== undefined) return `=${v.formula}`;
    if (v.sharedFormula !== undefined) return `=${v.sharedFormula}`;
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

async function* readXlsx(
  chunks: AsyncIterable<Buffer>,
  onShape: (s: FileShape) => void,
): AsyncGenerator<ReadRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    let columns: (ImportColumn | null)[] | null = null;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map(xlsxCell);
      if (values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
      if (!columns) {
        columns = shapeOf(values, 'xlsx', onShape);
        continue;
      }
      yield { line: row.number, cells: cellsOf(columns, values) };
    }
    if (!columns) throw new ImportFileError('noHeader');
    return; // the first sheet only
  }
  throw new ImportFileError('noHeader');
}

export class ImportFileError extends Error {
  constructor(readonly code: 'empty' | 'noHeader' | 'unreadable' | 'tooLarge' | 'missingColumns') {
    super(`import file: ${code}`);
  }
}
