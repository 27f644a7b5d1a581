import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { addTeam, staffOf } from '../support/factories';
import { appInBrowser, expectAccessible, newPage, signInInEnglish } from './support';

/**
 * Break-the-glass past the daily limit in the browser (decision 0024): the requester sees that
 * the request waits, the team leader approves it on their page, and the family then opens for
 * the requester. Checked with axe on a phone (390 px) and a laptop (1366 px).
 */
describe('break-the-glass past the daily limit in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;
  let outsider: { username: string };

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 2, adults: 2, children: 1 });
    outsider = (await addTeam(app.harness.db, m, 1)).members[0]!;
    // Limit 0: every break-the-glass waits for the leader.
    await app.harness.db.kysely
      .updateTable('municipality')
      .set({ break_glass_daily_limit: 0 })
      .where('id', '=', m.municipality.id)
      .execute();
  });

  async function signedInPage(username: string, width: number) {
    const page = await newPage(app.browser, width);
    await signInInEnglish(page, app.url, username);
    return page;
  }

  const widthOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('the requester sees it waits, the leader approves on their page, and the family opens', async () => {
    const family = m.households[0]!;
    const requester = await signedInPage(outsider.username, 390);
    await requester.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await requester.goto(`${app.url}/families/${family.id}`);
    await requester.getByLabel('Reason').fill('The family called the duty phone about an eviction');
    await requester.getByRole('button', { name: 'Break the glass and open the family' }).click();
    const waiting = requester.getByText('Waiting for the team leader’s approval');
    await waiting.waitFor();
    await expect
      .poll(() => requester.evaluate(() => document.activeElement?.id ?? ''))
      .toBe('break-glass-waiting');
    expect(await widthOf(requester)).toBeLessThanOrEqual(390);
    await expectAccessible(requester, 'family page, break-the-glass waiting, 390 px');
    // Still waiting after a reload: the form is not offered again.
    await requester.reload();
    await waiting.waitFor();
    expect(await requester.getByRole('button', { name: 'Break the glass and open the family' }).count()).toBe(
      0,
    );

    // The leader is flagged in the header, and decides on the page.
    const leader = await signedInPage(staffOf(m).leader.username, 1366);
    const link = leader.getByRole('link', { name: 'Break the glass (1 new)' });
    await link.click();
    await leader.getByRole('heading', { name: 'Break the glass', level: 1 }).waitFor();
    const card = leader.getByRole('form', { name: new RegExp(`for family ${family.reference}`) });
    await card.waitFor();
    expect(await card.textContent()).toContain('The family called the duty phone about an eviction');
    await expectAccessible(leader, 'break-the-glass page, a request waiting, 1366 px');
    // A decision without a reason is refused at the field.
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText('The reason must be at least 10 characters').first().waitFor();
    await card.getByLabel('Reason for your decision').fill('Confirmed with the duty phone log');
    await card.getByRole('button', { name: 'Approve' }).click();
    await leader.getByText('No requests are waiting for you.').waitFor();
    // The grant is listed for the leader, new until marked seen.
    const grants = leader.getByRole('region', { name: 'Break-the-glass access to the team’s families' });
    await expect.poll(() => grants.textContent()).toContain(family.reference);
    expect(await grants.textContent()).toContain('New');
    await expectAccessible(leader, 'break-the-glass page, grants, 1366 px');
    await leader.getByRole('button', { name: 'Mark all as seen' }).click();
    await leader.getByRole('link', { name: 'Break the glass', exact: true }).waitFor();
    await leader.setViewportSize({ width: 390, height: 900 });
    await expectAccessible(leader, 'break-the-glass page, grants, 390 px');

    // The requester opens the family.
    await requester.reload();
    await requester.getByRole('heading', { name: `Family ${family.reference}`, level: 1 }).waitFor();
    await requester.getByText(/You have emergency access to this family until/).waitFor();
    await requester.setViewportSize({ width: 1366, height: 900 });
    await expectAccessible(requester, 'family page under an approved break-the-glass, 1366 px');
  });

  it('a refusal is shown to the requester with its reason', async () => {
    const family = m.households[1]!;
    const requester = await signedInPage(outsider.username, 1366);
    await requester.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await requester.goto(`${app.url}/families/${family.id}`);
    await requester.getByLabel('Reason').fill('Covering for a colleague who is ill today');
    await requester.getByRole('button', { name: 'Break the glass and open the family' }).click();
    await requester.getByText('Waiting for the team leader’s approval').waitFor();

    const leader = await signedInPage(staffOf(m).leader.username, 390);
    await leader.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await leader.goto(`${app.url}/break-glass`);
    const card = leader.getByRole('form', { name: new RegExp(`for family ${family.reference}`) });
    await card.getByLabel('Reason for your decision').fill('Not urgent: the pair is back tomorrow');
    await expectAccessible(leader, 'break-the-glass page, a request waiting, 390 px');
    await card.getByRole('button', { name: 'Refuse' }).click();
    await leader.getByText('No requests are waiting for you.').waitFor();

    await requester.reload();
    await requester.getByText('Your request was refused').waitFor();
    expect(await requester.getByText(/Not urgent: the pair is back tomorrow/).count()).toBe(1);
    await expectAccessible(requester, 'family page, break-the-glass refused, 1366 px');
  });
});
