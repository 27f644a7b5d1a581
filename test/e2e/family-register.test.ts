import { readFileSync } from 'node:fs';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { hashPassword } from '../../src/server/auth/credentials';
import { pendingTotpContext, SecretBox } from '../../src/server/auth/secret-box';
import { TEST_PASSWORD, TEST_SECRET_KEY } from '../support/harness';
import { appInBrowser, expectAccessible, newPage, submitSignIn, visibleText } from './support';

/**
 * The family register as users meet it, in Chromium against the real server and database:
 * sign-in with a second factor, enrolling a family, the pair, history, audit log, language,
 * and a user of another team who is kept out — in the page and in the API.
 */
describe('family register in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;
  let familyPath = '';
  const otherTeamUser = { username: '', secret: '' };

  beforeAll(async () => {
    m = await app.harness.municipality({ mfaRequired: true });
    // A second team in the same municipality, with a member whose second factor is set up.
    const k = app.harness.db.kysely;
    const team = await k
      .insertInto('team')
      .values({
        municipality_id: m.municipality.id,
        area_id: m.areas[1]!.id,
        name: 'Opgang til Opgang Bispehaven',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    otherTeamUser.username = `${m.users[0]!.username}_other`;
    otherTeamUser.secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await k
      .insertInto('app_user')
      .values({
        municipality_id: m.municipality.id,
        username: otherTeamUser.username,
        display_name: 'Other Team Member',
        email: null,
        role: 'team_member',
        team_id: team.id,
        department_id: null,
        password_hash: await hashPassword(TEST_PASSWORD),
        // In plain text, as stored before encryption: the first sign-in seals it.
        totp_secret: otherTeamUser.secret,
        totp_enabled_at: new Date(),
      })
      .execute();
  });

  async function signIn(page: Page, username: string) {
    await submitSignIn(page, username);
  }

  it('lets a leader sign in with TOTP, enroll a family of two, assign a pair and find both in history and audit log', async () => {
    const leader = m.users[0]!;
    const page = await newPage(app.browser);
    await page.goto(app.url);

    // Danish by default; the language switch turns the sign-in page into English.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
    await expectAccessible(page, 'sign-in (da)');
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // First sign-in: the second factor is required, so the leader enrols an authenticator.
    await signIn(page, leader.username);
    await page.getByRole('heading', { name: 'Set up the second factor' }).waitFor();
    await expectAccessible(page, 'TOTP enrolment');
    const session = await app.harness.db.kysely
      .selectFrom('user_session')
      .select('pending_totp_secret')
      .where('user_id', '=', leader.id)
      .where('stage', '=', 'enrol')
      .executeTakeFirstOrThrow();
    await page.getByLabel('Code from the authenticator app').fill(
      await generate({
        // Stored sealed: the test opens it with the app's key, as the authenticator app reads the QR code.
        secret: new SecretBox([TEST_SECRET_KEY]).open(
          session.pending_totp_secret!,
          pendingTotpContext(leader.id),
        ),
      }),
    );
    await page.getByRole('button', { name: 'Turn on the second factor' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.getByRole('button', { name: /I have saved the codes/ }).click();

    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.goto(`${app.url}/families`);
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await page.getByRole('table').waitFor();
    await expectAccessible(page, 'family list');

    // The list as a file: a real download of the CSV export, headers in the user's language.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^families-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('Reference,Adults,Address');

    // Enroll a family: address, two people, summary.
    await page.getByRole('link', { name: 'New family' }).click();
    await page.getByRole('heading', { name: 'Enroll a new family' }).waitFor();
    await page.getByLabel('Area').selectOption({ label: m.areas[0]!.name });
    await page.getByLabel('Street').fill('Dortesvej');
    await page.getByLabel('Building number').fill('11');
    await page.getByRole('button', { name: 'Continue' }).click();
    const first = page.getByRole('group', { name: 'Person 1' });
    await first.getByLabel('First name').fill('Amal');
    await first.getByLabel('Last name').fill('Odeh');
    await first.getByLabel('Date of birth').fill('01.02.1985');
    await first.getByLabel('Role in the household').selectOption({ label: 'Parent' });
    await page.getByRole('button', { name: 'Add a person' }).click();
    const second = page.getByRole('group', { name: 'Person 2' });
    await second.getByLabel('First name').fill('Sami');
    await second.getByLabel('Last name').fill('Odeh');
    await second.getByLabel('Date of birth').fill('04.03.2015');
    await second.getByLabel('Role in the household').selectOption({ label: 'Child' });
    await expectAccessible(page, 'new family, people');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Enroll the family' }).click();

    await page
      .getByRole('heading', {
        name: /^Amal Odeh – family F-\d+$/,
        level: 1,
      })
      .waitFor();
    familyPath = new URL(page.url()).pathname;
    expect(familyPath).toMatch(/^\/families\/[0-9a-f-]{36}$/);
    const members = page.getByRole('region', { name: 'People in the household' }).first();
    await expect.poll(() => members.textContent()).toContain('Amal Odeh');
    expect(await members.textContent()).toContain('Sami Odeh');

    // The leader finds it among the families still without a pair (issue 13), and opens it again.
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/F-\d+/)![0];
    await page.getByRole('link', { name: 'Families', exact: true }).click();
    await page.getByRole('heading', { name: 'Families', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: 'Only families without a pair' }).check();
    const unpaired = page.getByRole('link', { name: reference, exact: true });
    await unpaired.waitFor();
    expect(new URL(page.url()).searchParams.get('noPair')).toBe('true');
    await expectAccessible(page, 'family list, families without a pair');
    await unpaired.click();
    await page.getByRole('heading', { name: /^Amal Odeh – family F-\d+$/, level: 1 }).waitFor();

    // The leader forms the pair from two team members.
    const [a, b] = m.users.filter((u) => u.role === 'team_member');
    await page.getByRole('button', { name: 'Choose the pair' }).click();
    await page.getByLabel('First contact person').selectOption({ value: a!.id });
    await page.getByLabel('Second contact person').selectOption({ value: b!.id });
    await page.getByRole('button', { name: 'Save the pair' }).click();
    const history = page.getByRole('region', { name: 'History', exact: true });
    await expect.poll(() => history.textContent()).toContain('pair assigned');
    // Each person's entry names the person (two children's changes must not read alike).
    expect(await visibleText(history)).toContain('(person: Sami Odeh)');
    expect(await visibleText(history)).toContain('(person: Amal Odeh)');
    await expectAccessible(page, 'family page');

    // The audit log shows the leader's own reads and writes of the family.
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const events = page.getByRole('region', { name: 'Events in the audit log' }).first();
    await expect.poll(() => events.textContent()).toContain(leader.display_name);
    expect(await events.textContent()).toMatch(/F-\d+/);
    await expectAccessible(page, 'audit log');

    // The switch in English turns the app back into Danish.
    await page.getByRole('button', { name: /Dansk/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Adgangslog');
    await page.close();
  });

  it('keeps a member of another team out of the family, in the page and in the API', async () => {
    expect(familyPath).not.toBe('');
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: /English/ }).click();
    await signIn(page, otherTeamUser.username);
    await page
      .getByLabel('Code from the authenticator app')
      .fill(await generate({ secret: otherTeamUser.secret }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();

    await page.goto(`${app.url}${familyPath}`);
    await page.getByRole('heading', { name: 'This family is not one of yours' }).waitFor();
    expect(await page.getByRole('region', { name: 'People in the household' }).first().count()).toBe(0);
    expect(await page.content()).not.toContain('Amal');
    await expectAccessible(page, 'break-the-glass prompt');

    const api = await page.request.get(`${app.url}/api${familyPath}`);
    expect(api.status()).toBe(403);
    expect((await api.json()).type).toBe('/problems/break-glass-available');
    await page.close();
  });
});
