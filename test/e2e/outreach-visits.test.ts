import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { addDoorProspect, addStaircase, staffOf } from '../support/factories';
import { doorOf, recordVisit, walkStaircase } from './outreach-steps';
import { appInBrowser, expectAccessible, newPage, signInInEnglish } from './support';

/**
 * Issue 15 §3 in the browser: a worker walks a staircase on a phone (390 px), records a visit at
 * each door — one with the network cut, kept on the device (encrypted) as waiting and sent when
 * the connection returns — and is shown the conflict when a colleague recorded a household
 * meanwhile. The staircase is remembered; the app shell loads with no network once visited. Axe
 * at 390 and 1366 px, in English and Danish.
 */
const app = appInBrowser();

async function staircaseWorld() {
  const h = app.harness;
  const m = await h.municipality({ families: 1, adults: 1, children: 1 });
  const muni = m.municipality.id;
  const k = h.db.kysely;
  const { leader, members } = staffOf(m);
  const staircaseId = await addStaircase(h.db, {
    municipalityId: muni,
    areaId: m.areas[0]!.id,
    buildingName: 'Blok Ø',
  });
  const households: Record<string, string> = {};
  for (const [floor, door, name] of [
    [0, 'tv', 'Amal'],
    [0, 'th', 'Hodan'],
    [1, 'tv', 'Layla'],
  ] as const) {
    const apartment = await k
      .insertInto('apartment')
      .values({ municipality_id: muni, staircase_id: staircaseId, floor, door })
      .returning('id')
      .executeTakeFirstOrThrow();
    households[name] = await addDoorProspect(h.db, {
      municipalityId: muni,
      teamId: leader.team_id!,
      areaId: m.areas[0]!.id,
      apartmentId: apartment.id,
      name,
      outreachStatus: 'eligible',
    });
  }
  return { m, muni, households, worker: members[0]!, colleague: members[1]! };
}

const visitsOf = async (muni: string, householdId: string) =>
  app.harness.db.kysely
    .selectFrom('outreach_visit')
    .select(['outcome', 'conflict_with'])
    .where('municipality_id', '=', muni)
    .where('household_id', '=', householdId)
    .execute();

it('records a staircase’s visits on a phone, one offline and sent when the network returns, a conflict shown', async () => {
  const w = await staircaseWorld();
  const page = await newPage(app.browser, 390);
  await signInInEnglish(page, app.url, w.worker.username);
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
  const list = await walkStaircase(page, 'Blok Ø', 'Gudrunsvej 18');
  // Stair order: the ground floor left, then right, then the first floor.
  const headings = await list.getByRole('heading', { level: 3 }).allTextContents();
  expect(headings).toEqual(['gr. tv · Amal Yusuf', 'gr. th · Hodan Yusuf', '1 tv · Layla Yusuf']);
  // The outcome buttons are thumb-sized.
  const box = await doorOf(page, 'Amal').getByRole('button', { name: 'Not home', exact: true }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);

  // Online: a call-back needs its date (the form says so), then is saved.
  await recordVisit(page, 'Amal', 'Not now – call back');
  await doorOf(page, 'Amal').getByText('Is required').first().waitFor();
  await doorOf(page, 'Amal').getByLabel('Call back on').fill('09.11.2026');
  await doorOf(page, 'Amal').getByRole('button', { name: 'Save the visit' }).click();
  await doorOf(page, 'Amal').getByText('Status: Call back').waitFor();
  await expectAccessible(page, 'walk at 390 after a visit');

  // The network cut: the visit is kept on the device, encrypted, and shown as waiting.
  await page.context().setOffline(true);
  await page.getByText('You are offline').waitFor();
  await recordVisit(page, 'Hodan', 'Talked', async (door) => {
    await door.getByLabel('An interpreter is needed').check();
    await door.getByLabel('Short note (at most 500 characters)').fill('Taler somali, vil gerne høre mere');
  });
  await doorOf(page, 'Hodan').getByText('Waiting to be sent (Talked)').waitFor();
  await page.getByText('1 visit is waiting to be sent').waitFor();
  expect(await visitsOf(w.muni, w.households.Hodan!)).toHaveLength(0);
  const stored = await page.evaluate(
    () =>
      new Promise<{ count: number; plain: boolean }>((resolve, reject) => {
        const open = indexedDB.open('staircase-device');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => {
            const text =
              JSON.stringify(all.result) + all.result.map((r) => new TextDecoder().decode(r.data)).join('');
            open.result.close();
            resolve({ count: all.result.length, plain: /somali|talked/i.test(text) });
          };
        };
      }),
  );
  expect(stored).toEqual({ count: 1, plain: false });
  await expectAccessible(page, 'walk at 390 offline with a waiting visit');

  // The connection returns: sent by itself, no longer waiting, the status follows.
  await page.context().setOffline(false);
  await doorOf(page, 'Hodan').getByText('Status: Talked').waitFor();
  await expect(doorOf(page, 'Hodan').getByText('Waiting to be sent').count()).resolves.toBe(0);
  expect(await visitsOf(w.muni, w.households.Hodan!)).toEqual([{ outcome: 'talked', conflict_with: null }]);

  // A colleague recorded Layla's household meanwhile: both kept, the worker shown both.
  await app.harness.db.kysely
    .insertInto('outreach_visit')
    .values({
      municipality_id: w.muni,
      household_id: w.households.Layla!,
      visited_at: new Date().toISOString(),
      visited_by: w.colleague.id,
      outcome: 'interested',
      client_id: randomUUID(),
    })
    .execute();
  await recordVisit(page, 'Layla', 'Not interested', async (door) => {
    await door.getByRole('radio', { name: 'Moving' }).check();
  });
  await page.getByText('A colleague recorded the same household meanwhile · 1 tv').waitFor();
  await page.getByText(/Your colleague’s visit: Interested, .+, /).waitFor();
  await page.getByText(/Your visit: Not interested/).waitFor();
  const layla = await visitsOf(w.muni, w.households.Layla!);
  expect(layla).toHaveLength(2);
  expect(layla.filter((v) => v.conflict_with !== null)).toHaveLength(1);
  await expectAccessible(page, 'walk at 390 with a conflict');

  // The last staircase is remembered on the device.
  await page.reload();
  await page.getByRole('list', { name: 'The doors of the staircase' }).waitFor();
  await expect(page.getByLabel('Staircase', { exact: true }).inputValue()).resolves.not.toBe('');

  // Wide, and in Danish.
  await page.setViewportSize({ width: 1366, height: 900 });
  await expectAccessible(page, 'walk at 1366 in English');
  await page.getByRole('button', { name: /Dansk/ }).click();
  await page.getByRole('heading', { name: 'Besøg ved døren', level: 1 }).waitFor();
  await expectAccessible(page, 'walk at 1366 in Danish');
  await page.setViewportSize({ width: 390, height: 900 });
  await doorOf(page, 'Amal').getByRole('button', { name: 'Ikke interesseret', exact: true }).click();
  await expectAccessible(page, 'walk at 390 in Danish with the form open');

  // The app shell, once visited, loads with no network (the service worker keeps it).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.title()).resolves.toBe('Staircase');
  await page.context().setOffline(false);
  await page.context().close();
});
