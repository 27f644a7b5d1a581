import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/demo';
import { type Harness, openHarness } from '../../support/harness';

/**
 * The demo's visit history (issue 15 §3): every Gellerup household that outreach reached — the
 * families before their enrolment, the prospects at each step — has 1–4 visits, the last one the
 * outcome its status shows, with a reason for every no and a date for every call-back; the
 * households outreach has not reached yet have none. Loaded on PGlite (the demo's own database).
 */
let h: Harness;
beforeAll(async () => {
  h = await openHarness('pglite', undefined);
  await seedDemo(h.db);
}, 300_000);
afterAll(async () => {
  await h?.app.close();
  await h?.db.close();
});

it('gives every reached household 1–4 visits that end in its status, before enrolment', async () => {
  const rows = await h.db.kysely
    .selectFrom('household as h')
    .leftJoin('outreach_visit as v', (j) =>
      j.onRef('v.municipality_id', '=', 'h.municipality_id').onRef('v.household_id', '=', 'h.id'),
    )
    .select([
      'h.id',
      'h.status',
      'h.outreach_status',
      'h.enrolled_on',
      sql<number>`count(v.id)::int`.as('visits'),
      sql<string | null>`(array_agg(v.outcome order by v.visited_at desc))[1]`.as('last'),
      sql<string | null>`max(v.visited_at)::date::text`.as('latest'),
    ])
    .where('h.apartment_id', 'is not', null)
    .groupBy(['h.id', 'h.status', 'h.outreach_status', 'h.enrolled_on'])
    .execute();
  const enrolled = rows.filter((r) => r.status !== 'prospect');
  expect(enrolled.length).toBeGreaterThan(60);
  for (const r of enrolled) {
    expect(r.visits).toBeGreaterThanOrEqual(1);
    expect(r.visits).toBeLessThanOrEqual(4);
    expect(r.last).toBe('interested');
    expect(r.latest! < r.enrolled_on!).toBe(true);
  }
  const reached = ['not_home', 'talked', 'call_back', 'not_interested', 'interested'];
  for (const r of rows.filter((x) => x.status === 'prospect')) {
    if (reached.includes(r.outreach_status)) {
      expect(r.visits).toBeGreaterThanOrEqual(1);
      expect(r.visits).toBeLessThanOrEqual(4);
      expect(r.last).toBe(r.outreach_status);
    } else expect(r.visits).toBe(0);
  }
  // The table's own rules hold (reason only and always for a no, a date only for a call-back),
  // and every no has a reason the funnel can count.
  const noes = await h.db.kysely
    .selectFrom('outreach_visit')
    .select(['reason'])
    .where('outcome', '=', 'not_interested')
    .execute();
  expect(noes.length).toBeGreaterThan(10);
  expect(noes.every((n) => n.reason !== null)).toBe(true);
  expect(new Set(noes.map((n) => n.reason)).size).toBeGreaterThan(3);
});
