import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { staffOf } from '../support/factories';
import { appInBrowser, expectAccessible, newPage, signInInEnglish } from './support';

/**
 * The new-family wizard keeps what was typed in every step while the user goes back and forward
 * (with its own Back button and the browser's), and asks before throwing typed data away.
 */
describe('new-family wizard in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 1, adults: 1, children: 1 });
  });

  async function openWizard(): Promise<Page> {
    const page = await newPage(app.browser);
    await signInInEnglish(page, app.url, staffOf(m).leader.username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.goto(`${app.url}/families`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New family' }).click();
    await page.getByRole('heading', { name: 'Enroll a new family' }).waitFor();
    return page;
  }

  async function fillAddress(page: Page) {
    await page.getByLabel('Area').selectOption({ label: m.areas[0]!.name });
    await page.getByLabel('Street').fill('Dortesvej');
    await page.getByLabel('Building number').fill('11');
    await page.getByLabel('Floor').fill('2');
    await page.getByLabel('Enrollment date').fill('02.11.2026');
  }

  async function fillPerson(page: Page) {
    const first = page.getByRole('group', { name: 'Person 1' });
    await first.getByLabel('First name').fill('Amal');
    await first.getByLabel('Last name').fill('Odeh');
    await first.getByLabel('Date of birth').fill('01.02.1985');
    await first.getByLabel('Role in the household').selectOption({ label: 'Parent' });
    // Languages are chosen by name from a searchable list, and stored as codes (issue 13).
    const languages = first.getByRole('combobox', { name: 'Languages' });
    await languages.fill('Arab');
    await page.getByRole('option', { name: 'Arabic', exact: true }).click();
    await languages.fill('Dani');
    await page.getByRole('option', { name: 'Danish', exact: true }).click();
    await first.getByLabel('Needs an interpreter').check();
  }

  async function expectPerson(page: Page) {
    const first = page.getByRole('group', { name: 'Person 1' });
    expect(await first.getByLabel('First name').inputValue()).toBe('Amal');
    expect(await first.getByLabel('Last name').inputValue()).toBe('Odeh');
    expect(await first.getByLabel('Date of birth').inputValue()).toBe('01.02.1985');
    expect(await first.getByLabel('Role in the household').inputValue()).toBe('parent');
    for (const language of ['Arabic', 'Danish']) {
      expect(await first.getByText(language, { exact: true }).count(), language).toBeGreaterThan(0);
    }
    expect(await first.getByLabel('Needs an interpreter').isChecked()).toBe(true);
  }

  async function expectAddress(page: Page) {
    expect(await page.getByLabel('Street').inputValue()).toBe('Dortesvej');
    expect(await page.getByLabel('Building number').inputValue()).toBe('11');
    expect(await page.getByLabel('Floor').inputValue()).toBe('2');
    expect(await page.getByLabel('Enrollment date').inputValue()).toBe('02.11.2026');
  }

  it('keeps both steps’ input through Back and Continue, and saves it', async () => {
    const page = await openWizard();
    await fillAddress(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'People in the household', level: 2 }).waitFor();
    await fillPerson(page);

    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Address', level: 2 }).waitFor();
    await expectAddress(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'People in the household', level: 2 }).waitFor();
    await expectPerson(page);

    // The browser's own Back and Forward move between the steps and keep the input too.
    await page.goBack();
    await page.getByRole('heading', { name: 'Address', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/families/new');
    await expectAddress(page);
    await page.goForward();
    await page.getByRole('heading', { name: 'People in the household', level: 2 }).waitFor();
    await expectPerson(page);
    // The URL says which step, nothing of what was typed.
    expect(new URL(page.url()).search).toBe('?step=2');
    await expectAccessible(page, 'new family, people, after Back and Continue');

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Summary', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Enroll the family' }).click();
    await page.getByRole('heading', { name: /– family F-\d+$/, level: 1 }).waitFor();

    // Saved with what was typed in both steps.
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const k = app.harness.db.kysely;
    const family = await k
      .selectFrom('household')
      .select(['street', 'building_number', 'floor', 'enrolled_on', 'area_id'])
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(family).toEqual({
      street: 'Dortesvej',
      building_number: '11',
      floor: '2',
      enrolled_on: '2026-11-02',
      area_id: m.areas[0]!.id,
    });
    const people = await k
      .selectFrom('person')
      .select(['first_name', 'last_name', 'birth_date', 'household_role', 'languages', 'interpreter_needed'])
      .where('municipality_id', '=', m.municipality.id)
      .where('household_id', '=', id)
      .execute();
    expect(people).toEqual([
      {
        first_name: 'Amal',
        last_name: 'Odeh',
        birth_date: '1985-02-01',
        household_role: 'parent',
        languages: ['ar', 'da'],
        interpreter_needed: true,
      },
    ]);

    // Saved: the input is not kept. Back from the family page finds the wizard empty, at its first step.
    await page.goBack();
    await page.getByRole('heading', { name: 'Address', level: 2 }).waitFor();
    expect(await page.getByLabel('Street').inputValue()).toBe('');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('asks before Cancel or the browser’s Back throws typed input away, and keeps it when told to', async () => {
    const page = await openWizard();
    await fillAddress(page);

    await page.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard the new family?' });
    await dialog.waitFor();
    await expectAccessible(page, 'new family, discard?');
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectAddress(page);

    // The browser's Back from the first step would leave the wizard: asked too.
    await page.goBack();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/families/new');
    await expectAddress(page);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await page.close();
  });

  it('after a refused Continue, lets the user follow the error summary to a field and type in it key by key', async () => {
    const page = await openWizard();
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('link', { name: /Street/ });
    await summary.waitFor();
    await summary.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/street/);
    await page.keyboard.type('Testvej', { delay: 20 });
    expect(await page.getByLabel('Street').inputValue()).toBe('Testvej');
    await page.close();
  });

  it('translates the errors shown when the language is switched: no English left under Danish labels', async () => {
    const page = await openWizard();
    await fillAddress(page);
    await page.getByLabel('Postal code').fill('822');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: /Postal code: Must be a four-digit postal code/ }).waitFor();
    await page.getByRole('button', { name: 'Dansk – change the language to Danish' }).click();
    await page.getByRole('link', { name: 'Postnummer: Skal være et postnummer med fire cifre' }).waitFor();
    expect(await page.getByText('Must be a four-digit postal code').count()).toBe(0);
    await page.close();
  });

  it('takes the keyboard to the new person’s first name when a person is added, and back to the button when one is removed', async () => {
    const page = await openWizard();
    await fillAddress(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('group', { name: 'Person 1' }).waitFor();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
      .toMatch(/members-1-firstName$/);
    await page.keyboard.type('Sami');
    expect(await page.getByRole('group', { name: 'Person 2' }).getByLabel('First name').inputValue()).toBe(
      'Sami',
    );
    await page.getByRole('button', { name: /Remove person 2/ }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''))
      .toBe('Add a person');
    await page.close();
  });

  it('leaves without asking when nothing was typed', async () => {
    const page = await openWizard();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });
});
