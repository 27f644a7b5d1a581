import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { staffOf } from '../support/factories';
import {
  consentSignedWithInterpreter,
  doorOf,
  fillBaseline,
  readRegisterFile,
  recordVisit,
  registerCsv,
  stageCount,
  walkStaircase,
} from './outreach-steps';
import { appWithMunicipality, expectAccessible, newPage, signInInEnglish, switchLanguage } from './support';

/**
 * Issue 15's browser test, outreach's whole path in one go: the leader imports a register
 * extract with an error, fixes and saves it, opens the building picture and reads the funnel; a
 * worker walks the staircase on a phone, one visit recorded with the network cut and sent when it
 * returns; the leader enrolls the interested family (consent, pair, baseline), sees how the
 * consent was given on its page, and the funnel has moved. Each step is checked by axe at least
 * once at 390 and at 1366 px, and at least once in Danish and in English.
 */
const app = appWithMunicipality();

const ADDRESS = 'Dortesvej 7';
/** Two eligible households (a long-unemployed parent, a child at home) and one that is not. */
const register = (amal: string) =>
  registerCsv([
    `Dortesvej;7;st;tv;8220;${amal};Yusuf;05-03-1984;14,5;`,
    'Dortesvej;7;st;tv;8220;Sami;Yusuf;02-02-2016;;ja',
    'Dortesvej;7;st;th;8220;Hodan;Warsame;11-09-1986;20;',
    'Dortesvej;7;st;th;8220;Ayan;Warsame;14-01-2018;;ja',
    'Dortesvej;7;1;tv;8220;Jens;Hansen;12-06-1988;3;',
  ]);

/** The funnel's stages for the building, read at desktop width where they are a table. */
async function funnelOf(page: Page) {
  const stages = [
    'Eligible|Målgruppe',
    'Contacted|Kontaktet',
    'Interested|Interesseret',
    'Enrolled|Indskrevet',
  ];
  const [eligible, contacted, interested, enrolled] = await Promise.all(
    stages.map((s) => stageCount(page, `(${s})`)),
  );
  return { eligible, contacted, interested, enrolled };
}

