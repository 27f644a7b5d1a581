import { cprBirthDate, normaliseCpr } from '../../shared/families/cpr';
import type { ImportColumn } from '../../shared/outreach/import-format';
import type { RowError } from '../../shared/outreach/outreach.contract';
import type { Cell, ReadRow } from './import.read';

/*
 * One row of the register extract checked and made uniform (docs/import-format.md): dates as
 * dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or yyyy-mm-dd; months with a decimal comma or point; a
 * floor as "st", "kl" or a number; a CPR number with or without its dash. Every problem of the
 * row is listed (not only the first), by column, as an i18n key under outreach.importError.
 */

export type Role = 'parent' | 'other_adult' | 'child';

export interface CheckedRow {
  line: number;
  householdKey: string;
  street: string;
  number: string;
  entrance: string;
  floor: number | null;
  floorLabel: string | null;
  door: string;
  postalCode: string | null;
  cpr: string | null;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  role: Role | null;
  unemployedMonths: number | null;
  livesAtHome: boolean | null;
  errors: RowError[];
}

const text = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
};

/** A cell that would be a formula in a spreadsheet. Never run; refused in names and addresses. */
export const looksLikeFormula = (value: string) => /^[=+@]/.test(value) || /^-[^0-9]/.test(value);

const pad = (n: string) => n.padStart(2, '0');
const realDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** "05-03-1984", "5.3.1984", "1984-03-05" or an XLSX date → "1984-03-05"; null when not a date. */
export function parseDate(c: Cell | undefined): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  const v = text(c);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return realDate(+m[1]!, +m[2]!, +m[3]!) ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : null;
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(v);
  if (m) return realDate(+m[3]!, +m[2]!, +m[1]!) ? `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}` : null;
  return null;
}

