import type { Locator, Page } from 'playwright-core';

/**
 * Steps the outreach browser tests share (issue 15): uploading a register extract, recording a
 * visit at a door, giving consent in the enrollment flow, reading the funnel's stages. The
 * labels are English unless a step says otherwise.
 */

/** The register extract's columns (docs/import-format.md), as the municipality's system writes them. */
const REGISTER_HEADER =
  'Vejnavn;Husnr;Etage;Dør;Postnr;Fornavn;Efternavn;Fødselsdato;Ledighed måneder;Hjemmeboende';

/** A semicolon CSV register extract with Windows line ends, from its rows (the header added). */
export const registerCsv = (rows: readonly string[]): Buffer =>
  Buffer.from([REGISTER_HEADER, ...rows].join('\r\n'), 'utf-8');

/** Chooses the file on the import page (English or Danish) and has it read; the preview is the caller's to wait for. */
export async function readRegisterFile(page: Page, buffer: Buffer) {
  await page.getByLabel(/^(File|Fil)$/).setInputFiles({ name: 'udtraek.csv', mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: /^(Read the file|Læs filen)$/ }).click();
}

/** The door on the walk page whose household a person of that name belongs to. */
export const doorOf = (page: Page, name: string): Locator =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(name) }) });

/** Records a visit at a door: the outcome, any further fields, then saves it. */
export async function recordVisit(
  page: Page,
  name: string,
  outcome: string,
  fill?: (door: Locator) => Promise<void>,
) {
  const door = doorOf(page, name);
  await door.getByRole('button', { name: outcome, exact: true }).click();
  await fill?.(door);
  await door.getByRole('button', { name: 'Save the visit' }).click();
}

/** Opens the walk page from Outreach and chooses the staircase; its doors are listed when this returns. */
export async function walkStaircase(page: Page, building: string, staircase: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Outreach' }).first().click();
  await page.getByRole('link', { name: 'Walk a staircase: record visits' }).click();
  await page.getByRole('heading', { name: 'Visits at the door', level: 1 }).waitFor();
  await page.getByLabel('Building').selectOption({ label: building });
  await page.getByLabel('Staircase', { exact: true }).selectOption({ label: staircase });
  const list = page.getByRole('list', { name: 'The doors of the staircase' });
  await list.waitFor();
  return list;
}

/**
 * The enrollment flow's consent step as a family signing on paper with an Arabic interpreter:
 * sharing across departments is ticked already. Moves on to the pair.
 */
export async function consentSignedWithInterpreter(page: Page) {
  await page.getByRole('radio', { name: 'Signed on paper' }).check();
  await page.getByRole('checkbox', { name: 'An interpreter took part' }).check();
  await chooseConsentLanguage(page, 'Arab', 'Arabic');
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Picks the language the consent was explained in by typing the start of its name. */
export async function chooseConsentLanguage(page: Page, typed: string, name: string) {
  await page.getByRole('combobox', { name: 'Language the consent was explained in' }).fill(typed);
  await page.getByRole('option', { name, exact: true }).click();
}

/** The enrollment flow's baseline step: an adult's years without work, a child's school and absence. */
export async function fillBaseline(page: Page) {
  const years = page.getByLabel('Years without work before enrolment', { exact: false }).first();
  await years.waitFor();
  await years.fill('2,5');
  await page.getByLabel('School', { exact: true }).fill('Ellekærskolen');
  await page.getByLabel('Absence last term', { exact: false }).fill('12');
}

/** The number in the funnel's stages table for a stage (a table from 640 px up; cards below). */
export const stageCount = (page: Page, stage: string) =>
  page
    .getByRole('region', { name: /The funnel as a table|Tragten som tabel/ })
    .getByRole('row', { name: new RegExp(`^${stage}`) })
    .getByRole('cell')
    .first()
    .textContent();
