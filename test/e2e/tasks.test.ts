import { describe, it } from 'vitest';
import { addTeam, makeSoleSpecialist, relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToMyWork } from './support';

/**
 * Issue 14 point 4, the main path: a pair member writes a level-3 health task in the family's
 * words, the proposal shows the health specialist and why, the pair asks them, the specialist
 * accepts under "Asked of me", and the pair sees it accepted. Axe at 1366 and 390 px.
 */
describe('tasks routed to a specialist, in the browser', () => {
  const app = appWithMunicipality();

  it('pair writes a level-3 health task, asks the proposed specialist, who accepts; the pair sees it accepted', async () => {
    const family = app.m.households[0]!;
    const pairMember = relationsOf(app.m, 0).pair[0]!;
    const team2 = await addTeam(app.harness.db, app.m, 1);
    const specialist = team2.members[0]!;
    const name = specialist.display_name;
    const health = app.m.domains.find((d) => d.code === 'health_mental_health')!.id;
    // The specialist is the only one with level 3 in health: the rule must propose them.
    await makeSoleSpecialist(app.harness.db, app.m, specialist.id, health, 3);

    const page = await signInToMyWork(app, pairMember.username, 1366);
    await page.goto(`${app.url}/families/${family.id}`);
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'Add a task' }).click();
    const form = page.getByRole('form', { name: 'Add a task' });
    await form.getByLabel('The task in the family’s own words').fill('Min søn skal til tandlæge');
    await form.getByLabel('Domain').selectOption(health);
    await form.getByLabel('Level').selectOption('3');
    await expectAccessible(page, 'the add-task form (1366 px)');
    await form.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByText('Min søn skal til tandlæge').waitFor();

    await tasks.getByRole('button', { name: 'Find a specialist' }).click();
    await tasks.getByText(name, { exact: true }).waitFor();
    await tasks.getByText(/^Level 3 in /).waitFor();
    await expectAccessible(page, 'the proposals (1366 px)');
    await tasks.getByRole('button', { name: `Ask ${name}` }).click();
    await tasks.getByText(`Asked of ${name}`).waitFor();

    const s = await signInToMyWork(app, specialist.username, 390);
    await s.goto(`${app.url}/tasks/asked`);
    await s.getByRole('heading', { name: 'Asked of me', level: 1 }).waitFor();
    await s.getByText('Min søn skal til tandlæge').first().waitFor();
    await expectAccessible(s, 'asked of me (390 px)');
    await s.getByRole('button', { name: 'Accept' }).click();
    await s.getByText(`Accepted by ${name}`).waitFor();

    await page.reload();
    await page.getByRole('region', { name: 'Tasks' }).getByText(`Accepted by ${name}`).waitFor();
    await page.context().close();
    await s.context().close();
  });

  it('a specialist of the family’s own team who accepted a task sees the Tasks section on the family page, not the plan (decision 0053)', async () => {
    const m = app.m;
    const family = m.households[0]!;
    const { notInPair, pair } = relationsOf(m, 0);
    const specialist = notInPair[0]!;
    await app.harness.db.kysely
      .insertInto('task')
      .values({
        municipality_id: m.municipality.id,
        household_id: family.id,
        words: 'Vi skal finde en fritidsaktivitet',
        domain_id: m.domains[0]!.id,
        level: 3,
        owner_id: pair[0]!.id,
        routed_to: specialist.id,
        routing_state: 'accepted',
      })
      .execute();
    const page = await signInToMyWork(app, specialist.username, 390);
    await page.goto(`${app.url}/families/${family.id}`);
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByText('Vi skal finde en fritidsaktivitet').waitFor();
    await tasks.getByRole('button', { name: 'Move the task on' }).first().waitFor();
    if ((await page.getByRole('region', { name: 'The family’s plan' }).count()) !== 0)
      throw new Error('the plan is shown to a specialist routed one task');
    await expectAccessible(page, 'the family page of the team’s own specialist (390 px)');
    await page.context().close();
  });
});