/** "12", "12,5", "12.5", " 1.234,5 " → a number; null when empty; NaN when not a number. */
export function parseDecimal(c: Cell | undefined): number | null {
  if (typeof c === 'number') return c;
  const v = text(c).replace(/\s/g, '');
  if (v === '') return null;
  const normal = v.includes(',') ? v.replace(/\./g, '').replace(',', '.') : v;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/** "st", "st.", "stuen" → 0; "kl" → −1; "1", "1." → 1. */
export function parseFloor(c: Cell | undefined): number | null | 'bad' {
  const v = text(c)
    .toLocaleLowerCase('da')
    .replace(/\.$/, '')
    .replace(/\s*sal$/, '');
  if (v === '') return null;
  if (v === 'st' || v === 'stuen' || v === 'gf') return 0;
  if (v === 'kl' || v === 'kælder' || v === 'k') return -1;
  return /^-?\d{1,2}$/.test(v) ? Number(v) : 'bad';
}

const roles: Record<string, Role> = {
  parent: 'parent',
  forælder: 'parent',
  foraelder: 'parent',
  forsørger: 'parent',
  mor: 'parent',
  far: 'parent',
  voksen: 'other_adult',
  'anden voksen': 'other_adult',
  other_adult: 'other_adult',
  adult: 'other_adult',
  barn: 'child',
  child: 'child',
};

const yesNo = (c: Cell | undefined): boolean | null | 'bad' => {
  const v = text(c).toLocaleLowerCase('da');
  if (v === '') return null;
  if (['ja', 'j', 'yes', 'y', '1', 'true', 'x'].includes(v)) return true;
  if (['nej', 'n', 'no', '0', 'false'].includes(v)) return false;
  return 'bad';
};

/** Age in whole years on `today`. */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function checkRow(row: ReadRow, today: string): CheckedRow {
  const errors: RowError[] = row.unreadable ? [{ column: null, code: 'unreadable' }] : [];
  if (row.unreadable) return unreadableRow(row.line, errors);
  const c = row.cells;
  const field = (col: ImportColumn, max: number, required = false): string => {
    const v = text(c[col]);
    if (required && v === '') errors.push({ column: col, code: 'required' });
    else if (looksLikeFormula(v)) errors.push({ column: col, code: 'formula' });
    else if (v.length > max) errors.push({ column: col, code: 'tooLong' });
    return v;
  };
  const street = field('street', 100, true);
  const number = field('number', 10, true);
  const entrance = field('entrance', 10);
  const door = field('door', 10);
  const firstName = field('firstName', 100, true);
  const lastName = field('lastName', 100, true);
  const householdKey = field('householdKey', 100);
  const postal = text(c.postalCode);
  const postalCode = postal === '' ? null : postal;
  if (postalCode !== null && !/^\d{4}$/.test(postalCode))
    errors.push({ column: 'postalCode', code: 'postalCode' });
  const floorValue = parseFloor(c.floor);
  if (floorValue === 'bad') errors.push({ column: 'floor', code: 'floor' });

  const cprText = text(c.cpr);
  const cpr = cprText === '' ? null : normaliseCpr(cprText);
  if (cprText !== '' && cpr === null) errors.push({ column: 'cpr', code: 'cpr' });
  let birthDate = c.birthDate === undefined || text(c.birthDate) === '' ? null : parseDate(c.birthDate);
  if (birthDate === null && text(c.birthDate) !== '') errors.push({ column: 'birthDate', code: 'date' });
  const fromCpr = cpr ? cprBirthDate(cpr) : null;
  if (birthDate && fromCpr && birthDate !== fromCpr)
    errors.push({ column: 'birthDate', code: 'cprDateMismatch' });
  birthDate ??= fromCpr;
  if (!cpr && !birthDate && cprText === '') errors.push({ column: 'birthDate', code: 'cprOrBirthDate' });
  if (birthDate && (birthDate < '1900-01-01' || birthDate > today))
    errors.push({ column: 'birthDate', code: 'dateOutOfRange' });

  const roleText = text(c.role).toLocaleLowerCase('da');
  let role: Role | null = roleText === '' ? null : (roles[roleText] ?? null);
  if (roleText !== '' && role === null) errors.push({ column: 'role', code: 'role' });
  if (role === null && roleText === '' && birthDate) role = ageOn(birthDate, today) < 18 ? 'child' : 'parent';

  const months = parseDecimal(c.unemployedMonths);
  if (months !== null && (Number.isNaN(months) || months < 0 || months > 600))
    errors.push({ column: 'unemployedMonths', code: 'months' });
  const home = yesNo(c.livesAtHome);
  if (home === 'bad') errors.push({ column: 'livesAtHome', code: 'yesNo' });

  const floor = floorValue === 'bad' ? null : floorValue;
  const floorLabel = floor === null ? null : floor === 0 ? 'st' : floor === -1 ? 'kl' : String(floor);
  return {
    line: row.line,
    householdKey: householdKey || addressKey(street, number, entrance, floorLabel, door, postalCode),
    street,
    number,
    entrance,
    floor,
    floorLabel,
    door,
    postalCode,
    cpr,
    firstName,
    lastName,
    birthDate,
    role,
    unemployedMonths: months === null || Number.isNaN(months) ? null : months,
    livesAtHome: home === 'bad' ? null : home,
    errors,
  };
}

/** The household of a row without a household key: everyone at the same address. */
export function addressKey(
  street: string,
  number: string,
  entrance: string,
  floor: string | null,
  door: string,
  postalCode: string | null,
): string {
  return [
    '@',
    street.toLocaleLowerCase('da'),
    number.toLocaleLowerCase('da'),
    entrance,
    floor ?? '',
    door,
    postalCode ?? '',
  ]
    .join('|')
    .replace(/\s+/g, ' ');
}

/** "Gudrunsvej 18, 2. tv" — the address as written on a letter. */
export function addressText(
  r: Pick<CheckedRow, 'street' | 'number' | 'entrance' | 'floorLabel' | 'door'>,
): string {
  const where = [
    r.floorLabel === null
      ? ''
      : r.floorLabel === 'st' || r.floorLabel === 'kl'
        ? r.floorLabel
        : `${r.floorLabel}.`,
    r.door,
  ]
    .filter((s) => s !== '')
    .join(' ');
  return `${r.street} ${r.number}${r.entrance}${where ? `, ${where}` : ''}`;
}

/** A line the CSV reader could not split: only its line number and the error are kept. */
function unreadableRow(line: number, errors: RowError[]): CheckedRow {
  return {
    line,
    householdKey: `!${line}`,
    street: '',
    number: '',
    entrance: '',
    floor: null,
    floorLabel: null,
    door: '',
    postalCode: null,
    cpr: null,
    firstName: '',
    lastName: '',
    birthDate: null,
    role: null,
    unemployedMonths: null,
    livesAtHome: null,
    errors,
  };
}
