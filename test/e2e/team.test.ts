import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { TEST_PASSWORD } from '../support/harness';
import { appInBrowser, expectAccessible, newPage, visibleText } from './support';

/**
 * The team page (issue 14.1 and 14.2) as a leader and a backup use it: the leader sets a level
 * and sees it in the table, names a cover, and the backup finds the absent member's family under
 * "Only my families" with its "Cover for" tag.
 */
describe('team page in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 1, adults: 1, children: 1 });
  });

  async function signIn(username: string, english: boolean, width = 1366): Promise<Page> {
    const page = await newPage(app.browser, width);
    await page.goto(`${app.url}/login`);
    if (english) await page.getByRole('button', { name: /English/ }).click();
    await page.getByLabel(english ? 'Username' : 'Brugernavn').fill(username);
    await page.getByLabel(english ? 'Password' : 'Adgangskode', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: english ? 'Sign in' : 'Log ind', exact: true }).click();
    await page.getByRole('heading', { name: english ? 'My work' : 'Mit arbejde', level: 1 }).waitFor();
    return page;
  }

  /** A day from today as the date fields take it (dd.mm.yyyy), in Copenhagen. */
  const typedDay = (offset: number) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return new Intl.DateTimeFormat('da-DK', {
      timeZone: 'Europe/Copenhagen',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    })
      .format(d)
      .replace(/-/g, '.');
  };

  it('lets the leader set a level in a domain, and the table shows it as text', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const member = m.users.find((u) => u.role === 'team_member')!;
    const page = await signIn(leader.username, true);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /The team: home department/ });
    const row = table.getByRole('row', { name: new RegExp(member.display_name) });
    await row.waitFor();
    await expectAccessible(page, 'the team page (leader, English, 1366 px)');

    await row.getByRole('button', { name: `Edit ${member.display_name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Competences of ${member.display_name}` });
    await dialog.getByLabel('Debt').selectOption('2');
    await expectAccessible(page, 'the competence form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The Debt column's cell in the member's row: "level 2" to a screen reader, "2" to the eye.
    const domains = await table.getByRole('columnheader').allTextContents();
    const debt = domains.indexOf('Debt');
    expect(debt).toBeGreaterThan(0);
    const cell = row.getByRole('cell').nth(debt - 1);
    await expect.poll(() => visibleText(cell)).toBe('level 2');
    // Focus is back on the button that opened the form.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
      .toBe(`team-edit-${member.id}`);
    await page.context().close();
  });

  it('lets the leader name a cover; the backup sees the family under "Only my families", tagged', async () => {
    const leader = m.users.find((u) => u.role === 'team_leader')!;
    const family = m.households[0]!;
    const pair = await app.harness.db.kysely
      .selectFrom('pair_assignment')
      .select(['first_member_id', 'second_member_id'])
      .where('municipality_id', '=', m.municipality.id)
      .where('household_id', '=', family.id)
      .executeTakeFirstOrThrow();
    const absent = m.users.find((u) => u.id === pair.first_member_id)!;
    const backup = m.users.find(
      (u) => u.role === 'team_member' && u.id !== pair.first_member_id && u.id !== pair.second_member_id,
    )!;

    // Danish at a phone's width.
    const page = await signIn(leader.username, true, 390);
    await page.getByRole('button', { name: /Dansk/ }).first().click();
    await page.getByRole('heading', { name: 'Mit arbejde', level: 1 }).waitFor();
    await page.goto(`${app.url}/team`);
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await page.getByText('Ingen stedfortrædere gælder eller er planlagt.').waitFor();
    const form = page.getByRole('form', { name: 'Udpeg en stedfortræder' });
    // Sent empty: the error summary names each field, translated.
    await form.getByRole('button', { name: 'Udpeg stedfortræderen' }).click();
    await form.getByText('Ret følgende, før du går videre:').waitFor();
    expect(await form.getByRole('link').count()).toBe(4);
    await form.getByRole('link', { name: /^Første dag: / }).waitFor();

    await form.getByLabel('Fraværende').selectOption(absent.id);
    await form.getByLabel('Stedfortræder').selectOption(backup.id);
    await form.getByLabel('Første dag').fill(typedDay(0));
    await form.getByLabel('Sidste dag').fill(typedDay(7));
    await form.getByRole('button', { name: 'Udpeg stedfortræderen' }).click();
    const covers = page.getByRole('table', { name: 'Stedfortrædere' });
    const coverRow = covers.getByRole('row', { name: new RegExp(absent.display_name) });
    await coverRow.waitFor();
    expect(await visibleText(coverRow)).toContain(backup.display_name);
    expect(await visibleText(coverRow)).toContain('Gælder');
    await expectAccessible(page, 'the team page with a cover (leader, Danish, 390 px)');
    await page.context().close();

    const backupPage = await signIn(backup.username, true, 390);
    // The backup starts on My work; the cover shows on the family list.
    await backupPage.goto(`${app.url}/families`);
    await backupPage.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await backupPage.getByRole('checkbox', { name: 'Only my families' }).check();
    const familyRow = backupPage.getByRole('row', { name: new RegExp(family.reference) });
    await familyRow.waitFor();
    expect(await visibleText(familyRow)).toContain(`Cover for ${absent.display_name}`);
    await backupPage.goto(`${app.url}/team`);
    await backupPage.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await backupPage.getByRole('row', { name: new RegExp(leader.display_name) }).waitFor();
    // A team member sees the table but neither the edit buttons nor the covers.
    expect(await backupPage.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    expect(await backupPage.getByRole('heading', { name: 'Covers' }).count()).toBe(0);
    await expectAccessible(backupPage, 'the team page (member, English, 390 px)');
    await backupPage.context().close();
  });
});
