import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { TEST_PASSWORD } from '../support/harness';
import { chooseConsentLanguage } from './outreach-steps';
import { appInBrowser, expectAccessible, newPage, submitSignIn, visibleText } from './support';

/**
 * The family list and page as an acceptance tester met them: language switches, counts in the
 * singular, a bad link, the way back to the list, a phone's width, names instead of codes, and
 * keyboard focus when an inline form opens and closes.
 */
describe('family list and page in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;
  const longStreet = 'Kongensgadeforlængelsenmellemhavnenogbanegårdspladsenvedsiden';

  beforeAll(async () => {
    // A demo (password only) with one family of one adult and one child.
    m = await app.harness.municipality({ families: 1, adults: 1, children: 1 });
    const k = app.harness.db.kysely;
    const family = m.households[0]!;
    await k
      .updateTable('household')
      .set({ street: longStreet })
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', family.id)
      .execute();
    await k
      .updateTable('person')
      .set({ country_of_origin: 'SO', languages: ['da', 'so'] })
      .where('municipality_id', '=', m.municipality.id)
      .where('household_id', '=', family.id)
      .where('household_role', '!=', 'child')
      .execute();
  });

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName.toLowerCase(), id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
    });

  async function signIn(page: Page, username: string, password = TEST_PASSWORD) {
    await submitSignIn(page, username, password);
  }

  /** A browser context signed in (in English) as `username`, for pages opened in it. */
  async function signedInContext(username: string) {
    const context = await app.browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.close();
    return context;
  }

  it('clears a wrong-password message when the language changes, and says the demo has no second factor', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Brugernavn').fill(m.users[0]!.username);
    await page.getByLabel('Adgangskode', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await page.getByText('Brugernavn eller adgangskode er forkert').waitFor();

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await page.getByText('Brugernavn eller adgangskode er forkert').count()).toBe(0);
    await page.getByText('The second factor is turned off in the demo.').waitFor();
    await page.close();
  });

  it('counts in the singular, ignores a bad area in the URL, and returns to the filtered list', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, leader.username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    // Team staff start on My work; the family list is one link away.
    await page.goto(`${app.url}/families`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(family.reference) });
    await expect.poll(() => row.textContent()).toContain('1 adult, 1 child');

    // An edited link: the bad filter is dropped, the list is shown.
    await page.goto(`${app.url}/families?areaId=not-a-uuid`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await row.waitFor();

    // From a filtered list to the family and back: the filter is kept.
    await page.goto(`${app.url}/families?status=enrolled&sort=address`);
    await page.getByRole('link', { name: family.reference }).click();
    await page.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Back to the families' }).click();
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe(`?status=enrolled&sort=address`);

    // Nothing matches a search under a filter: one button clears both and the families return.
    await page.getByLabel('Search families').fill('zzzz-no-such-family');
    await page.getByText('No families match.').waitFor();
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await row.waitFor();
    expect(await page.getByLabel('Search families').inputValue()).toBe('');
    expect(new URL(page.url()).searchParams.get('status')).toBeNull();
    await page.close();
  });

  it('shows countries and languages by name, wraps a long street on a phone, and moves focus into inline forms', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const page = await (
      await app.browser.newContext({ locale: 'da-DK', viewport: { width: 375, height: 800 } })
    ).newPage();
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, leader.username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.goto(`${app.url}/families/${family.id}`);
    await page.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();

    const members = page.getByRole('region', { name: 'People in the household' }).first();
    await expect.poll(() => members.textContent()).toContain('Somalia');
    expect(await members.textContent()).toContain('Danish, Somali');
    expect(await members.textContent()).not.toContain('da, so');

    // The long street wraps: nothing is wider than the phone.
    await page.getByText(longStreet, { exact: false }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Show CPR: the number takes the button's place, and the focus with it.
    await members
      .getByRole('button', { name: /^Show CPR for / })
      .first()
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^cpr-/);
    expect(await focused(page).then((f) => f.text)).toMatch(/^\d{6}-\d{4}$/);

    // Edit opens the form with focus in its first field; cancel returns focus to the section.
    await page.getByRole('button', { name: 'Edit address and status' }).click();
    const form = page.getByRole('form', { name: 'Edit address and status' });
    await form.waitFor();
    await expect
      .poll(() => form.evaluate((f) => f.contains(document.activeElement) && document.activeElement !== f))
      .toBe(true);
    expect(['input', 'select']).toContain((await focused(page)).tag);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await focused(page)).text).toBe('Address and status');

    await page.getByRole('button', { name: 'Record a consent' }).click();
    await expect.poll(async () => (await focused(page)).id).toBe('consent-give-purpose');
    await expectAccessible(page, 'family page, consent form open, 375 px');
    // The family has case work in force: that purpose is shown as such and cannot be chosen (decision 0019).
    const purpose = page.locator('#consent-give-purpose');
    const options = await purpose
      .locator('option')
      .evaluateAll((all) => (all as HTMLOptionElement[]).map((o) => [o.value, o.textContent, o.disabled]));
    expect(options).toContainEqual(['case_work', 'Case work in the team (consent in force)', true]);
    expect(options).toContainEqual(['evaluation', 'Evaluation and statistics', false]);
    expect(await page.getByRole('form', { name: 'Record a consent' }).textContent()).toContain(
      'Purposes with a consent in force cannot be chosen',
    );
    // How it was given, with an interpreter: the language is asked for, then the list shows all three.
    const consentForm = page.getByRole('form', { name: 'Record a consent' });
    await purpose.selectOption('evaluation');
    await consentForm.getByRole('radio', { name: 'Orally (noted)' }).check();
    await consentForm.getByRole('checkbox', { name: 'An interpreter took part' }).check();
    await consentForm.getByRole('button', { name: 'Record the consent' }).click();
    await expect
      .poll(() => consentForm.getByText('Choose the language the interpreter translated into').count())
      .toBe(2);
    await chooseConsentLanguage(page, 'Soma', 'Somali');
    await consentForm.getByRole('button', { name: 'Record the consent' }).click();
    const consents = page.getByRole('region', { name: 'Table of the consents' });
    await consents.getByText('Explained in Somali, with an interpreter').waitFor();
    await consents.getByText('Orally (noted)', { exact: true }).waitFor();

    // Escape in the withdraw dialog returns focus to the Withdraw button that opened it.
    const withdraw = page.getByRole('button', { name: 'Withdraw: Case work in the team' });
    await withdraw.click();
    await page.getByRole('dialog', { name: 'Withdraw the consent?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Withdraw the consent?' }).waitFor({ state: 'hidden' });
    await expect.poll(() => withdraw.evaluate((b) => b === document.activeElement)).toBe(true);

    // A date before the consent was given is refused: focus stays in the dialog, at the date.
    await withdraw.click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw the consent?' });
    const proposed = await dialog.getByLabel('Withdrawn on').inputValue();
    await dialog.getByLabel('Withdrawn on').fill('01.01.2001');
    await dialog.getByRole('button', { name: 'Withdraw the consent' }).click();
    await expect.poll(async () => (await focused(page)).id).toBe('consent-withdraw-withdrawnOn');
    // Withdrawn, the history says which consent.
    await dialog.getByLabel('Withdrawn on').fill(proposed);
    await dialog.getByRole('button', { name: 'Withdraw the consent' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const history = page.getByRole('region', { name: 'History', exact: true });
    await expect.poll(() => visibleText(history)).toContain('(consent: Case work in the team)');
    // The consent recorded above: how it was given, in words.
    expect(await visibleText(history)).toContain('How the consent was given: – → Orally (noted)');

    // The audit log names the fields of the page's read in words.
    await page.goto(`${app.url}/audit`);
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const events = page.getByRole('region', { name: 'Events in the audit log' }).first();
    await expect.poll(() => events.textContent()).toContain('CPR number (masked)');
    expect(await events.textContent()).not.toContain('cpr_masked');
    await page.close();
  });

  it('edits an adult’s phone number and way of contact, refusing a wrong number in words, at both widths', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const adult = m.persons.find((p) => p.household_id === family.id && p.household_role !== 'child')!;
    const name = `${adult.first_name} ${adult.last_name}`;
    const context = await signedInContext(leader.username);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/families/${family.id}`);
    await page.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();

    const members = page.getByRole('region', { name: 'People in the household' }).first();
    await members.getByRole('button', { name: `Edit ${name}` }).click();
    const phone = members.getByLabel('Phone (optional)');
    await phone.fill('12 34');
    await members.getByRole('button', { name: 'Save the changes' }).click();
    await expect
      .poll(() => members.textContent())
      .toContain(
        'Must be a phone number of 8 to 15 digits, optionally starting with + (e.g. +45 12 34 56 78)',
      );
    await expectAccessible(page, 'family page, member form with a wrong phone number, 1366 px');

    await phone.fill('+45 12 34 56 78');
    await members.getByLabel('Preferred way of contact').selectOption('sms');
    await members.getByRole('combobox', { name: 'Language of contact' }).fill('Som');
    await page.getByRole('option', { name: 'Somali', exact: true }).click();
    await members.getByRole('button', { name: 'Save the changes' }).click();
    await members.getByLabel('Phone (optional)').waitFor({ state: 'detached' });
    await expect.poll(() => members.textContent()).toContain('+45 12 34 56 78');
    expect(await members.textContent()).toContain('Text message in Somali');
    const history = page.getByRole('region', { name: 'History', exact: true });
    // Each value is isolated (U+2068…U+2069) so a right-to-left one cannot reorder the line.
    const historyText = async () => (await history.textContent())?.replace(/[\u2066-\u2069]/g, '');
    await expect.poll(historyText).toContain('Phone: – → +45 12 34 56 78');
    expect(await historyText()).toContain('Preferred way of contact: – → Text message');

    await page.setViewportSize({ width: 390, height: 900 });
    await expectAccessible(page, 'family page with contact details, 390 px');
    await members.getByRole('button', { name: `Edit ${name}` }).click();
    expect(await members.getByLabel('Phone (optional)').inputValue()).toBe('+45 12 34 56 78');
    await expectAccessible(page, 'family page, member form with contact details, 390 px');
    await context.close();
  });

  it('after a conflicting save, loads the version another user saved (not the cached one) and saves on top of it', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const context = await signedInContext(leader.username);
    const open = async () => {
      const page = await context.newPage();
      await page.goto(`${app.url}/families/${family.id}`);
      await page.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Edit address and status' }).click();
      return page.getByRole('form', { name: 'Edit address and status' });
    };
    // Two doors the family does not have now: a value it has already would be no change.
    const { door } = await app.harness.db.kysely
      .selectFrom('household')
      .select('door')
      .where('id', '=', family.id)
      .executeTakeFirstOrThrow();
    const [mine, theirs] = ['mf', 'tv', 'th'].filter((d) => d !== door) as [string, string];
    // Two tabs, both opened within the cache's 30 seconds.
    const one = await open();
    const two = await open();
    await one.getByLabel('Door').fill(mine);
    await one.getByRole('button', { name: 'Save' }).click();
    await one.waitFor({ state: 'hidden' });

    await two.getByLabel('Door').fill(theirs);
    await two.getByRole('button', { name: 'Save' }).click();
    await two.getByText('Someone else changed this while you were working').waitFor();
    // Said once, by the alert: not again as a field error in the summary.
    expect(await two.getByText('Correct the following').count()).toBe(0);
    await two.getByRole('button', { name: 'Load the new version' }).click();
    await expect.poll(() => two.getByLabel('Door').inputValue()).toBe(mine);
    await expect
      .poll(() => two.evaluate((f) => f.contains(document.activeElement) && document.activeElement !== f))
      .toBe(true);
    await two.getByLabel('Door').fill(theirs);
    await two.getByRole('button', { name: 'Save' }).click();
    await two.waitFor({ state: 'hidden' });
    const stored = await app.harness.db.kysely
      .selectFrom('household')
      .select('door')
      .where('id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(stored.door).toBe(theirs);
    await context.close();
  });

  it('keeps an open edit on the version it opened on when the page fetches the family afresh meanwhile: a conflict, not an overwrite', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const context = await signedInContext(leader.username);
    // The page's clock, so that its copy of the family can go stale without waiting for it.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${app.url}/families/${family.id}`);
    await page.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit address and status' }).click();
    const form = page.getByRole('form', { name: 'Edit address and status' });
    const before = await app.harness.db.kysely
      .selectFrom('household')
      .select('postal_code')
      .where('id', '=', family.id)
      .executeTakeFirstOrThrow();
    // A postal code the family does not have now: the same one would be no change.
    const postalCode = before.postal_code === '8210' ? '8200' : '8210';
    await form.getByLabel('Postal code').fill(postalCode);

    // Another user changes the family; the page, its copy stale, fetches it again when the
    // network comes back (React Query's refetch on reconnect).
    const stored = await app.harness.db.kysely
      .selectFrom('household')
      .select(['version', 'door'])
      .where('id', '=', family.id)
      .executeTakeFirstOrThrow();
    await app.harness.db.kysely
      .updateTable('household')
      .set({ door: 'other', version: stored.version + 1 })
      .where('id', '=', family.id)
      .execute();
    await context.clock.fastForward(60_000);
    const refetched = page.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().endsWith(`/api/families/${family.id}`),
    );
    await page.evaluate(() => {
      window.dispatchEvent(new Event('offline'));
      window.dispatchEvent(new Event('online'));
    });
    await refetched;

    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await form.getByRole('button', { name: 'Save' }).click();
    await saved;
    await form.getByText('Someone else changed this while you were working').waitFor();
    const after = await app.harness.db.kysely
      .selectFrom('household')
      .select(['door', 'postal_code'])
      .where('id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(after.door).toBe('other');
    expect(after.postal_code).toBe(before.postal_code);
    await context.close();
  });

  it('moves focus into the reason when a team member opens break the glass, and to the notice of the access once granted', async () => {
    const pair = new Set(m.pairs.flatMap((p) => [p.first_member_id, p.second_member_id]));
    const outsider = m.users.find((u) => u.role === 'team_member' && !pair.has(u.id))!;
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, outsider.username);
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.goto(`${app.url}/families/${m.households[0]!.id}`);
    await page.getByRole('button', { name: 'Get full access (break the glass)' }).click();
    await expect.poll(async () => (await focused(page)).id).toBe('break-glass-reason');
    // Granted, the form gives way to the family page: focus goes to the notice of the access.
    await page.keyboard.type('Akut henvendelse fra skolen om barnet');
    await page.getByRole('button', { name: 'Break the glass and open the family' }).click();
    await expect.poll(async () => (await focused(page)).id).toBe('break-glass-active');
    expect((await focused(page)).text).toContain('until');
    await page.close();
  });

  it('keeps the keyboard in the emptied password field after a wrong password', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, m.users[0]!.username, 'not the password');
    await page.getByText('Username or password is wrong').waitFor();
    await expect.poll(async () => (await focused(page)).id).toBe('sign-in-password');
    await page.close();
  });
});
