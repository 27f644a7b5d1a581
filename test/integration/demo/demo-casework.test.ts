import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { today } from '../../../src/shared/common/today';
import { isoWeekOf } from '../../../src/shared/journal/appointments.time';
import { type Harness, openHarness } from '../../support/harness';

/**
 * The demo as `npm start` loads it (issue 14, decision 0046), read back through the API by the
 * demo logins: the rows are ones the database and the routes accept, every member's week has an
 * appointment, My work lists measurements due, a specialist finds tasks asked of them, and the
 * leader finds every family's plan and tasks. PGlite only: the demo's usernames are fixed, so it
 * loads once per database, and the PostgreSQL test database is shared by every run.
 */
describe('the demo’s case work through the API', () => {
  let h: Harness;
  let data: GeneratedMunicipality;

  beforeAll(async () => {
    h = await openHarness('pglite', undefined);
    data = await seedDemo(h.db);
  }, 240_000);
  afterAll(async () => {
    await h?.app.close();
    await h?.db.close();
  });

  it('gives every team member appointments this week and the leader’s families plans with tasks', async () => {
    const week = isoWeekOf(today());
    for (const u of data.users.filter((u) => u.role === 'team_member' && u.team_id === data.team.id)) {
      const client = await h.signIn(u.username, DEMO_PASSWORD);
      const mine = await client.get(`/api/appointments/mine?week=${week}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items.length, u.username).toBeGreaterThan(0);
    }
    const leader = await h.signIn('leader', DEMO_PASSWORD);
    for (const family of data.households.filter((f) => f.team_id === data.team.id).slice(0, 5)) {
      const plan = (await leader.get(`/api/families/${family.id}/plan`)).json();
      expect(plan.dreams.length).toBeGreaterThan(0);
      expect(plan.goals.length).toBeGreaterThanOrEqual(3);
      const tasks = await leader.get(`/api/families/${family.id}/tasks`);
      expect(tasks.statusCode).toBe(200);
      expect(tasks.json().items.length).toBeGreaterThan(3);
      const versions = (await leader.get(`/api/families/${family.id}/plan/versions`)).json();
      expect(
        versions.items.some((v: { changes: { action: string }[] }) => v.changes[0]?.action === 'edit'),
      ).toBe(true);
    }
  });

  it('lists measurements due on My work, and tasks asked of a specialist under “Asked of me”', async () => {
    let due = 0;
    let asked = 0;
    for (const u of data.users.filter((u) => u.role === 'team_member' && u.team_id === data.team.id)) {
      const client = await h.signIn(u.username, DEMO_PASSWORD);
      due += (await client.get('/api/measures/due')).json().items.length;
      asked += (await client.get('/api/tasks/asked')).json().items.length;
    }
    expect(due).toBeGreaterThan(5);
    expect(asked).toBeGreaterThan(5);
  });

  it('has a baseline for every one of Gellerup’s 62 enrolled families', async () => {
    const rows = await h.db.kysely
      .selectFrom('measurement as m')
      .innerJoin('household as f', (j) =>
        j.onRef('f.municipality_id', '=', 'm.municipality_id').onRef('f.id', '=', 'm.household_id'),
      )
      .select((eb) => eb.fn.count<string>('m.household_id').distinct().as('families'))
      .where('m.municipality_id', '=', data.municipality.id)
      .where('m.occasion', '=', 'baseline')
      .where('f.team_id', '=', data.team.id)
      .where('f.status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    expect(Number(rows.families)).toBe(62);
  });
});
