/*
 * The register extract's columns (docs/import-format.md): one row per person, the household
 * given by a household key or else by the address. Headers are matched folded (case, spaces,
 * æ/ø/å, punctuation), in Danish or English; unknown columns are ignored and reported.
 */

export const IMPORT_COLUMNS = [
  'householdKey',
  'street',
  'number',
  'entrance',
  'floor',
  'door',
  'postalCode',
  'cpr',
  'firstName',
  'lastName',
  'birthDate',
  'role',
  'unemployedMonths',
  'livesAtHome',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a file must have; `cpr` or `birthDate` is checked per row. */
export const REQUIRED_COLUMNS: ImportColumn[] = ['street', 'number', 'firstName', 'lastName'];

/** Header names accepted per column, folded with `foldHeader`. */
export const COLUMN_ALIASES: Record<ImportColumn, string[]> = {
  householdKey: ['husstand', 'husstandsnr', 'husstandsnummer', 'householdkey', 'household', 'householdid'],
  street: ['vej', 'vejnavn', 'gade', 'street', 'streetname'],
  number: ['husnr', 'husnummer', 'nr', 'number', 'housenumber', 'buildingnumber'],
  entrance: ['opgang', 'indgang', 'entrance', 'staircase'],
  floor: ['etage', 'sal', 'floor'],
  door: ['doer', 'dor', 'side', 'door', 'doerbetegnelse'],
  postalCode: ['postnr', 'postnummer', 'postalcode', 'zip', 'postcode'],
  cpr: ['cpr', 'cprnr', 'cprnummer', 'personnummer'],
  firstName: ['fornavn', 'fornavne', 'firstname', 'givenname'],
  lastName: ['efternavn', 'lastname', 'surname', 'familyname'],
  birthDate: ['foedselsdato', 'fodselsdato', 'fdato', 'birthdate', 'dateofbirth', 'dob'],
  role: ['rolle', 'role', 'relation'],
  unemployedMonths: [
    'ledighedmaaneder',
    'ledigmaaneder',
    'maanederledig',
    'ledighed',
    'unemployedmonths',
    'monthsunemployed',
    'unemployment',
  ],
  livesAtHome: ['hjemmeboende', 'bordhjemme', 'boerhjemme', 'livesathome', 'athome'],
};

/** "Fødselsdato", "FØDSELS-DATO", " fødsels dato " → "foedselsdato". */
export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLocaleLowerCase('da')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

const byAlias = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((c) => COLUMN_ALIASES[c].map((a) => [a, c] as const)),
);

export function columnOf(header: string): ImportColumn | null {
  return byAlias.get(foldHeader(header)) ?? null;
}
