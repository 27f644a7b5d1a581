import { describe, expect, it } from 'vitest';
import { clearJournal, relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToMyWork } from './support';

/**
 * Issue 14 §5 in the browser: a pair member writes a contact note on the family page and marks
 * it sensitive; another member of the team opens the family and sees only "Sensitive note,
 * <date>" — not its text, nor the earlier one a correction kept. Axe at 1366 px (the forms, the
 * journal, the earlier versions) and 390 px (the team member's view).
 */
describe('the journal in the browser', () => {
  const app = appWithMunicipality({ families: 1, adults: 2, children: 1 });

  it('the pair writes a sensitive note; another team member sees only that it exists, and its date', async () => {
    const { household, pair, notInPair } = relationsOf(app.m, 0);
    const secret = 'Moren fortalte om vold i hjemmet';
    // The demo's own notes for the family go first: the team member is to see this one alone.
    await clearJournal(app.harness.db, app.m.municipality.id, household.id);

    const page = await signInToMyWork(app, pair[0]!.username, 1366);
    await page.goto(`${app.url}/families/${household.id}`);
    const journal = page.getByRole('region', { name: 'Journal' });
    await journal.getByRole('button', { name: 'Write a note' }).click();
    const form = page.getByRole('form', { name: 'Write a note' });
    await form.getByLabel('Date of the contact').fill('02.11.2026');
    await form.getByLabel('Kind of contact').selectOption('home_visit');
    await form.getByLabel('Note', { exact: true }).fill(secret);
    await form.getByLabel('Others present (by role, separated by commas)').fill('Sundhedsplejerske');
    await form.getByLabel('The note is sensitive').check();
    // Saved without a category: the form names the field.
    await form.getByRole('button', { name: 'Save note' }).click();
    await form.getByText('Why is it sensitive?: Is required').waitFor();
    await form.getByLabel('Why is it sensitive?').selectOption('violence');
    await expectAccessible(page, 'the note form (1366 px)');
    await form.getByRole('button', { name: 'Save note' }).click();
    await journal.getByText(secret).waitFor();
    await journal.getByText('Sensitive: Violence').waitFor();
    await expectAccessible(page, 'the journal (1366 px)');

    // A correction: the new text shows, the earlier one is kept and shown as an earlier version.
    const corrected = `${secret}, og faren bekræftede det`;
    await journal.getByRole('button', { name: 'Correct the note' }).click();
    const correction = page.getByRole('form', { name: 'Correct the note' });
    await correction.getByLabel('Note', { exact: true }).fill(corrected);
    await expectAccessible(page, 'the correction form (1366 px)');
    await correction.getByRole('button', { name: 'Save correction' }).click();
    await journal.getByText(corrected).waitFor();
    await journal.getByRole('button', { name: 'Show earlier versions' }).click();
    await journal.getByText(/^Earlier version 1, written /).waitFor();
    await journal.getByText(secret, { exact: true }).waitFor();
    await expectAccessible(page, 'the earlier versions (1366 px)');

    const other = await signInToMyWork(app, notInPair[0]!.username, 390);
    await other.goto(`${app.url}/families/${household.id}`);
    const seen = other.getByRole('region', { name: 'Journal' });
    await seen.getByRole('heading', { name: /^Sensitive note, .*2026/ }).waitFor();
    expect(await other.content()).not.toContain(secret);
    expect(await other.content()).not.toContain('Sundhedsplejerske');
    expect(await seen.getByRole('button', { name: 'Write a note' }).count()).toBe(0);
    await expectAccessible(other, 'the journal as another team member (390 px)');
    await page.context().close();
    await other.context().close();
    // Two people and axe at each step: past the default two minutes on a busy machine.
  }, 300_000);
});
