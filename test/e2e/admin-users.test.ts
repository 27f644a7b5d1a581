import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { addUser, recordSignIns } from '../support/factories';
import { TEST_PASSWORD } from '../support/harness';
import { unreachableOidc } from '../support/oidc-provider';
import { appInBrowser, expectAccessible, newPage, submitSignIn } from './support';

/**
 * The administrator keeps the accounts in the browser: creates a user who then signs in,
 * disables them (they are signed out at once and cannot sign in again), and keeps the areas
 * and teams — with the WCAG checks on each new page and dialog.
 */
describe('administration of users in the browser', () => {
  // A single sign-on provider configured (never reached here), so accounts can be moved to it.
  const app = appInBrowser({ oidc: unreachableOidc });
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    m = await app.harness.municipality(); // password only: the second factor is off
  });

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${app.url}/login`);
    if (await page.getByRole('button', { name: /English/ }).count()) {
      await page.getByRole('button', { name: /English/ }).click();
    }
    await submitSignIn(page, username, password);
  }

  it('creates a user who signs in, then disables them: signed out at once, and refused at sign-in', async () => {
    const admin = m.users.find((u) => u.role === 'administrator')!;
    const adminPage = await newPage(app.browser);
    await signIn(adminPage, admin.username, TEST_PASSWORD);
    await adminPage.getByRole('link', { name: 'Users', exact: true }).click();
    await adminPage.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await adminPage.getByRole('region', { name: 'Users' }).getByText(admin.display_name).waitFor();
    await expectAccessible(adminPage, 'users list');

    // Filter by role: only the administrator is left.
    await adminPage.getByLabel('Role').selectOption('administrator');
    await expect.poll(() => adminPage.getByRole('status').first().textContent()).toBe('1 user');

    await adminPage.getByRole('link', { name: 'New user' }).click();
    await adminPage.getByRole('heading', { name: 'New user', level: 1 }).waitFor();
    // Sent empty: the error summary names each field.
    await adminPage.getByRole('button', { name: 'Create the user' }).click();
    const summary = adminPage.getByText('Correct the following before you continue:');
    await summary.waitFor();
    await expectAccessible(adminPage, 'new user, with errors');

    const username = `sara_${Date.now()}`;
    const password = 'harbour lantern oat vivid';
    await adminPage.getByLabel('Username').fill(username);
    await adminPage.getByLabel('Name', { exact: true }).fill('Sara Holm');
    await adminPage.getByLabel('Role').selectOption('team_member');
    await adminPage.getByLabel('Team', { exact: true }).selectOption(m.team.id);
    // A breached password is refused by the server, at the field.
    await adminPage.getByLabel('Initial password').fill('password1234');
    await adminPage.getByRole('button', { name: 'Create the user' }).click();
    await adminPage
      .getByText(/too common or has been breached/)
      .first()
      .waitFor();
    await adminPage.getByLabel('Initial password').fill(password);
    await adminPage.getByRole('button', { name: 'Create the user' }).click();
    await adminPage.getByRole('heading', { name: 'Sara Holm', level: 1 }).waitFor();
    await expectAccessible(adminPage, 'user page');
    // Edit opens the form with focus in its first field; cancelled, focus goes to the section's heading.
    await adminPage.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect
      .poll(() => adminPage.evaluate(() => document.activeElement?.id))
      .toBe('edit-user-displayName');
    await adminPage
      .getByRole('form', { name: 'Edit the account' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await expect.poll(() => adminPage.evaluate(() => document.activeElement?.tagName)).toBe('H2');

    // The new user signs in and works.
    const userPage = await newPage(app.browser);
    await signIn(userPage, username, password);
    await userPage.getByRole('heading', { name: 'My work', level: 1 }).waitFor();

    // The administrator disables them, confirming in a dialog.
    await adminPage.getByRole('button', { name: 'Disable the user' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Disable Sara Holm?' });
    await dialog.waitFor();
    await expectAccessible(adminPage, 'disable dialog');
    await dialog.getByRole('button', { name: 'Disable the user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await adminPage.getByText('Disabled', { exact: true }).first().waitFor();
    expect(await adminPage.getByRole('button', { name: 'Enable the user' }).count()).toBe(1);

    // Their next request finds the session gone: back to the sign-in page, and no way in.
    await userPage.reload();
    await userPage.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await submitSignIn(userPage, username, password);
    await userPage.getByText('Username or password is wrong').waitFor();
    const api = await userPage.request.get(`${app.url}/api/auth/me`);
    expect(api.status()).toBe(401);
    await userPage.close();
    await adminPage.close();
  });

  it('moves a password account to single sign-on after a confirmation that names what is removed', async () => {
    const admin = m.users.find((u) => u.role === 'administrator')!;
    const member = m.users.find((u) => u.role === 'team_member')!;
    const page = await newPage(app.browser);
    await signIn(page, admin.username, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Users', exact: true }).waitFor();
    await page.goto(`${app.url}/admin/users/${member.id}`);
    await page.getByRole('heading', { name: member.display_name, level: 1 }).waitFor();
    await page.getByText('Password', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Move to single sign-on' }).click();
    const dialog = page.getByRole('dialog', { name: `Move ${member.display_name} to single sign-on?` });
    await dialog.waitFor();
    await expectAccessible(page, 'single sign-on dialog');
    await dialog.getByLabel('Single sign-on identity (subject)').fill(`sub-${member.id}`);
    await dialog.getByRole('button', { name: 'Move to single sign-on' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Single sign-on only', { exact: true }).waitFor();
    await page.getByText('Done by the identity provider (single sign-on)').waitFor();
    expect(await page.getByRole('button', { name: 'Move to single sign-on' }).count()).toBe(0);

    const row = await app.harness.db.kysely
      .selectFrom('app_user')
      .select(['password_hash', 'oidc_subject'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ password_hash: null, oidc_subject: `sub-${member.id}` });
    await page.close();
  });

  it('tells a user at every sign-in that an administrator reset their password, with the sign-ins since; and sends a password-only session to sign-in and enrolment once the second factor is required', async () => {
    // A municipality of its own: the second factor is turned on here.
    const own = await app.harness.municipality();
    const admin = own.users.find((u) => u.role === 'administrator')!;
    const user = own.users.find((u) => u.role === 'team_member')!;
    const adminPage = await newPage(app.browser);
    await signIn(adminPage, admin.username, TEST_PASSWORD);
    await adminPage.getByRole('link', { name: 'Users', exact: true }).waitFor();
    const csrf = (await (await adminPage.request.get(`${app.url}/api/auth/me`)).json()).csrfToken;
    const { version } = await app.harness.db.kysely
      .selectFrom('app_user')
      .select('version')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const newPassword = 'quiet meadow copper lamp';
    const reset = await adminPage.request.post(`${app.url}/api/admin/users/${user.id}/password`, {
      headers: { 'x-csrf-token': csrf },
      data: { password: newPassword, version },
    });
    expect(reset.status()).toBe(200);

    const userPage = await newPage(app.browser);
    await signIn(userPage, user.username, newPassword);
    await userPage.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    const notice = userPage.getByText(`Your password was reset by ${admin.display_name} on`);
    await notice.waitFor();
    const signIns = userPage.getByRole('list', { name: 'Sign-ins since then' }).getByRole('listitem');
    await expect.poll(() => signIns.allTextContents()).toEqual([expect.stringMatching(/ – password$/)]);
    await expectAccessible(userPage, 'reset notice');
    await userPage.getByRole('button', { name: 'Hide until next sign-in' }).click();
    await notice.waitFor({ state: 'hidden' });
    // The button went with the notice: focus moves on to the page's content, not to <body>.
    await expect.poll(() => userPage.evaluate(() => document.activeElement?.id)).toBe('main');
    await userPage.reload();
    await userPage.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    expect(await notice.count()).toBe(0);

    // Hidden in that session only: the next sign-in shows it again, with the sign-ins since —
    // the newest 20 of them (20 more are in the audit log here), and how many it leaves out.
    await recordSignIns(app.harness.db, user, 20);
    const laterPage = await newPage(app.browser);
    await signIn(laterPage, user.username, newPassword);
    await laterPage.getByText(`Your password was reset by ${admin.display_name} on`).waitFor();
    await expect
      .poll(() => laterPage.getByRole('list', { name: 'Sign-ins since then' }).getByRole('listitem').count())
      .toBe(20);
    await laterPage.getByText('… and 2 earlier sign-ins').waitFor();
    await expectAccessible(laterPage, 'reset notice, more sign-ins than listed');
    await laterPage.close();

    // The administrator requires the second factor: the user's password-only session ends.
    const loaded = await (await adminPage.request.get(`${app.url}/api/admin/settings`)).json();
    const settings = await adminPage.request.put(`${app.url}/api/admin/settings`, {
      headers: { 'x-csrf-token': csrf },
      data: { version: loaded.version, mfaRequired: true },
    });
    expect(settings.status()).toBe(200);
    await userPage.reload();
    await userPage.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await userPage
      .getByText('Your municipality now requires a second factor – sign in again and set it up')
      .waitFor();
    await userPage.getByLabel('Username').fill(user.username);
    await userPage.getByLabel('Password', { exact: true }).fill(newPassword);
    await userPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await userPage.getByRole('heading', { name: 'Set up the second factor', level: 1 }).waitFor();
    await userPage.close();
    await adminPage.close();
  });

  it('creates an area and a team in it, renames them, and deletes them once empty, on the areas and teams page', async () => {
    const admin = m.users.find((u) => u.role === 'administrator')!;
    const page = await newPage(app.browser);
    await signIn(page, admin.username, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Areas and teams' }).click();
    await page.getByRole('heading', { name: 'Areas and teams', level: 1 }).waitFor();
    await expectAccessible(page, 'areas and teams');

    const area = `Bispehaven ${Date.now()}`;
    await page.getByLabel('Name of a new area').fill(area);
    await page.getByRole('button', { name: 'Create the area' }).click();
    await page.getByRole('rowheader', { name: area }).waitFor();

    await page.getByLabel('Name of a new team').fill(`Opgang ${area}`);
    await page.getByLabel('Area', { exact: true }).selectOption({ label: area });
    await page.getByRole('button', { name: 'Create the team' }).click();
    await page.getByRole('rowheader', { name: `Opgang ${area}` }).waitFor();

    // Rename opens the field with focus in it, and saving gives focus back to the Rename button.
    await page.getByRole('button', { name: `Rename ${area}`, exact: true }).click();
    const newName = page.getByLabel(`New name for ${area}`);
    await expect.poll(() => newName.evaluate((el) => el === document.activeElement)).toBe(true);
    await newName.fill(`${area} Nord`);
    await page.getByRole('button', { name: 'Save the name' }).click();
    await page.getByRole('rowheader', { name: `${area} Nord` }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(`Rename ${area} Nord`);
    await expectAccessible(page, 'areas and teams after changes');

    // An area with a team in it is refused, in the dialog; cancelled, nothing changes.
    await page.getByRole('button', { name: `Delete ${area} Nord`, exact: true }).click();
    const refused = page.getByRole('dialog', { name: `Delete the area ${area} Nord?` });
    await refused.getByRole('button', { name: 'Delete', exact: true }).click();
    await refused.getByText('The area still has teams or families: move or delete them first').waitFor();
    await expectAccessible(page, 'delete dialog with its refusal');
    await refused.getByRole('button', { name: 'Cancel' }).click();
    await refused.waitFor({ state: 'hidden' });

    // The empty team goes, then the area it left empty; focus lands on the section's heading.
    await page.getByRole('button', { name: `Delete Opgang ${area}`, exact: true }).click();
    await page
      .getByRole('dialog', { name: `Delete the team Opgang ${area}?` })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await page.getByRole('rowheader', { name: `Opgang ${area}` }).waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Teams');
    await page.getByRole('button', { name: `Delete ${area} Nord`, exact: true }).click();
    await page
      .getByRole('dialog', { name: `Delete the area ${area} Nord?` })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await page.getByRole('rowheader', { name: `${area} Nord` }).waitFor({ state: 'detached' });
    await page.close();
  });

  it('tells an administrator whose settings page is stale that another saved meanwhile, and loads theirs', async () => {
    const admin = m.users.find((u) => u.role === 'administrator')!;
    const open = async () => {
      const page = await newPage(app.browser);
      await signIn(page, admin.username, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      return page;
    };
    const minutes = 'Length of break-the-glass access (minutes)';
    const first = await open();
    const second = await open();

    await second.getByLabel(minutes).fill('30');
    await second.getByRole('button', { name: 'Save the settings' }).click();
    await second.getByText('The changes are saved').waitFor();

    await first.getByLabel(minutes).fill('45');
    await first.getByRole('button', { name: 'Save the settings' }).click();
    await first.getByText(/Someone else changed this while you were working/).waitFor();
    await expectAccessible(first, 'settings, conflict');
    expect(await first.getByRole('button', { name: 'Save the settings' }).isDisabled()).toBe(true);

    await first.getByRole('button', { name: 'Load the new version' }).click();
    await expect.poll(() => first.getByLabel(minutes).inputValue()).toBe('30');
    await first.getByLabel(minutes).fill('45');
    await first.getByRole('button', { name: 'Save the settings' }).click();
    await first.getByText('The changes are saved').waitFor();
    await second.reload();
    await expect.poll(() => second.getByLabel(minutes).inputValue()).toBe('45');
  });

  it('a leader’s new password waits for a second administrator, who approves it; checked at phone and desktop width', async () => {
    // A municipality of its own: a second administrator here would change the other tests' resets.
    const m2 = await app.harness.municipality();
    const first = m2.users.find((u) => u.role === 'administrator')!;
    const second = await addUser(app.harness.db, m2, { role: 'administrator', displayName: 'Ada Second' });
    const leader = m2.users.find((u) => u.role === 'team_leader')!;
    const newPassword = 'copper meadow violin quietly';

    const requester = await (
      await app.browser.newContext({ locale: 'da-DK', viewport: { width: 375, height: 800 } })
    ).newPage();
    await signIn(requester, first.username, TEST_PASSWORD);
    // Signed in before going on: a goto while the sign-in request runs would cancel it.
    await requester.waitForURL((u) => !u.pathname.startsWith('/login'));
    await requester.goto(`${app.url}/admin/users/${leader.id}`);
    await requester.getByRole('heading', { name: leader.display_name, level: 1 }).waitFor();
    await requester.getByRole('button', { name: 'Set a new password' }).click();
    const dialog = requester.getByRole('dialog', { name: `New password for ${leader.display_name}` });
    await dialog.getByLabel('New password').fill(newPassword);
    await dialog.getByRole('button', { name: 'Set the password' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Not made yet: the page shows it waiting, and the requester cannot decide it.
    const waiting = requester.getByRole('region', { name: 'Waiting for a second administrator' });
    await waiting
      .getByText(`New password for ${leader.display_name}, asked for by ${first.display_name}`)
      .waitFor();
    await waiting.getByText('Another administrator must approve or refuse this.').waitFor();
    expect(await waiting.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await expectAccessible(requester, 'user page with a reset waiting, phone width');

    const approver = await (
      await app.browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signIn(approver, second.username, TEST_PASSWORD);
    // Signed in before going on: the sign-in is checked against its contract before it is sent.
    await approver.waitForURL((u) => u.pathname !== '/login');
    await approver.getByRole('link', { name: 'Users', exact: true }).click();
    const list = approver.getByRole('region', { name: 'Waiting for a second administrator' });
    await list.getByText(`New password for ${leader.display_name}`).first().waitFor();
    await expectAccessible(approver, 'users page with a reset waiting, desktop width');
    // Refuse needs a reason: sent empty, the field says so.
    await list.getByRole('button', { name: `Refuse: New password for ${leader.display_name}` }).click();
    await list.getByRole('button', { name: 'Refuse', exact: true }).click();
    await list.getByText('Correct the following before you continue:').waitFor();
    await expectAccessible(approver, 'refusal form with an error');
    await list.getByRole('button', { name: 'Cancel' }).click();
    await list.getByRole('button', { name: `Approve: New password for ${leader.display_name}` }).click();
    await list.waitFor({ state: 'detached' });

    // The reset is made: the leader signs in with the new password.
    const leaderPage = await newPage(app.browser);
    await signIn(leaderPage, leader.username, newPassword);
    await leaderPage.getByText(/Your password was reset by Ada Second/).waitFor();
  });
});
