import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import type { Harness } from '../support/harness';
import { TEST_PASSWORD } from '../support/harness';
import { expectAccessible, launchBrowser, startApp } from './support';

/**
 * Issue 15 §5, the main path: the pair records a family's baseline — WHO-5 answered in English
 * for the adult (3, 4, 2, 5, 1: raw 15, score 60 shown while answering), the staff's assessment —
 * and sees the WHO-5 score of 60 among the family's scores; corrects one answer and sees 56. Axe at
 * 1366 and 390 px.
 */
describe('recording a baseline, in the browser', () => {
  let harness: Harness;
  let url: string;
  let browser: Browser;
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    ({ harness, url } = await startApp());
    browser = await launchBrowser();
    m = await harness.municipality({ families: 1, adults: 1, children: 1 });
    // The demo measured the family already (src/demo/measures.ts): this test records its baseline itself.
    await harness.db.kysely
      .deleteFrom('measurement')
      .where('municipality_id', '=', m.municipality.id)
      .execute();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.app.close();
    await harness?.db.close();
  });

  async function signIn(username: string, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    return page;
  }

  it('the pair records a baseline, sees the WHO-5 score and corrects it', async () => {
    const family = m.households[0]!;
    const pair = m.pairs.find((p) => p.household_id === family.id)!;
    const pairMember = m.users.find((u) => u.id === pair.first_member_id)!;

    const page = await signIn(pairMember.username, 1366);
    await page.goto(`${url}/families/${family.id}`);
    const section = page.getByRole('region', { name: 'Measurements' });
    await section.getByText(/The baseline is due/).waitFor();
    await section.getByRole('button', { name: 'Record a measurement' }).click();
    const form = page.getByRole('form', { name: 'Record a measurement' });
    await form.getByLabel('Occasion').selectOption('baseline');
    await form.getByLabel('Language of the questions').selectOption('en');

    const answers: [string, string][] = [
      ['I have felt cheerful and in good spirits', 'More than half of the time (3)'],
      ['I have felt calm and relaxed', 'Most of the time (4)'],
      ['I have felt active and vigorous', 'Less than half of the time (2)'],
      ['I woke up feeling fresh and rested', 'All of the time (5)'],
      ['My daily life has been filled with things that interest me', 'Some of the time (1)'],
    ];
    for (const [item, answer] of answers) {
      await form.getByRole('radiogroup', { name: item }).first().getByRole('radio', { name: answer }).check();
    }
    await form.getByText('Score: 60').first().waitFor();
    await form
      .getByRole('radiogroup', {
        name: 'Do you have a good network of friends and family who make you happy?',
      })
      .first()
      .getByRole('radio', { name: 'Yes, more or less (3)' })
      .check();
    await form.getByLabel('How do you assess the family’s overall well-being right now?').selectOption('6');
    await expectAccessible(page, 'the baseline form (1366 px)');
    await form.getByRole('button', { name: 'Save measurement' }).click();

    const scores = section.getByRole('region', { name: 'Scores over time' });
    const who5 = scores.getByRole('row').filter({ hasText: 'WHO-5 Well-Being Index' });
    await who5.getByRole('cell', { name: '60', exact: true }).waitFor();
    await section.getByText(/The next follow-up is due/).waitFor();

    // Corrected: the last statement "at no time" instead of "some of the time" — raw 14, score 56.
    await section.getByRole('button', { name: 'Correct the latest measurement' }).click();
    const edit = page.getByRole('form', { name: 'Correct a measurement' });
    await edit.getByLabel('Language of the questions').selectOption('en');
    await edit
      .getByRole('radiogroup', { name: 'My daily life has been filled with things that interest me' })
      .first()
      .getByRole('radio', { name: 'At no time (0)' })
      .check();
    await edit.getByText('Score: 56').first().waitFor();
    await edit.getByRole('button', { name: 'Save measurement' }).click();
    await who5.getByRole('cell', { name: '56', exact: true }).waitFor();

    await page.setViewportSize({ width: 390, height: 900 });
    await expectAccessible(page, 'the family’s measurements (390 px)');
    await page.context().close();
  });
});
