import { describe, it } from 'vitest';
import { today } from '../../src/shared/common/today';
import { relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToFamilies } from './support';

/**
 * Issue 14 §6 and §7, the main path: a pair member adds an appointment on the family page, finds
 * it under My work in this week, downloads it as .ics, and creates and revokes the calendar feed.
 * Axe at 1366 and 390 px.
 */
describe('appointments and My work, in the browser', () => {
  const app = appWithMunicipality();

  it('adds an appointment, sees it in this week under My work, downloads it, creates and revokes the feed', async () => {
    const family = app.m.households[0]!;
    const pairMember = relationsOf(app.m, 0).pair[0]!;
    const [y, mo, d] = today().split('-');

    const page = await signInToFamilies(app, pairMember.username, 1366);
    await page.goto(`${app.url}/families/${family.id}`);
    const section = page.getByRole('region', { name: 'Appointments' });
    await section.getByRole('button', { name: 'Add an appointment' }).click();
    const form = page.getByRole('form', { name: 'Add an appointment' });
    await form.getByLabel('Kind of meeting').selectOption('network_meeting');
    await form.getByLabel('Subject (optional)').fill('Plan for skoleskift');
    await form.getByLabel('Date').fill(`${d}.${mo}.${y}`);
    await form.getByLabel('From').fill('23:00');
    await form.getByLabel('To').fill('23:30');
    await form.getByLabel('Other authority (optional)').fill('Jobcenter Aarhus');
    await expectAccessible(page, 'the add-appointment form (1366 px)');
    await form.getByRole('button', { name: 'Save the appointment' }).click();
    // The subject is shown isolated (U+2068 … U+2069), as every typed text is.
    await section
      .getByText(/Plan for skoleskift/)
      .waitFor()
      .catch(async (error) => {
        throw new Error(`not added: ${await section.textContent()}`, { cause: error });
      });
    await expectAccessible(page, 'the family page with its appointments (1366 px)');
    const link = section.getByRole('link', { name: /as a calendar file/ }).last();
    const download = await page.request.get(`${app.url}${await link.getAttribute('href')}`);
    if (download.status() !== 200) throw new Error(`ics download: ${download.status()}`);
    const ics = await download.text();
    if (
      !ics.startsWith('BEGIN:VCALENDAR\r\n') ||
      !ics.includes('SUMMARY:Network meeting: Plan for skoleskift')
    )
      throw new Error(`not the appointment's calendar file: ${ics.slice(0, 200)}`);

    const narrow = await signInToFamilies(app, pairMember.username, 390);
    await narrow.goto(`${app.url}/my-work`);
    await narrow.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    const week = narrow.getByRole('region', { name: /^My appointments in week \d+$/ });
    await week.getByText(/Plan for skoleskift/).waitFor();
    await narrow
      .getByRole('region', { name: 'My families' })
      .getByRole('link', { name: family.reference })
      .waitFor();
    await expectAccessible(narrow, 'my work (390 px)');
    await week.getByRole('button', { name: 'Next week' }).click();
    await week.getByText('No appointments this week').or(week.getByRole('listitem').first()).waitFor();
    await week.getByRole('button', { name: 'This week' }).click();
    await week.getByText(/Plan for skoleskift/).waitFor();

    const feed = narrow.getByRole('region', { name: 'Calendar subscription' });
    await feed.getByRole('button', { name: 'Create address' }).click();
    const address = feed.getByLabel('Your secret address');
    await address.waitFor();
    const value = await address.inputValue();
    if (!/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/.test(value)) throw new Error(`not a feed address: ${value}`);
    await expectAccessible(narrow, 'my work with the feed address shown once (390 px)');
    await feed.getByRole('button', { name: 'Revoke the subscription' }).click();
    await feed.getByText('You have no active subscription.').waitFor();
    const gone = await narrow.request.get(`${app.url}${new URL(value).pathname}`);
    if (gone.status() !== 404) throw new Error(`a revoked feed answered ${gone.status()}`);
    await page.context().close();
    await narrow.context().close();
  });
});
