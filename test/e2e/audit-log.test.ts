import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../src/demo/generate';
import { recordEventsOfNobody, relationsOf, staffOf } from '../support/factories';
import { appInBrowser, expectAccessible, newPage, submitSignIn } from './support';

/** The audit log in the browser: its bounds as the administrator meets them (the period’s field error, "more than 1,000"), a break-the-glass grant’s reason and expiry, and the staff-member and family filters. */
describe('audit log bounds in the browser', () => {
  const app = appInBrowser();
  let m: GeneratedMunicipality;

  /** A team member broke the glass on the first family an hour ago, with this reason. */
  const reason = 'Called by the school about the youngest child; the pair is on leave';

  beforeAll(async () => {
    m = await app.harness.municipality({ families: 2 });
    // 1,001 refused sign-ins today: more than the search counts.
    const now = Date.now();
    const ats = Array.from({ length: 1001 }, (_, i) => new Date(now - i * 1000).toISOString());
    await recordEventsOfNobody(app.harness.db, m.municipality.id, 'sign_in_failed', ats);
    // A team member broke the glass on the first family an hour ago.
    const family = relationsOf(m, 0).household;
    const member = staffOf(m).members.at(-1)!;
    const at = new Date(Date.now() - 3_600_000);
    const grant = await app.harness.db.kysely
      .insertInto('break_glass_grant')
      .values({
        municipality_id: m.municipality.id,
        user_id: member.id,
        household_id: family.id,
        reason,
        granted_at: at.toISOString(),
        expires_at: new Date(at.getTime() + 30 * 60_000).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.harness.db.kysely
      .insertInto('audit_event')
      .values({
        municipality_id: m.municipality.id,
        at: at.toISOString(),
        actor_id: member.id,
        actor_role: 'team_member',
        action: 'break_glass',
        entity: 'break_glass_grant',
        entity_id: grant.id,
        household_id: family.id,
        fields: ['reason'],
        purpose: 'break_glass',
        break_glass: true,
      })
      .execute();
  });

  /** Signs in (in English) and opens the audit log. */
  async function openAuditLog(username: string) {
    const page = await newPage(app.browser);
    await page.goto(app.url);
    await page.getByRole('button', { name: /English/ }).click();
    await submitSignIn(page, username);
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    return page;
  }

  it('shows the default period, "more than 1,000" for a large result, and a field error for a period over 12 months', async () => {
    const page = await openAuditLog(staffOf(m).admin.username);

    await page.getByLabel('Action').selectOption({ label: 'Failed sign-in' });
    const status = page.getByRole('status').filter({ hasText: /events?/ });
    await expect
      .poll(() => status.textContent())
      .toBe('More than 1,000 events – narrow the period or the filters to see them all');
    // Without dates the fields show the period searched: the last 30 days, to today.
    // The fields read dd.mm.yyyy, as people type dates (decision 0030).
    const asIso = (typed: string) => typed.split('.').reverse().join('-');
    const to = asIso(await page.getByLabel('To date').inputValue());
    const from = asIso(await page.getByLabel('From date').inputValue());
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);
    // 20 pages of 50: as far as the count reaches.
    await expect.poll(() => page.getByRole('button', { name: '20' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'audit log, more than 1,000');

    await page.getByLabel('From date').fill('01.01.2020');
    await page.getByLabel('To date').fill('01.06.2021');
    await expect
      .poll(() => page.getByText('The period can be at most 12 months – choose a later from date').count())
      .toBe(1);
    expect(await page.getByLabel('From date').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'audit log, period too long');
  });

  it('filters by family reference and by staff member from the municipality’s accounts, with no name in the address', async () => {
    const page = await openAuditLog(staffOf(m).admin.username);
    const status = page.getByRole('status').filter({ hasText: /events?/ });
    await expect.poll(() => status.textContent()).toMatch(/^More than/);

    // The family by its reference, typed loosely; the address bar gets the reference as stored.
    const family = page.getByLabel('Family', { exact: true });
    await family.fill('f-1');
    await family.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('family')).toBe('F-0001');
    expect(await family.inputValue()).toBe('F-0001');
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.filter({ hasText: 'Break-the-glass access' }).count()).toBe(1);
    // Every event shown is about F-0001 (the break of the glass, and this search of the log).
    const families = await page.getByRole('table').locator('tbody tr td:nth-child(4)').allTextContents();
    expect(families.length).toBeGreaterThan(0);
    expect(new Set(families)).toEqual(new Set(['F-0001']));

    // The staff member, from every account of the municipality: only their events remain.
    const member = staffOf(m).members.at(-1)!;
    await page.getByLabel('Staff member').selectOption({ label: `${member.display_name} (${m.team.name})` });
    await expect.poll(() => status.textContent()).toBe('1 event');
    expect(await rows.nth(1).textContent()).toContain(member.display_name);
    expect(new URL(page.url()).searchParams.get('actorId')).toBe(member.id);
    await expectAccessible(page, 'audit log, family and staff-member filters');

    // A name typed as the family is refused at the field and never put in the address.
    await family.fill('Amal Odeh');
    await family.press('Enter');
    await page.getByText("Must be a family's reference, e.g. F-0012").first().waitFor();
    expect(await family.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).not.toMatch(/Amal|Odeh/);
    expect(new URL(page.url()).searchParams.get('family')).toBe('F-0001');
    await expectAccessible(page, 'audit log, family reference refused');

    // Emptied, the family filter is gone.
    await family.fill('');
    await family.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.has('family')).toBe(false);
    await page.close();
  });

  it('shows the family’s team leader why the glass was broken and until when; the administrator only until when', async () => {
    const signIn = async (username: string) => {
      const page = await openAuditLog(username);
      await page.getByLabel('Action').selectOption({ label: 'Break-the-glass access' });
      return page;
    };

    const leader = await signIn(staffOf(m).leader.username);
    const row = leader.getByRole('row').filter({ hasText: 'Reason given' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(reason);
    expect(await row.textContent()).toContain('Access until');
    await expectAccessible(leader, 'audit log, break-the-glass reason');

    const admin = await signIn(staffOf(m).admin.username);
    const adminRow = admin.getByRole('row').filter({ hasText: 'Access until' });
    await expect.poll(() => adminRow.count()).toBe(1);
    expect(await adminRow.textContent()).toContain('Shown only to the leader of the family’s team');
    expect(await adminRow.textContent()).not.toContain(reason);
  });

  it('shows a list as one event naming every family it showed, folded until opened', async () => {
    // A team member's family list (the real route), then the administrator reads the log.
    const member = staffOf(m).members[0]!;
    const client = await app.harness.signIn(member.username);
    expect((await client.post('/api/families/search', { sort: 'reference' })).statusCode).toBe(200);
    const page = await openAuditLog(staffOf(m).admin.username);
    await page.getByLabel('Action').selectOption({ label: 'List viewed' });
    // The leader's lists (their start page in the tests above) are left out.
    await page.getByLabel('Staff member').selectOption({ label: `${member.display_name} (${m.team.name})` });
    const listed = page.getByText('2 families', { exact: true });
    await expect.poll(() => listed.count()).toBe(1);
    const references = page.locator('details.sc-listed').getByRole('listitem');
    expect(await references.first().isVisible()).toBe(false);
    // Opened from the keyboard, as a native disclosure.
    await listed.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => references.allTextContents()).toEqual(['F-0001', 'F-0002']);
    expect(await references.first().isVisible()).toBe(true);
    await expectAccessible(page, 'audit log, a list’s families');
    await page.close();
  });
});
