import { describe, expect, it } from 'vitest';
import { staffOf } from '../support/factories';
import { readRegisterFile, registerCsv } from './outreach-steps';
import { appWithMunicipality, expectAccessible, signInToFamilies } from './support';

/**
 * Issue 15 §1–2, the main path: the team leader uploads a register extract, sees the preview
 * (a row with an error first, then a clean file), saves it, and opens the building picture with
 * its legend and table; at 390 px the page is reloaded and the job found again in the recent
 * imports, and saved from there. Axe at 1366 and 390 px on the import, the buildings and the picture.
 */
describe('outreach: import and building picture, in the browser', () => {
  const app = appWithMunicipality();

  const csv = (firstName: string) =>
    registerCsv([
      `Gudrunsvej;18;2;tv;8220;${firstName};Ærø;05-03-1984;14,5;`,
      'Gudrunsvej;18;2;tv;8220;Ølse;Ærø;02-02-2016;;ja',
      'Gudrunsvej;18;st;th;8220;Jens;Hansen;12-06-1988;3;',
    ]);

  it('uploads, previews, saves and shows the building, accessible at 1366 and 390 px', async () => {
    const leader = staffOf(app.m).leader;
    for (const width of [1366, 390]) {
      const page = await signInToFamilies(app, leader.username, width);
      await page.getByRole('link', { name: 'Outreach' }).first().click();
      await page.getByRole('heading', { name: 'Outreach', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Upload a register extract' }).click();
      await page.getByRole('heading', { name: 'Upload a register extract', level: 1 }).waitFor();
      if (width === 1366) {
        // A formula in a name: shown as the row's error, and nothing can be saved.
        await readRegisterFile(page, csv('=1+1'));
        await page.getByText('Rows with errors: 1').waitFor();
        await page.getByText('First name is a formula (never run)').waitFor();
        await page.getByText('Correct the errors in the file and upload it again').waitFor();
        await expectAccessible(page, `import preview with errors at ${width}`);
        await readRegisterFile(page, csv('Søren'));
        await page.getByText('New households: 2').waitFor();
        await page.getByRole('button', { name: 'Save all households' }).click();
        await page.getByText('The import is saved: 2 households').waitFor();
      } else {
        await readRegisterFile(page, csv('Søren'));
        // The same file again: the households are found, not created twice.
        await page.getByText('Households to update: 2').waitFor();
        await page.getByText('New households: 0').waitFor();
        // The job lives on the server: a reload finds it again by its id in the address …
        await page.reload();
        await page.getByText('Households to update: 2').waitFor();
        // … and the page opened afresh lists it, newest first, to be opened and saved from there.
        const fresh = new URL(page.url());
        fresh.search = '';
        await page.goto(fresh.toString());
        const recent = page.getByRole('region', { name: 'Your team’s imports' });
        await recent.getByText('Ready to save').waitFor();
        await expect(recent.getByText('Saved', { exact: true }).count()).resolves.toBe(1);
        await expectAccessible(page, `recent imports at ${width}`);
        await recent.getByRole('link', { name: 'udtraek.csv' }).first().click();
        await page.getByText('Households to update: 2').waitFor();
        await page.getByRole('button', { name: 'Save all households' }).click();
        await page.getByText('The import is saved: 2 households').waitFor();
        await expect(recent.getByText('Saved', { exact: true }).count()).resolves.toBe(2);
      }
      await expectAccessible(page, `import preview at ${width}`);

      await page.getByRole('link', { name: 'Outreach' }).first().click();
      await page.getByRole('link', { name: 'Gudrunsvej 18' }).click();
      await page.getByRole('heading', { name: 'Gudrunsvej 18', level: 1 }).waitFor();
      const table = page.getByRole('region', { name: 'The apartments as a table' });
      await table.getByText('Eligible', { exact: true }).waitFor();
      await expect(table.getByText('Not eligible', { exact: true }).count()).resolves.toBeGreaterThan(0);
      // Eight statuses and the unknown apartment: the comparison group is never shown to the team.
      await expect(page.getByRole('list', { name: 'Legend' }).getByRole('listitem').count()).resolves.toBe(9);
      await expectAccessible(page, `building picture at ${width}`);
      await page.context().close();
    }
  });

  it('shows an error with the job it is about: switching to another job clears it', async () => {
    const leader = staffOf(app.m).leader;
    const page = await signInToFamilies(app, leader.username);
    await page.goto(`${app.url}/outreach/import`);
    await page.getByRole('heading', { name: 'Upload a register extract', level: 1 }).waitFor();
    const read = async (name: string) => {
      await page.getByLabel(/^File$/).setInputFiles({ name, mimeType: 'text/csv', buffer: csv('Søren') });
      await page.getByRole('button', { name: 'Read the file' }).click();
      await page.getByRole('region', { name: 'Your team’s imports' }).getByRole('link', { name }).waitFor();
    };
    await read('januar.csv');
    await read('februar.csv');
    const februar = new URL(page.url()).searchParams.get('job')!;
    // Another tab of the leader's saves februar.csv while this one still shows it ready to save.
    const other = await signInToFamilies(app, leader.username);
    await other.goto(`${app.url}/outreach/import?job=${februar}`);
    await other.getByRole('button', { name: 'Save all households' }).click();
    await other.getByText(/^The import is saved/).waitFor();
    await other.context().close();

    await page.getByRole('button', { name: 'Save all households' }).click();
    const refused = page.getByText('The import is not ready to be saved', { exact: false });
    await refused.waitFor();
    // The refusal reads the job anew: the page shows it saved.
    await page.getByText(/^The import is saved/).waitFor();
    await page
      .getByRole('region', { name: 'Your team’s imports' })
      .getByRole('link', { name: 'januar.csv' })
      .click();
    await page.waitForURL((url) => url.searchParams.get('job') !== februar);
    await page.getByRole('button', { name: 'Save all households' }).waitFor();
    await expect(refused.count()).resolves.toBe(0);
    // Back at februar.csv: it shows what it is now (saved), not the error about what it was.
    await page
      .getByRole('region', { name: 'Your team’s imports' })
      .getByRole('link', { name: 'februar.csv' })
      .click();
    await page.getByText(/^The import is saved/).waitFor();
    await expect(refused.count()).resolves.toBe(0);
    await page.context().close();
  });
});
