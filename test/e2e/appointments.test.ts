import { describe, it } from 'vitest';
import { today } from '../../src/shared/common/today';
import { relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToMyWork } from './support';

/**
 * Issue 14 §6 and §7, the main path: a pair member adds an appointment on the family page, finds
 * it under My work in this week, downloads it as .ics, adds, edits and cancels one of their own
 * with another authority, and creates and revokes the calendar feed.
 * Axe at 1366 and 390 px.
 */
describe('appointments and My work, in the browser', () => {
  const app = appWithMunicipality();

  it('adds an appointment, edits it, sees it in this week under My work, adds, edits and cancels one of my own, downloads it, creates and revokes the feed', async () => {
    const family = app.m.households[0]!;
    const pairMember = relationsOf(app.m, 0).pair[0]!;
    const [y, mo, d] = today().split('-');

    const page = await signInToMyWork(app, pairMember.username, 1366);
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

    // Edited in a dialog: a bad time is named at its field; saved, the card shows the new subject.
    await section.getByRole('button', { name: /^Edit the appointment on .* at 23:00$/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the appointment' });
    await edit.getByLabel('Subject (optional)').fill('Plan for skoleskift og fritid');
    await edit.getByLabel('From').fill('25:00');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await edit.getByRole('link', { name: /^From/ }).first().waitFor();
    await expectAccessible(page, 'the edit dialog with an error (1366 px)');
    await edit.getByLabel('From').fill('22:30');
    // Someone else changed it meanwhile: a conflict, not an overwrite.
    await app.harness.db.kysely
      .updateTable('appointment')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('municipality_id', '=', app.m.municipality.id)
      .where('title', '=', 'Plan for skoleskift')
      .execute();
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await edit.getByRole('button', { name: /Load/ }).click();
    await section.getByRole('button', { name: /^Edit the appointment on .* at 23:00$/ }).click();
    await edit.getByLabel('Subject (optional)').fill('Plan for skoleskift og fritid');
    await edit.getByLabel('From').fill('22:30');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await section.getByText(/Plan for skoleskift og fritid/).waitFor();
    await section.getByText(/at 22:30–23:30/).waitFor();

    const narrow = await signInToMyWork(app, pairMember.username, 390);
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

    // A meeting with another authority, no family, from My work: it lands in the week.
    await week.getByRole('button', { name: 'Add a meeting with another authority' }).click();
    const own = narrow.getByRole('form', { name: 'Add a meeting with another authority' });
    await own.getByLabel('Date').fill(`${d}.${mo}.${y}`);
    await own.getByLabel('From').fill('23:40');
    await own.getByLabel('To').fill('23:50');
    await own.getByRole('button', { name: 'Save the appointment' }).click();
    await own.getByRole('link', { name: /^Other authority/ }).waitFor();
    await own.getByLabel('Other authority').fill('Jobcenter Aarhus, virksomhedskonsulent');
    await expectAccessible(narrow, 'my work, a meeting with another authority (390 px)');
    await own.getByRole('button', { name: 'Save the appointment' }).click();
    await week.getByText(/With .?Jobcenter Aarhus, virksomhedskonsulent/).waitFor();

    // Mine to edit and cancel there (decision 0053): the authority may not be cleared.
    await week.getByRole('button', { name: /^Edit the appointment on .* at 23:40$/ }).click();
    const ownEdit = narrow.getByRole('dialog', { name: 'Edit the appointment' });
    await ownEdit.getByLabel('Other authority', { exact: true }).fill('');
    await ownEdit.getByRole('button', { name: 'Save the changes' }).click();
    await ownEdit.getByRole('link', { name: /^Other authority/ }).waitFor();
    await expectAccessible(narrow, 'my work, editing my own meeting with an error (390 px)');
    await ownEdit.getByLabel('Other authority', { exact: true }).fill('Jobcenter Aarhus, Vestergade');
    await ownEdit.getByLabel('Place (optional)').fill('Vestergade 3');
    await ownEdit.getByRole('button', { name: 'Save the changes' }).click();
    await week.getByText(/With .?Jobcenter Aarhus, Vestergade/).waitFor();
    await week.getByText(/Vestergade 3/).waitFor();

    // Cancelled only once confirmed; kept in the week, marked.
    await week.getByRole('button', { name: /^Cancel the appointment on .* at 23:40$/ }).click();
    const confirm = narrow.getByRole('dialog', { name: /^Cancel the appointment on .* at 23:40\?$/ });
    await expectAccessible(narrow, 'my work, confirming a cancel (390 px)');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await week.getByRole('button', { name: /^Cancel the appointment on .* at 23:40$/ }).click();
    await confirm.getByRole('button', { name: 'Cancel the appointment', exact: true }).click();
    await week.getByText('Cancelled', { exact: true }).waitFor();
    const cancelled = await app.harness.db.kysely
      .selectFrom('appointment')
      .select('cancelled_at')
      .where('municipality_id', '=', app.m.municipality.id)
      .where('other_authority', '=', 'Jobcenter Aarhus, Vestergade')
      .executeTakeFirstOrThrow();
    if (cancelled.cancelled_at === null) throw new Error('the appointment was not cancelled');
    if ((await week.getByRole('button', { name: /^Edit the appointment on .* at 23:40$/ }).count()) !== 0)
      throw new Error('a cancelled appointment still offers Edit');

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
    // Two pages, three dialogs and axe eight times: over two minutes on a busy machine.
  }, 300_000);
});
