import { describe, expect, it } from 'vitest';
import { relationsOf } from '../support/factories';
import { appWithMunicipality, expectAccessible, signInToMyWork } from './support';

/**
 * Issue 14 §3, the main path: the pair writes a dream in Arabic with a Danish rendering and a goal,
 * sees the versions and what changed, opens an earlier version, and prints the kitchen-table plan
 * in English and Danish with the pair's work phone. Axe at 1366 and 390 px.
 */
describe('the family’s plan, in the browser', () => {
  const app = appWithMunicipality();

  it('pair writes a dream and a goal, sees the versions, and prints the plan in Danish and English', async () => {
    const k = app.harness.db.kysely;
    const muni = app.m.municipality.id;
    const family = app.m.households[0]!;
    const pairMember = relationsOf(app.m, 0).pair[0]!;
    await k
      .updateTable('app_user')
      .set({ work_phone: '87 65 43 21' })
      .where('municipality_id', '=', muni)
      .where('id', '=', pairMember.id)
      .execute();
    const adult = await k
      .selectFrom('person')
      .select(['id', 'first_name', 'last_name'])
      .where('municipality_id', '=', muni)
      .where('household_id', '=', family.id)
      .orderBy('birth_date')
      .executeTakeFirstOrThrow();
    await k
      .updateTable('person')
      .set({ languages: ['ar', 'da'] })
      .where('municipality_id', '=', muni)
      .where('id', '=', adult.id)
      .execute();
    const domain = app.m.domains[0]!.id;
    const helper = await k
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('municipality_id', '=', muni)
      .where('team_id', '=', app.m.team.id)
      .where('role', '=', 'team_member')
      .where('id', '!=', pairMember.id)
      .orderBy('display_name')
      .executeTakeFirstOrThrow();

    const page = await signInToMyWork(app, pairMember.username, 1366);
    await page.goto(`${app.url}/families/${family.id}`);
    const plan = page.getByRole('region', { name: 'The family’s plan' });
    await plan.getByText('Version 0 – nothing written yet').waitFor();

    await plan.getByRole('button', { name: 'Add a dream' }).click();
    const dreamForm = page.getByRole('form', { name: 'Add a dream' });
    await dreamForm.getByLabel('Whose dream').selectOption(adult.id);
    await dreamForm.getByLabel('The dream, as it was said').fill('أريد أن أعمل ممرضة');
    await dreamForm.getByLabel('The language it was said in').selectOption('ar');
    await dreamForm.getByLabel(/^In Danish/).fill('Jeg vil gerne arbejde som sygeplejerske');
    await expectAccessible(page, 'the dream form (1366 px)');
    await dreamForm.getByRole('button', { name: 'Save' }).click();
    await plan.getByText('أريد أن أعمل ممرضة').first().waitFor();
    await plan.getByText('Jeg vil gerne arbejde som sygeplejerske').first().waitFor();

    await plan.getByRole('button', { name: 'Add a goal' }).click();
    const goalForm = page.getByRole('form', { name: 'Add a goal' });
    await goalForm.getByLabel('Domain').selectOption(domain);
    await goalForm.getByLabel('The goal in the family’s words').fill('Amal har et job inden sommer');
    await goalForm.getByLabel(/^The family’s priority/).selectOption('1');
    await goalForm.getByLabel(`${adult.first_name} ${adult.last_name}`).check();
    await expectAccessible(page, 'the goal form (1366 px)');
    await goalForm.getByRole('button', { name: 'Save' }).click();
    await plan.getByText('Amal har et job inden sommer').first().waitFor();
    await plan.getByText('Priority 1').first().waitFor();

    // The versions, newest first, say what changed; version 1 opens as it was (no goal yet).
    const versions = plan.getByRole('list', { name: 'Versions' });
    await versions.getByText(/^Version 2 – /).waitFor();
    await versions.getByText('Goal added: Amal har et job inden sommer').waitFor();
    await versions.getByText('Dream added: أريد أن أعمل ممرضة').waitFor();
    await plan.getByRole('button', { name: 'Show version 1' }).click();
    await plan.getByText('The plan as it stood in version 1').waitFor();
    await expectAccessible(page, 'the plan with its versions (1366 px)');

    // A task for the goal, moved on with a helper: the print's "who does what by when" shows both.
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'Add a task' }).click();
    const taskForm = page.getByRole('form', { name: 'Add a task' });
    await taskForm.getByLabel('The task in the family’s own words').fill('Skrive et CV');
    await taskForm.getByLabel('Domain').selectOption(domain);
    await taskForm.getByLabel('The family’s goal').selectOption({ label: 'Amal har et job inden sommer' });
    await taskForm.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByText('Goal: Amal har et job inden sommer').waitFor();
    await tasks.getByRole('button', { name: 'Move the task on: Skrive et CV' }).click();
    const move = page.getByRole('form', { name: 'Move the task on: Skrive et CV' });
    await move.getByLabel('State').selectOption('waiting_family');
    await move.getByLabel(helper.display_name).check();
    await expectAccessible(page, 'moving a task on (1366 px)');
    await move.getByRole('button', { name: 'Save' }).click();
    await tasks.getByText(`Helpers: ${helper.display_name}`).waitFor();
    await page.context().close();

    // A meeting at the job centre ahead (far ahead: "next" whatever day this runs), and one cancelled.
    for (const [day, cancelled] of [
      ['2099-03-01', false],
      ['2099-02-01', true],
    ] as const) {
      const { id } = await k
        .insertInto('appointment')
        .values({
          municipality_id: muni,
          household_id: family.id,
          kind: 'authority_meeting',
          title: cancelled ? 'Aflyst møde' : null,
          place: 'Jobcentret, Gellerupvej 1',
          other_authority: 'Jobcenter Aarhus',
          starts_at: new Date(`${day}T08:30:00Z`),
          ends_at: new Date(`${day}T09:30:00Z`),
          created_by: pairMember.id,
          cancelled_at: cancelled ? new Date() : null,
          cancelled_by: cancelled ? pairMember.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await k
        .insertInto('appointment_participant')
        .values({ municipality_id: muni, appointment_id: id, user_id: pairMember.id })
        .execute();
    }

    const phone = await signInToMyWork(app, pairMember.username, 390);
    await phone.goto(`${app.url}/families/${family.id}`);
    await phone.getByRole('link', { name: 'Print the plan' }).click();
    await phone.getByRole('heading', { name: `Our plan – family ${family.reference}`, level: 1 }).waitFor();
    await phone.getByRole('heading', { name: 'Who does what by when' }).waitFor();
    await phone.getByRole('heading', { name: 'Next appointments' }).waitFor();
    await phone.getByText('Work phone: 87 65 43 21').waitFor();
    await phone.getByRole('cell', { name: 'Skrive et CV' }).waitFor();
    await phone.getByText(`with ${helper.display_name}`).waitFor();
    // The next appointments: when, what, where, with whom — in the print's language.
    const next = phone.locator('[data-slot="next-appointments"]');
    await next.getByRole('cell', { name: 'Meeting with an authority' }).waitFor();
    await next.getByRole('cell', { name: /March.*2099, 09:30–10:30/ }).waitFor();
    await next.getByRole('cell', { name: 'Jobcentret, Gellerupvej 1' }).waitFor();
    await next.getByRole('cell', { name: `${pairMember.display_name}, Jobcenter Aarhus` }).waitFor();
    expect(await next.getByText('Aflyst møde').count()).toBe(0);
    await expectAccessible(phone, 'the printable plan in English (390 px)');

    await phone.getByRole('radio', { name: 'Dansk' }).check();
    await phone
      .getByRole('heading', { name: `Vores plan – familie ${family.reference}`, level: 1 })
      .waitFor();
    await phone.getByRole('heading', { name: 'Jeres par' }).waitFor();
    await phone.getByText('Arbejdstelefon: 87 65 43 21').waitFor();
    await phone.getByText('Jeg vil gerne arbejde som sygeplejerske').waitFor();
    await next.getByRole('cell', { name: 'Møde med myndighed' }).waitFor();
    await next.getByRole('cell', { name: /1\. marts 2099 kl\. 09:30–10:30/ }).waitFor();
    await expectAccessible(phone, 'the printable plan in Danish (390 px)');

    // Printed, only the plan: the app's navigation and the print controls are left off.
    await phone.emulateMedia({ media: 'print' });
    expect(await phone.locator('.sc-nav').isVisible()).toBe(false);
    expect(await phone.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await phone.getByText('Arbejdstelefon: 87 65 43 21').isVisible()).toBe(true);
    await phone.context().close();
    // Two people, a dozen steps and axe four times: over two minutes on a busy machine.
  }, 300_000);
});