it('imports, pictures, walks (one visit offline), enrolls and sees the funnel move, accessible at 390 and 1366 px in Danish and English', async () => {
  const { leader, members } = staffOf(app.m);
  const lead = await newPage(app.browser, 1366);
  await signInInEnglish(lead, app.url, leader.username);
  await lead.getByRole('heading', { name: 'My work', level: 1 }).waitFor();

  // 1. The register extract: a formula in a name is the row's error and nothing can be saved;
  // the corrected file is previewed and saved.
  await lead.getByRole('link', { name: 'Outreach' }).first().click();
  await lead.getByRole('link', { name: 'Upload a register extract' }).click();
  await lead.getByRole('heading', { name: 'Upload a register extract', level: 1 }).waitFor();
  await readRegisterFile(lead, register('=1+1'));
  await lead.getByText('Rows with errors: 1').waitFor();
  await lead.getByText('Correct the errors in the file and upload it again').waitFor();
  await expect(lead.getByRole('button', { name: 'Save all households' }).count()).resolves.toBe(0);
  await expectAccessible(lead, 'import preview with an error at 1366 (en)');
  await readRegisterFile(lead, register('Amal'));
  await lead.getByText('New households: 3').waitFor();
  await lead.getByRole('button', { name: 'Save all households' }).click();
  await lead.getByText('The import is saved: 3 households').waitFor();

  // 2. The building picture: two eligible households, one not.
  await lead.getByRole('link', { name: 'Outreach' }).first().click();
  await lead.getByRole('link', { name: ADDRESS }).click();
  await lead.getByRole('heading', { name: ADDRESS, level: 1 }).waitFor();
  const table = lead.getByRole('region', { name: /The apartments as a table|Lejlighederne som tabel/ });
  await expect.poll(() => table.getByText('Eligible', { exact: true }).count()).toBe(2);
  await table.getByText('Not eligible', { exact: true }).first().waitFor();
  await expectAccessible(lead, 'building picture at 1366 (en)');

  // 3. The funnel before anyone knocked.
  await lead.getByRole('link', { name: 'Outreach' }).first().click();
  await lead.getByRole('link', { name: 'See the funnel: from eligible to enrolled' }).click();
  await lead.getByRole('heading', { name: 'The funnel', level: 1 }).waitFor();
  await lead.getByLabel('Building', { exact: true }).selectOption({ label: ADDRESS });
  await expect.poll(() => stageCount(lead, 'Eligible')).toBe('2');
  expect(await funnelOf(lead)).toEqual({ eligible: '2', contacted: '0', interested: '0', enrolled: '0' });
  await expectAccessible(lead, 'funnel at 1366 (en)');

  // 4. A worker walks the staircase on a phone: Amal's door online, Hodan's with the network cut.
  const walk = await newPage(app.browser, 390);
  await signInInEnglish(walk, app.url, members[0]!.username);
  await walk.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  await walkStaircase(walk, ADDRESS, ADDRESS);
  await recordVisit(walk, 'Amal', 'Not home');
  await doorOf(walk, 'Amal').getByText('Status: Not home').waitFor();
  await walk.context().setOffline(true);
  await walk.getByText('You are offline').waitFor();
  await recordVisit(walk, 'Hodan', 'Interested', async (door) => {
    await door.getByLabel('An interpreter is needed').check();
  });
  await doorOf(walk, 'Hodan').getByText('Waiting to be sent (Interested)').waitFor();
  await expectAccessible(walk, 'walk at 390 (en) with a visit waiting');
  await walk.context().setOffline(false);
  await doorOf(walk, 'Hodan').getByText('Status: Interested').waitFor();
  await expect(walk.getByText(/waiting to be sent/i).count()).resolves.toBe(0);
  await walk.setViewportSize({ width: 1366, height: 900 });
  await switchLanguage(walk, 'Besøg ved døren');
  await expectAccessible(walk, 'walk at 1366 (da)');
  await walk.context().close();

  // 5. The leader enrolls Hodan's family: consent (signed, Arabic interpreter), the pair, the baseline.
  const hodan = await app.harness.db.kysely
    .selectFrom('household as h')
    .innerJoin('person as p', (j) => j.onRef('p.household_id', '=', 'h.id'))
    .select(['h.id', 'h.reference'])
    .where('h.municipality_id', '=', app.m.municipality.id)
    .where('h.street', '=', 'Dortesvej')
    .where('p.first_name', '=', 'Hodan')
    .executeTakeFirstOrThrow();
  await lead.getByRole('link', { name: 'Outreach' }).first().click();
  await lead.getByRole('link', { name: ADDRESS }).click();
  await lead.getByRole('heading', { name: ADDRESS, level: 1 }).waitFor();
  await lead.getByRole('link', { name: `Enroll ${hodan.reference}` }).click();
  await lead.getByRole('heading', { name: `Enroll household ${hodan.reference}`, level: 1 }).waitFor();
  await expectAccessible(lead, 'enrollment consent step at 1366 (en)');
  await consentSignedWithInterpreter(lead);
  await lead.getByLabel('First of the pair').selectOption({ index: 1 });
  await lead.getByLabel('Second of the pair').selectOption({ index: 2 });
  await lead.getByRole('button', { name: 'Next' }).click();
  await fillBaseline(lead);
  await lead.setViewportSize({ width: 390, height: 900 });
  await switchLanguage(lead, `Indskriv husstand ${hodan.reference}`);
  await expectAccessible(lead, 'enrollment baseline step at 390 (da)');
  await lead.getByRole('button', { name: 'Indskriv familien' }).click();
  await lead.waitForURL(`**/families/${hodan.id}`);
  // The family page's consents say how they were given (migration 0032).
  await lead.getByText('Underskrevet på papir', { exact: true }).first().waitFor();
  await lead.getByText('Forklaret på arabisk med tolk').first().waitFor();

  // 6. In Danish on the phone: the import (the same file again updates, never duplicates) and the picture.
  await lead.getByRole('link', { name: 'Opsøgende' }).first().click();
  await lead.getByRole('link', { name: 'Indlæs et registerudtræk' }).click();
  await readRegisterFile(lead, register('Amal'));
  await lead.getByText('Nye husstande: 0').waitFor();
  await expectAccessible(lead, 'import preview at 390 (da)');
  await lead.getByRole('link', { name: 'Opsøgende' }).first().click();
  await lead.getByRole('link', { name: ADDRESS }).click();
  await table.getByText('Indskrevet', { exact: true }).waitFor();
  await table.getByText('Ikke hjemme', { exact: true }).waitFor();
  await expectAccessible(lead, 'building picture at 390 (da)');

  // 7. The funnel has moved: both contacted, one interested, one enrolled.
  await lead.getByRole('link', { name: 'Opsøgende' }).first().click();
  await lead.getByRole('link', { name: 'Se tragten: fra målgruppe til indskrevne' }).click();
  await lead.getByRole('heading', { name: 'Tragten', level: 1 }).waitFor();
  await lead.getByLabel('Bygning', { exact: true }).selectOption({ label: ADDRESS });
  await lead.setViewportSize({ width: 1366, height: 900 });
  // The page shows the funnel it read before at once and reads it anew: wait for the new one.
  await expect
    .poll(() => funnelOf(lead))
    .toEqual({ eligible: '2', contacted: '2', interested: '1', enrolled: '1' });
  await lead.setViewportSize({ width: 390, height: 900 });
  await expectAccessible(lead, 'funnel at 390 (da)');
  await lead.context().close();
}, 240_000);
