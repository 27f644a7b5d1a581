import { describe, expect, it } from 'vitest';
import { addTeam, clearJournal, makeSoleSpecialist, relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToMyWork } from './support';

/**
 * Issue 14, the main path across the areas: a pair member writes a task in the family's words at
 * level 3 in health; the system proposes the health specialist and says why; the specialist finds
 * it on My work under "Asked of me" and accepts it, writes a contact note marked sensitive linked
 * to the task and closes the task; the pair sees it done on the family page; another team member
 * sees that a sensitive note exists, not its text; the printable plan renders in English and
 * Danish. Axe at 1366 and 390 px.
 *
 * The specialist is on another team and follows "Asked of me"'s link to the family page, which
 * shows them the family's tasks and the notes linked to their task. Asked, they may write nothing;
 * once they accepted the level-3 task they have taken it over (decision 0045): they write the
 * sensitive note linked to it and close it themselves, and the pair sees it done.
 */
describe('the team at work on one family, in the browser', () => {
  const app = appWithMunicipality();

  it('routes a level-3 health task to the specialist, keeps the sensitive note from the team, and prints the plan', async () => {
    const { household: family, pair, notInPair } = relationsOf(app.m, 0);
    // The specialist is on another team: the family page shows them the family's tasks and the
    // notes linked to their task, not the family. A colleague on the family's team, outside the
    // pair, is the one who must not read the sensitive note.
    const specialist = (await addTeam(app.harness.db, app.m, 1)).members[0];
    const colleague = notInPair[0];
    const name = specialist!.display_name;
    const health = app.m.domains.find((d) => d.code === 'health_mental_health')!.id;
    await makeSoleSpecialist(app.harness.db, app.m, specialist!.id, health, 3);
    await clearJournal(app.harness.db, app.m.municipality.id, family.id);
    const words = 'Min søn skal udredes for ADHD';
    const secret = 'Faren fortalte om sin depression';

    // The pair writes the task and asks the specialist the rule proposes, with the reason shown.
    const page = await signInToMyWork(app, pair[0]!.username, 1366);
    await page.goto(`${app.url}/families/${family.id}`);
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'Add a task' }).click();
    const form = page.getByRole('form', { name: 'Add a task' });
    await form.getByLabel('The task in the family’s own words').fill(words);
    await form.getByLabel('Domain').selectOption(health);
    await form.getByLabel('Level').selectOption('3');
    await form.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByText(words).waitFor();
    await tasks.getByRole('button', { name: 'Find a specialist' }).click();
    await tasks.getByText(name, { exact: true }).waitFor();
    await tasks.getByText(/^Level 3 in /).waitFor();
    await expectAccessible(page, 'the proposal and its reason (1366 px)');
    await tasks.getByRole('button', { name: `Ask ${name}` }).click();
    await tasks.getByText(`Asked of ${name}`).waitFor();

    // The specialist finds it on My work, under "Asked of me", and accepts it.
    const s = await signInToMyWork(app, specialist!.username, 390);
    await s.goto(`${app.url}/my-work`);
    await s.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    const asked = s.getByRole('region', { name: 'Asked of me' });
    await asked.getByText(words).waitFor();
    await asked.getByText(/asked 0 days ago/).waitFor();
    await s.getByRole('region', { name: 'Follow-ups due' }).waitFor();
    await expectAccessible(s, 'my work (390 px)');
    // The task's family link leads to what a routed specialist may read, not to break the glass.
    await asked.getByRole('link', { name: `Family ${family.reference}` }).click();
    await s.getByText('A task of this family was routed to you', { exact: false }).waitFor();
    await s.getByRole('region', { name: 'Tasks' }).getByText(words).waitFor();
    expect(await s.getByRole('button', { name: 'Write a note' }).count()).toBe(0);
    await expectAccessible(s, 'the family page as the routed specialist (390 px)');
    await s.goBack();
    await asked.getByRole('link', { name: 'Answer them under Asked of me' }).click();
    await s.getByRole('heading', { name: 'Asked of me', level: 1 }).waitFor();
    await s.getByRole('button', { name: 'Accept' }).click();
    await s.getByText(`Accepted by ${name}`).waitFor();
    await page.reload();
    await tasks.getByText(`Accepted by ${name}`).waitFor();

    // Level 3: the specialist takes it over (decision 0045). On the family page they now write a
    // note about it, marked sensitive and linked to their task, and close the task.
    await s.goto(`${app.url}/families/${family.id}`);
    await s.getByText('A task of this family was routed to you', { exact: false }).waitFor();
    const theirs = s.getByRole('region', { name: 'Journal' });
    await theirs.getByRole('button', { name: 'Write a note' }).click();
    const note = s.getByRole('form', { name: 'Write a note' });
    await note.getByLabel('Date of the contact').fill('02.11.2026');
    await note.getByLabel('Kind of contact').selectOption('phone');
    await note.getByLabel('Note', { exact: true }).fill(secret);
    await note.getByRole('group', { name: 'Tasks the note concerns' }).getByLabel(words).check();
    await note.getByLabel('The note is sensitive').check();
    await note.getByLabel('Why is it sensitive?').selectOption('health');
    await expectAccessible(s, 'the specialist’s note linked to their task (390 px)');
    await note.getByRole('button', { name: 'Save note' }).click();
    await theirs.getByText(secret).waitFor();
    await theirs.getByText('Sensitive: Health').waitFor();
    // The task's words are isolated in the sentence (direction marks either side).
    await theirs.getByText(new RegExp(`^Concerns: .?${words}.?$`)).waitFor();
    await expectAccessible(s, 'the note as the specialist who wrote it (390 px)');

    // The specialist closes the task: its state only (no due date, owner or helpers to change).
    const theirTasks = s.getByRole('region', { name: 'Tasks' });
    await theirTasks.getByRole('button', { name: `Move the task on: ${words}` }).click();
    const move = s.getByRole('form', { name: `Move the task on: ${words}` });
    expect(await move.getByLabel('Owner').count()).toBe(0);
    await move.getByLabel('State').selectOption('done');
    await expectAccessible(s, 'the specialist moving their task on (390 px)');
    await move.getByRole('button', { name: 'Save' }).click();
    // Done, the task no longer opens the family to them: the page offers the glass instead.
    await s.getByRole('button', { name: 'Break the glass and open the family' }).waitFor();
    expect(await s.content()).not.toContain(secret);

    // The pair sees it done, and reads the specialist's sensitive note.
    await page.reload();
    await page
      .getByRole('region', { name: 'Tasks' })
      .getByText(/3 – a specialist takes it over · Done/)
      .waitFor();
    await page.getByRole('region', { name: 'Journal' }).getByText(secret).waitFor();
    await expectAccessible(page, 'the family page with the task done (1366 px)');

    // Another team member: the note exists, with its date; not its text.
    const other = await signInToMyWork(app, colleague!.username, 390);
    await other.goto(`${app.url}/families/${family.id}`);
    const seen = other.getByRole('region', { name: 'Journal' });
    await seen.getByRole('heading', { name: /^Sensitive note, .*2026/ }).waitFor();
    expect(await other.content()).not.toContain(secret);
    await expectAccessible(other, 'the journal as another team member (390 px)');
    await other.context().close();
    await s.context().close();

    // The printable plan, in English and in Danish, at both widths.
    await page.getByRole('link', { name: 'Print the plan' }).click();
    await page.getByRole('heading', { name: `Our plan – family ${family.reference}`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Who does what by when' }).waitFor();
    await expectAccessible(page, 'the printable plan in English (1366 px)');
    await page.getByRole('radio', { name: 'Dansk' }).check();
    await page.getByRole('heading', { name: `Vores plan – familie ${family.reference}`, level: 1 }).waitFor();
    await expectAccessible(page, 'the printable plan in Danish (1366 px)');
    await page.context().close();

    const phone = await signInToMyWork(app, pair[1]!.username, 390);
    await phone.goto(`${app.url}/families/${family.id}/plan/print`);
    await phone.getByRole('heading', { name: `Our plan – family ${family.reference}`, level: 1 }).waitFor();
    await expectAccessible(phone, 'the printable plan in English (390 px)');
    await phone.getByRole('radio', { name: 'Dansk' }).check();
    await phone
      .getByRole('heading', { name: `Vores plan – familie ${family.reference}`, level: 1 })
      .waitFor();
    await phone.getByRole('heading', { name: 'Jeres par' }).waitFor();
    await expectAccessible(phone, 'the printable plan in Danish (390 px)');
    await phone.context().close();
    // Four people and over a dozen pages with axe on each: about 80 s alone, three minutes on a busy machine.
  }, 360_000);
});
