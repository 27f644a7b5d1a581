import AxeBuilder from '@axe-core/playwright';
import type { ConsoleMessage, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { staffOf } from '../support/factories';
import { appInBrowser, expectAccessible, newPage, submitSignIn } from './support';

/**
 * What users found in the register (issue 13, point 8, the web's part): the sign-in page in the
 * browser's language and without a failing request, the audit log's sign-in method labelled as
 * such, and the organisation page's landmarks named apart.
 */
describe('web findings of issue 13', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 2 });
  });

  /** Signs in as the administrator, in English whatever the page opened in. */
  async function signInAsAdmin(page: Page) {
    await signInAs(page, staffOf(m).admin.username);
  }

  async function signInAs(page: Page, username: string) {
    await page.goto(app.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (await page.getByRole('button', { name: /English/ }).count()) {
      await page.getByRole('button', { name: /English/ }).click();
    }
    await submitSignIn(page, username);
    // Signed in: the sign-in page has given way (on a phone "Sign out" is inside the menu).
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor({ state: 'detached' });
  }

  it('shows the sign-in page in the browser’s language when the user chose none', async () => {
    const english = await (await app.browser.newContext({ locale: 'en-GB' })).newPage();
    await english.goto(app.url);
    await english.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await english.locator('html').getAttribute('lang')).toBe('en');

    const danish = await newPage(app.browser);
    await danish.goto(app.url);
    await danish.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
    expect(await danish.locator('html').getAttribute('lang')).toBe('da');

    // A language neither app language: Danish, the default.
    const german = await (await app.browser.newContext({ locale: 'de-DE' })).newPage();
    await german.goto(app.url);
    await german.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
  });

  it('loads the sign-in page without a failing request or a console error', async () => {
    const page = await newPage(app.browser);
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    const signInHeading = page.getByRole('heading', { name: /^(Sign in|Log ind)$/, level: 1 });
    await page.goto(app.url);
    await signInHeading.waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);

    // Reloaded after signing in, the app still finds the session; after signing out, no 401 again.
    await signInAsAdmin(page);
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading.waitFor();
    await page.reload();
    await signInHeading.waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });

  it('labels a sign-in’s method in the audit log as the method, not as a purpose', async () => {
    const page = await (await app.browser.newContext({ locale: 'en-GB' })).newPage();
    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const signIn = page.getByRole('row').filter({ hasText: 'Sign-in method: password' });
    await expect.poll(() => signIn.count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Password', exact: true }).count()).toBe(0);
  });

  it('names the organisation page’s landmarks apart', async () => {
    for (const width of [1366, 390]) {
      const page = await (
        await app.browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } })
      ).newPage();
      await signInAsAdmin(page);
      await page.goto(`${app.url}/admin/organisation`);
      await page.getByRole('heading', { name: 'Areas and teams', level: 1 }).waitFor();
      await page.getByRole('table').first().waitFor();
      const results = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
      expect(results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' '))}`)).toEqual([]);
      await expectAccessible(page, `organisation page at ${width} px`);
    }
  });

  it('takes dates as dd.mm.yyyy with a calendar in the app’s language, not the browser’s', async () => {
    // A browser that writes dates mm/dd/yyyy, and the app switched to Danish.
    const page = await (await app.browser.newContext({ locale: 'en-US' })).newPage();
    await signInAsAdmin(page);
    await page.getByRole('button', { name: /Dansk/ }).click();
    await page.getByRole('link', { name: 'Adgangslog', exact: true }).click();
    await page.getByRole('heading', { name: 'Adgangslog', level: 1 }).waitFor();
    const from = page.getByLabel('Fra dato');
    await expect.poll(() => from.inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await from.getAttribute('type')).not.toBe('date');

    await page.getByRole('button', { name: 'Åbn datovælger' }).first().click();
    // The calendar's month dropdown names the months in Danish.
    await page.getByRole('option', { name: 'marts', exact: true }).first().waitFor({ state: 'attached' });
    await expectAccessible(page, 'audit log, calendar open in Danish');
    await page.keyboard.press('Escape');
  });

  it('stacks lists as cards on a phone: nothing wider than the screen, every action in view', async () => {
    const page =
      await // Danish first, switched to English at sign-in: a choice the account's language does not override.
      (await app.browser.newContext({ locale: 'da-DK', viewport: { width: 358, height: 800 } })).newPage();
    await signInAs(page, staffOf(m).leader.username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.goto(`${app.url}/families`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('link').first().waitFor();
    // The family list fits the phone (it was a 926 px table scrolled sideways in 358 px).
    expect(await table.evaluate((t) => t.scrollWidth)).toBeLessThanOrEqual(358);
    // Each cell says which column it is, and the headings that sort are still there.
    expect(await table.locator('tbody td[data-label="Adults"]').count()).toBeGreaterThan(0);
    await table.getByRole('button', { name: 'Reference' }).waitFor();
    await expectAccessible(page, 'family list on a phone');

    // A person's Edit button is within the screen (it sat at x≈810).
    await table.getByRole('link').first().click();
    const members = page.getByRole('region', { name: 'People in the household' }).first();
    const edit = members.getByRole('button', { name: /^Edit / }).first();
    await edit.waitFor();
    const box = await edit.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(358);
    await expectAccessible(page, 'family page on a phone');
  });
});
