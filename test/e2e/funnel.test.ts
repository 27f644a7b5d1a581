import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { staffOf } from '../support/factories';
import type { Harness } from '../support/harness';
import { stageCount } from './outreach-steps';
import { appInBrowser, expectAccessible, signInInDanish, signInInEnglish, switchLanguage } from './support';

/**
 * Issue 15 §6 in the browser: a team member opens the funnel from Outreach, sees the numbers of a
 * staircase built for the test, sees them move when a visit and an enrolment are recorded (by
 * the database here: the visit forms are another area's), and downloads the funnel as CSV and
 * XLSX; the analyst sees it with small cells hidden. Axe at 1366 and 390 px, in English and Danish.
 */
describe('outreach: the funnel, in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;
  let place: { areaId: string; teamId: string; apartments: string[]; buildingName: string };
  const households: string[] = [];

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 1, adults: 1, children: 1 });
    place = await buildStaircase(app.harness, m);
    // Three eligible households: one never visited, one not home in October, one talked in November.
    for (let i = 0; i < 3; i++) households.push(await addHousehold(app.harness, m, place, i));
    await addVisit(app.harness, m, households[1]!, '2026-10-05T09:00:00Z', 'not_home');
    await addVisit(app.harness, m, households[2]!, '2026-11-05T09:00:00Z', 'talked');
  });

  async function open(browser: Browser, width: number, locale: 'da' | 'en', username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'da-DK' });
    const page = await context.newPage();
    if (locale === 'en') {
      await signInInEnglish(page, app.url, username);
      await page.waitForURL(/\/(families|welcome|my-work)/);
    } else await signInInDanish(page, app.url, username);
    return page;
  }

  it('opens the funnel from Outreach, sees it move, downloads CSV and XLSX (1366 px, English)', async () => {
    const page = await open(app.browser, 1366, 'en', staffOf(m).members[0]!.username);
    await page.getByRole('link', { name: 'Outreach' }).first().click();
    await page.getByRole('link', { name: 'See the funnel: from eligible to enrolled' }).click();
    await page.getByRole('heading', { name: 'The funnel', level: 1 }).waitFor();
    await page.getByLabel('Building').selectOption({ label: place.buildingName });
    await expect.poll(() => stageCount(page, 'Eligible')).toBe('3');
    expect(await stageCount(page, 'Contacted')).toBe('2');
    expect(await stageCount(page, 'Talked')).toBe('1');
    expect(await stageCount(page, 'Enrolled')).toBe('0');
    await page
      .getByRole('cell', { name: 'November 2026' })
      .or(page.getByRole('rowheader', { name: 'November 2026' }))
      .waitFor();
    await expectAccessible(page, 'funnel at 1366 (en)');
    // The comparison group is the analysts' alone, and in counts only.
    await expect(page.getByRole('heading', { name: 'The comparison group' }).count()).resolves.toBe(0);

    // The funnel moves: the never-visited household is found interested, the talked one enrols.
    await addVisit(app.harness, m, households[0]!, '2026-11-20T10:00:00Z', 'interested');
    await app.harness.db.kysely
      .updateTable('household')
      .set({ status: 'enrolled', enrolled_on: '2026-11-25' })
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', households[2]!)
      .execute();
    await page.reload();
    await expect.poll(() => stageCount(page, 'Contacted')).toBe('3');
    expect(await stageCount(page, 'Interested')).toBe('2');
    expect(await stageCount(page, 'Enrolled')).toBe('1');
    await page.getByText('Median: 20 days').waitFor();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: string[][] = parse(readFileSync((await csv.path())!, 'utf8'), { bom: true });
    expect(rows[0]).toEqual(['Part', 'Item', 'Month', 'Count']);
    expect(rows.find((r) => r[0] === 'The funnel' && r[1] === 'Enrolled')?.[3]).toBe('1');
    expect(rows.find((r) => r[0] === 'Selection' && r[1] === 'Building')?.[3]).toBe(place.buildingName);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as Excel (XLSX)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const values = (workbook.getWorksheet('Funnel')!.getSheetValues() as unknown[][]).filter(Boolean);
    expect(values.find((r) => r[1] === 'The funnel' && r[2] === 'Contacted')?.[4]).toBe(3);
    await page.context().close();
  });

  it('is accessible at 390 px in English and at 1366 and 390 px in Danish', async () => {
    for (const [width, locale] of [
      [390, 'en'],
      [1366, 'da'],
      [390, 'da'],
    ] as const) {
      // A user who never chose English: the language a user picks is kept for them.
      const user = staffOf(m).members[locale === 'en' ? 0 : 1]!;
      const page = await open(app.browser, width, locale, user.username);
      await page.goto(`${app.url}/outreach/funnel`);
      await page
        .getByRole('heading', { name: locale === 'en' ? 'The funnel' : 'Tragten', level: 1 })
        .waitFor();
      // Below 640 px the rows stack as cards (no table roles): the stage's name shows the numbers are in.
      await page
        .getByRole('region', { name: locale === 'en' ? 'The funnel as a table' : 'Tragten som tabel' })
        .getByText(locale === 'en' ? 'Eligible' : 'Målgruppe', { exact: true })
        .waitFor();
      await expectAccessible(page, `funnel at ${width} (${locale})`);
      await page.context().close();
    }
  });

  it('shows the analyst the funnel and the comparison group with small numbers hidden, from the menu', async () => {
    for (let i = 0; i < 5; i++) await addHousehold(app.harness, m, place, i % 3, { comparison: true });
    const page = await open(app.browser, 1366, 'en', staffOf(m).analyst.username);
    await page.getByRole('link', { name: 'Funnel' }).click();
    await page.getByRole('heading', { name: 'The funnel', level: 1 }).waitFor();
    await page.getByText(/^Numbers below 5 are hidden, and so/).waitFor();
    await page.getByLabel('Area', { exact: true }).selectOption({ value: place.areaId });
    await page.getByLabel('Building').selectOption({ label: place.buildingName });
    await expect.poll(() => stageCount(page, 'Eligible')).toBe('hidden');

    // The comparison group per area: five households of ten adults shown, no child, so hidden.
    const { name: areaName } = await app.harness.db.kysely
      .selectFrom('area')
      .select('name')
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', place.areaId)
      .executeTakeFirstOrThrow();
    const group = page.getByRole('region', { name: 'The comparison group by area' });
    const row = group.getByRole('row', { name: new RegExp(`^${areaName}`) });
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['5', '10', 'hidden']);
    await page.getByText('In this table, numbers below 5 are hidden.').waitFor();
    await expectAccessible(page, 'funnel for the analyst at 1366 (en)');
    await page.setViewportSize({ width: 390, height: 900 });
    await switchLanguage(page, 'Tragten');
    await page.getByRole('heading', { name: 'Sammenligningsgruppen' }).waitFor();
    await expectAccessible(page, 'funnel for the analyst at 390 (da)');
    await page.context().close();
  });
});

