import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type FileShape, readRegisterFile } from '../../../src/server/outreach/import.read';
import { checkRow, parseDate, parseDecimal, parseFloor } from '../../../src/server/outreach/import.row';

async function readAll(data: Buffer | string, chunk = 7) {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf-8') : data;
  // Small chunks: a multi-byte character and the header are cut between chunks.
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  let shape: FileShape | null = null;
  const rows = [];
  for await (const row of readRegisterFile(chunks(), (s) => {
    shape = s;
  }))
    rows.push(row);
  return { shape: shape as unknown as FileShape, rows };
}

const header = 'Vejnavn;Husnr;Etage;Dør;Postnr;CPR;Fornavn;Efternavn;Fødselsdato;Ledighed måneder';
const line = 'Gudrunsvej;18;2;tv;8220;;Søren;Ærø;05-03-1984;14,5';

describe('readRegisterFile', () => {
  it('reads semicolon CSV in UTF-8 with a byte-order mark, æøå intact', async () => {
    const { shape, rows } = await readAll(`\uFEFF${header}\r\n${line}\r\n`);
    expect(shape.format).toBe('csv;utf-8-bom');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells).toMatchObject({ street: 'Gudrunsvej', firstName: 'Søren', lastName: 'Ærø' });
  });

  it('reads Windows-1252 (Danish Excel) without a byte-order mark', async () => {
    const latin1 = Buffer.from(`${header}\n${line}\n`, 'latin1');
    const { shape, rows } = await readAll(latin1, 5);
    expect(shape.format).toBe('csv;windows-1252');
    expect(rows[0]!.cells.lastName).toBe('Ærø');
  });

  it('reads comma CSV with quoted commas, skips empty lines, ignores and reports extra columns', async () => {
    const csv = `Street,Number,First name,Last name,Birth date,Shoe size\n\n"Dortesvej",4,"Ali, Jr.",Hassan,1980-01-02,44\n,,,,,\n\n`;
    const { shape, rows } = await readAll(csv);
    expect(shape.format).toBe('csv,utf-8');
    expect(shape.extraColumns).toEqual(['Shoe size']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells).toMatchObject({ firstName: 'Ali, Jr.', birthDate: '1980-01-02' });
    expect(rows[0]!.line).toBe(3);
  });

  it('reads the first sheet of an XLSX file; a formula cell comes as its text, never its result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Udtræk');
    ws.addRow(['Vej', 'Husnr', 'Fornavn', 'Efternavn', 'Fødselsdato']);
    ws.addRow([
      'Bentesvej',
      7,
      { formula: 'HYPERLINK("http://x","y")', result: 'y' },
      'Jensen',
      new Date(Date.UTC(1990, 4, 6)),
    ]);
    const { shape, rows } = await readAll(Buffer.from(await wb.xlsx.writeBuffer()), 4096);
    expect(shape.format).toBe('xlsx');
    expect(rows[0]!.cells.firstName).toBe('=HYPERLINK("http://x","y")');
    const checked = checkRow(rows[0]!, '2026-12-07');
    expect(checked.errors).toContainEqual({ column: 'firstName', code: 'formula' });
    expect(checked.birthDate).toBe('1990-05-06');
  });
});

describe('checkRow and its parsers', () => {
  it('dates as dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd; not 31-02', () => {
    expect(parseDate('05-03-1984')).toBe('1984-03-05');
    expect(parseDate('5.3.1984')).toBe('1984-03-05');
    expect(parseDate('1984-03-05')).toBe('1984-03-05');
    expect(parseDate('31-02-1984')).toBeNull();
    expect(parseDate('84-03-05')).toBeNull();
  });

  it('decimal commas and points; thousands points with a comma', () => {
    expect(parseDecimal('14,5')).toBe(14.5);
    expect(parseDecimal('14.5')).toBe(14.5);
    expect(parseDecimal('1.234,5')).toBe(1234.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('fjorten')).toBeNaN();
  });

  it('floors: st, kl and numbers', () => {
    expect(parseFloor('st.')).toBe(0);
    expect(parseFloor('kl')).toBe(-1);
    expect(parseFloor('3.')).toBe(3);
    expect(parseFloor('tag')).toBe('bad');
  });

  it('a row with several problems lists each of them by column', () => {
    const r = checkRow(
      {
        line: 4,
        cells: {
          street: '',
          number: '3',
          firstName: '=1+1',
          lastName: 'X',
          cpr: '310299-1234',
          unemployedMonths: 'mange',
        },
      },
      '2026-12-07',
    );
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { column: 'street', code: 'required' },
        { column: 'firstName', code: 'formula' },
        { column: 'cpr', code: 'cpr' },
        { column: 'unemployedMonths', code: 'months' },
      ]),
    );
  });

  it('the birth date comes from the CPR number; the role from the age when not given', () => {
    const adult = checkRow(
      { line: 2, cells: { street: 'A', number: '1', firstName: 'A', lastName: 'B', cpr: '0503841234' } },
      '2026-12-07',
    );
    expect(adult).toMatchObject({ cpr: '050384-1234', birthDate: '1984-03-05', role: 'parent', errors: [] });
    const child = checkRow(
      {
        line: 3,
        cells: { street: 'A', number: '1', firstName: 'C', lastName: 'B', birthDate: '01-01-2015' },
      },
      '2026-12-07',
    );
    expect(child.role).toBe('child');
  });

  it('a CPR number and a birth date that disagree are an error', () => {
    const r = checkRow(
      {
        line: 2,
        cells: {
          street: 'A',
          number: '1',
          firstName: 'A',
          lastName: 'B',
          cpr: '050384-1234',
          birthDate: '06-03-1984',
        },
      },
      '2026-12-07',
    );
    expect(r.errors).toContainEqual({ column: 'birthDate', code: 'cprDateMismatch' });
  });
});
