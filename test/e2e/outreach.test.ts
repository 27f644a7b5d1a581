import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { staffOf } from '../support/factories';
import type { Harness } from '../support/harness';
import { TEST_PASSWORD } from '../support/harness';
import { expectAccessible, launchBrowser, startApp } from './support';

/**
 * Issue 15 §1–2, the main path: the team leader uploads a register extract, sees the preview
 * (a row with an error first, then a clean file), saves it, and opens the building picture with
 * its legend and table. Axe at 1366 and 390 px on the import, the buildings and the picture.
 */
describe('outreach: import and building picture, in the browser', () => {
  let harness: Harness;
  let url: string;
  let browser: Browser;
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    ({ harness, url } = await startApp());
    browser = await launchBrowser();
    m = await harness.municipality({ families: 1, adults: 1, children: 1 });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.app.close();
    await harness?.db.close();
  });

  async function signIn(username: string, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    return page;
  }

  const csv = (firstName: string) =>
    Buffer.from(
      [
        'Vejnavn;Husnr;Etage;Dør;Postnr;Fornavn;Efternavn;Fødselsdato;Ledighed måneder;Hjemmeboende',
        `Gudrunsvej;18;2;tv;8220;${firstName};Ærø;05-03-1984;14,5;`,
        'Gudrunsvej;18;2;tv;8220;Ølse;Ærø;02-02-2016;;ja',
        'Gudrunsvej;18;st;th;8220;Jens;Hansen;12-06-1988;3;',
      ].join('\r\n'),
      'utf-8',
    );

  it('uploads, previews, saves and shows the building, accessible at 1366 and 390 px', async () => {
    const leader = staffOf(m).leader;
    for (const width of [1366, 390]) {
      const page = await signIn(leader.username, width);
      await page.getByRole('link', { name: 'Outreach' }).first().click();
      await page.getByRole('heading', { name: 'Outreach', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Upload a register extract' }).click();
      await page.getByRole('heading', { name: 'Upload a register extract', level: 1 }).waitFor();
      if (width === 1366) {
        // A formula in a name: shown as the row's error, and nothing can be saved.
        await page
          .getByLabel('File')
          .setInputFiles({ name: 'udtraek.csv', mimeType: 'text/csv', buffer: csv('=1+1') });
        await page.getByRole('button', { name: 'Read the file' }).click();
        await page.getByText('Rows with errors: 1').waitFor();
        await page.getByText('First name is a formula (never run)').waitFor();
        await page.getByText('Correct the errors in the file and upload it again').waitFor();
        await expectAccessible(page, `import preview with errors at ${width}`);
        await page
          .getByLabel('File')
          .setInputFiles({ name: 'udtraek.csv', mimeType: 'text/csv', buffer: csv('Søren') });
        await page.getByRole('button', { name: 'Read the file' }).click();
        await page.getByText('New households: 2').waitFor();
        await page.getByRole('button', { name: 'Save all households' }).click();
        await page.getByText('The import is saved: 2 households').waitFor();
      } else {
        await page
          .getByLabel('File')
          .setInputFiles({ name: 'udtraek.csv', mimeType: 'text/csv', buffer: csv('Søren') });
        await page.getByRole('button', { name: 'Read the file' }).click();
        // The same file again: the households are found, not created twice.
        await page.getByText('Households to update: 2').waitFor();
        await page.getByText('New households: 0').waitFor();
      }
      await expectAccessible(page, `import preview at ${width}`);

      await page.getByRole('link', { name: 'Outreach' }).first().click();
      await page.getByRole('link', { name: 'Gudrunsvej 18' }).click();
      await page.getByRole('heading', { name: 'Gudrunsvej 18', level: 1 }).waitFor();
      const table = page.getByRole('region', { name: 'The apartments as a table' });
      await table.getByText('Eligible', { exact: true }).waitFor();
      await expect(table.getByText('Not eligible', { exact: true }).count()).resolves.toBeGreaterThan(0);
      await expect(page.getByRole('list', { name: 'Legend' }).getByRole('listitem').count()).resolves.toBe(
        10,
      );
      await expectAccessible(page, `building picture at ${width}`);
      await page.context().close();
    }
  });
});