async function buildStaircase(h: Harness, m: GeneratedMunicipality) {
  const k = h.db.kysely;
  const muni = m.municipality.id;
  const teamId = staffOf(m).leader.team_id!;
  const { area_id: areaId } = await k
    .selectFrom('team')
    .select('area_id')
    .where('municipality_id', '=', muni)
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  const buildingName = `Blok ${randomUUID().slice(0, 6)}`;
  const building = await k
    .insertInto('building')
    .values({ municipality_id: muni, area_id: areaId, name: buildingName })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staircase = await k
    .insertInto('staircase')
    .values({ municipality_id: muni, building_id: building.id, street: 'Tragtvej', number: '7' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const apartments = await k
    .insertInto('apartment')
    .values(
      [0, 1, 2].map((floor) => ({ municipality_id: muni, staircase_id: staircase.id, floor, door: 'tv' })),
    )
    .returning('id')
    .execute();
  return { areaId, teamId, apartments: apartments.map((a) => a.id), buildingName };
}

async function addHousehold(
  h: Harness,
  m: GeneratedMunicipality,
  place: { areaId: string; teamId: string; apartments: string[] },
  n: number,
  { comparison = false } = {},
) {
  const row = await h.db.kysely
    .insertInto('household')
    .values({
      municipality_id: m.municipality.id,
      team_id: place.teamId,
      area_id: place.areaId,
      reference: `FE-${randomUUID().slice(0, 8)}`,
      street: 'Tragtvej',
      building_number: '7',
      search_text: '',
      sort_name: '',
      updated_at: new Date(),
      status: 'prospect',
      apartment_id: place.apartments[n]!,
      eligible: true,
      outreach_status: comparison ? 'comparison' : 'eligible',
      // A comparison household: two adults and no child, for the analyst's counts.
      adult_count: comparison ? 2 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addVisit(
  h: Harness,
  m: GeneratedMunicipality,
  householdId: string,
  at: string,
  outcome: 'not_home' | 'talked' | 'interested',
) {
  await h.db.kysely
    .insertInto('outreach_visit')
    .values({
      municipality_id: m.municipality.id,
      household_id: householdId,
      visited_at: at,
      visited_by: staffOf(m).members[0]!.id,
      outcome,
      client_id: randomUUID(),
    })
    .execute();
}
