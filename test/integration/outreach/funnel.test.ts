import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addTeam, auditRows, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase, type Harness } from '../../support/harness';

/**
 * Issue 15 §6, the funnel: a staircase built by hand with households at every stage and visits
 * inserted directly (the visit forms are another area's), so every count is known exactly; then
 * the funnel moves as a visit and an enrolment are added. Access, suppression for analysts, the
 * comparison group, the period, and the exported files read back.
 */

type Outcome = 'not_home' | 'talked' | 'call_back' | 'not_interested' | 'interested';

interface Place {
  m: GeneratedMunicipality;
  areaId: string;
  buildingId: string;
  staircaseId: string;
  apartments: string[];
  teamId: string;
  visitorId: string;
}

/** A building (its name as given) with one staircase of `doors` apartments in the team's area. */
async function buildPlace(h: Harness, m: GeneratedMunicipality, name: string, doors = 12): Promise<Place> {
  const k = h.db.kysely;
  const muni = m.municipality.id;
  const leader = staffOf(m).leader;
  const { area_id: areaId } = await k
    .selectFrom('team')
    .select('area_id')
    .where('municipality_id', '=', muni)
    .where('id', '=', leader.team_id!)
    .executeTakeFirstOrThrow();
  const building = await k
    .insertInto('building')
    .values({ municipality_id: muni, area_id: areaId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staircase = await k
    .insertInto('staircase')
    .values({
      municipality_id: muni,
      building_id: building.id,
      street: `Gade ${randomUUID().slice(0, 8)}`,
      number: '1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const apartments = await k
    .insertInto('apartment')
    .values(
      Array.from({ length: doors }, (_, i) => ({
        municipality_id: muni,
        staircase_id: staircase.id,
        floor: Math.floor(i / 3),
        door: ['tv', 'mf', 'th'][i % 3]!,
      })),
    )
    .returning('id')
    .execute();
  return {
    m,
    areaId,
    buildingId: building.id,
    staircaseId: staircase.id,
    apartments: apartments.map((a) => a.id),
    teamId: leader.team_id!,
    visitorId: staffOf(m).members[0]!.id,
  };
}

let references = 0;

/** The funnel's audit rows of the municipality, oldest first. */
const funnelAudit = async (h: Harness, m: GeneratedMunicipality) =>
  (await auditRows(h.db, m.municipality.id)).filter((r) => r.entity === 'outreach_funnel');

/** A household living in the place's nth apartment. */
async function household(
  h: Harness,
  p: Place,
  n: number,
  o: {
    eligible?: boolean;
    status?: 'prospect' | 'enrolled' | 'exited';
    enrolledOn?: string;
    comparison?: boolean;
  } = {},
) {
  const row = await h.db.kysely
    .insertInto('household')
    .values({
      municipality_id: p.m.municipality.id,
      team_id: p.teamId,
      area_id: p.areaId,
      reference: `FT-${++references}-${randomUUID().slice(0, 6)}`,
      street: 'Gade',
      building_number: '1',
      search_text: '',
      sort_name: '',
      updated_at: new Date(),
      status: o.status ?? 'prospect',
      enrolled_on: o.enrolledOn ?? null,
      apartment_id: p.apartments[n]!,
      eligible: o.eligible ?? true,
      outreach_status: o.comparison ? 'comparison' : 'eligible',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function visit(
  h: Harness,
  p: Place,
  householdId: string,
  at: string,
  outcome: Outcome,
  reason: 'no_time' | 'health' | null = null,
) {
  await h.db.kysely
    .insertInto('outreach_visit')
    .values({
      municipality_id: p.m.municipality.id,
      household_id: householdId,
      visited_at: at,
      visited_by: p.visitorId,
      outcome,
      call_back_on: outcome === 'call_back' ? '2026-12-01' : null,
      reason,
      client_id: randomUUID(),
    })
    .execute();
}

/**
 * The hand-built staircase: nine households.
 * 1 eligible, never visited · 2 not home (Oct) · 3 not home, then talked (Oct) · 4 interested (Nov)
 * · 5 said no, no time (Nov) · 6 interested, enrolled 10 days after its first visit (Nov)
 * · 7 comparison group, visited · 8 not eligible, visited · 9 enrolled without any visit.
 */
async function staircaseAtEveryStage(h: Harness, p: Place) {
  const ids = {
    never: await household(h, p, 0),
    notHome: await household(h, p, 1),
    talked: await household(h, p, 2),
    interested: await household(h, p, 3),
    saidNo: await household(h, p, 4),
    enrolled: await household(h, p, 5, { status: 'enrolled', enrolledOn: '2026-11-14' }),
    comparison: await household(h, p, 6, { comparison: true }),
    notEligible: await household(h, p, 7, { eligible: false }),
    enrolledNoVisit: await household(h, p, 8, { status: 'enrolled', enrolledOn: '2026-09-01' }),
  };
  await visit(h, p, ids.notHome, '2026-10-05T09:00:00Z', 'not_home');
  await visit(h, p, ids.talked, '2026-10-06T09:00:00Z', 'not_home');
  await visit(h, p, ids.talked, '2026-11-20T09:00:00Z', 'talked');
  await visit(h, p, ids.interested, '2026-11-02T09:00:00Z', 'interested');
  await visit(h, p, ids.saidNo, '2026-11-03T09:00:00Z', 'not_interested', 'no_time');
  // Just after midnight in Copenhagen on 4 November: still 3 November in UTC.
  await visit(h, p, ids.enrolled, '2026-11-03T23:30:00Z', 'interested');
  await visit(h, p, ids.comparison, '2026-11-05T09:00:00Z', 'talked');
  await visit(h, p, ids.notEligible, '2026-11-05T10:00:00Z', 'interested');
  return ids;
}

describeEachDatabase('outreach: the funnel', (h) => {
  let p: Place;
  let member: Client;
  let analyst: Client;
  const funnelOf = async (client: Client, query: string) => {
    const res = await client.get(`/api/outreach/funnel?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    const m = await h().municipality({ families: 1, adults: 1, children: 1 });
    p = await buildPlace(h(), m, '=HYPERLINK("http://x")');
    await staircaseAtEveryStage(h(), p);
    member = await h().signIn(staffOf(m).members[1]!.username);
    analyst = await h().signIn(staffOf(m).analyst.username);
  });

  it('counts every stage of a hand-built staircase exactly, for a team member', async () => {
    const f = await funnelOf(member, `staircaseId=${p.staircaseId}`);
    expect(f.stages).toEqual({ eligible: 7, contacted: 5, talked: 4, interested: 2, enrolled: 1 });
    expect(f.enrolledWithoutVisit).toBe(1);
    expect(f.comparison).toBeUndefined();
    expect(f.suppressedBelow).toBeNull();
    expect(f.months).toEqual([
      { month: '2026-10', contacted: 2, talked: 1, interested: 0, notInterested: 0, enrolled: 0 },
      { month: '2026-11', contacted: 3, talked: 3, interested: 2, notInterested: 1, enrolled: 1 },
    ]);
    expect(f.reasons.find((r: { reason: string }) => r.reason === 'no_time').count).toBe(1);
    expect(f.reasons.filter((r: { count: number }) => r.count > 0)).toHaveLength(1);
    // First visit on 4 November in Copenhagen, enrolled on the 14th: 10 days.
    expect(f.timeToEnrolment).toEqual({ n: 1, median: 10, p75: 10 });
    expect(f.cut).toMatchObject({
      areaId: p.areaId,
      buildingId: p.buildingId,
      staircaseId: p.staircaseId,
      buildingName: '=HYPERLINK("http://x")',
    });
  });

  it('moves when a visit is added and when a household enrols', async () => {
    const m = p.m;
    const q = await buildPlace(h(), m, `Blok ${randomUUID().slice(0, 6)}`, 3);
    const a = await household(h(), q, 0);
    const b = await household(h(), q, 1);
    const stages = async () => (await funnelOf(member, `buildingId=${q.buildingId}`)).stages;
    expect(await stages()).toEqual({ eligible: 2, contacted: 0, talked: 0, interested: 0, enrolled: 0 });
    await visit(h(), q, a, '2026-11-10T10:00:00Z', 'not_home');
    expect(await stages()).toEqual({ eligible: 2, contacted: 1, talked: 0, interested: 0, enrolled: 0 });
    await visit(h(), q, a, '2026-11-12T10:00:00Z', 'interested');
    await visit(h(), q, b, '2026-11-12T11:00:00Z', 'talked');
    expect(await stages()).toEqual({ eligible: 2, contacted: 2, talked: 2, interested: 1, enrolled: 0 });
    await h()
      .db.kysely.updateTable('household')
      .set({ status: 'enrolled', enrolled_on: '2026-11-30' })
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', a)
      .execute();
    const after = await funnelOf(member, `buildingId=${q.buildingId}`);
    expect(after.stages).toEqual({ eligible: 2, contacted: 2, talked: 2, interested: 1, enrolled: 1 });
    expect(after.timeToEnrolment).toEqual({ n: 1, median: 20, p75: 20 });
  });

  it('takes the period by the day of the first visit: eligible are those still to reach at its start', async () => {
    const f = await funnelOf(member, `staircaseId=${p.staircaseId}&from=2026-11-01&to=2026-11-30`);
    // The two first visited in October are out; the never-visited and the enrolled-without-visit stay eligible.
    expect(f.stages).toEqual({ eligible: 5, contacted: 3, talked: 3, interested: 2, enrolled: 1 });
    expect(f.months.map((m: { month: string }) => m.month)).toEqual(['2026-11']);
    const october = await funnelOf(member, `staircaseId=${p.staircaseId}&to=2026-10-31`);
    expect(october.stages).toEqual({ eligible: 7, contacted: 2, talked: 1, interested: 0, enrolled: 0 });
  });

  it('defaults a team member to the team’s area and writes one audit row per read', async () => {
    const before = await funnelAudit(h(), p.m);
    const f = await funnelOf(member, '');
    expect(f.cut.areaId).toBe(p.areaId);
    expect(f.stages.eligible).toBeGreaterThanOrEqual(7);
    const after = await funnelAudit(h(), p.m);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ action: 'read', entity_id: p.areaId, purpose: 'outreach' });
  });

  it('shows analysts only cells of at least 5, and the comparison group only for an area', async () => {
    const f = await funnelOf(analyst, `staircaseId=${p.staircaseId}`);
    expect(f.suppressedBelow).toBe(5);
    // eligible 7 is shown; contacted 5 is 2 below it (derivable "not contacted" cell of 2): hidden.
    expect(f.stages).toEqual({
      eligible: 7,
      contacted: null,
      talked: null,
      interested: null,
      enrolled: null,
    });
    expect(f.timeToEnrolment).toEqual({ n: null, median: null, p75: null });
    expect(f.comparison).toBeUndefined();
    const area = await funnelOf(analyst, `areaId=${p.areaId}`);
    expect(area).toHaveProperty('comparison');
    const rows = await funnelAudit(h(), p.m);
    expect(rows.at(-1)).toMatchObject({ purpose: 'statistics' });
  });

  it('refuses another team’s member (audited) and names a place outside the area as the field in error', async () => {
    const other = await addTeam(h().db, p.m, 1);
    const client = await h().signIn(other.members[0]!.username);
    const refusedRes = await client.get(`/api/outreach/funnel?staircaseId=${p.staircaseId}`);
    expect(refusedRes.statusCode).toBe(403);
    const denied = (await funnelAudit(h(), p.m)).filter((r) => r.action === 'denied');
    expect(denied.at(-1)).toMatchObject({ entity_id: p.staircaseId });

    const wrongArea = await analyst.get(
      `/api/outreach/funnel?areaId=${other.area.id}&buildingId=${p.buildingId}`,
    );
    expect(wrongArea.statusCode).toBe(400);
    expect(wrongArea.json().errors[0].field).toBe('buildingId');
    const reversed = await member.get('/api/outreach/funnel?from=2026-11-30&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('to');
    const unknown = await member.get(`/api/outreach/funnel?buildingId=${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('lists the places to cut by: the team’s own area for staff, every area for analysts', async () => {
    const own = (await member.get('/api/outreach/funnel/places')).json();
    expect(own.areas.map((a: { id: string }) => a.id)).toEqual([p.areaId]);
    const building = own.areas[0].buildings.find((b: { id: string }) => b.id === p.buildingId);
    expect(building.staircases.map((s: { id: string }) => s.id)).toEqual([p.staircaseId]);
    const all = (await analyst.get('/api/outreach/funnel/places')).json();
    expect(all.areas.length).toBe(p.m.areas.length);
  });

  describe('export', () => {
    it('writes the funnel as CSV, formulas neutralised, every figure a row', async () => {
      const res = await member.post(
        '/api/outreach/funnel/export',
        { format: 'csv', staircaseId: p.staircaseId },
        {
          'accept-language': 'en',
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="funnel-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const rows: string[][] = parse(res.rawPayload.toString('utf8'), { bom: true, delimiter: ',' });
      expect(rows[0]).toEqual(['Part', 'Item', 'Month', 'Count']);
      const find = (part: string, item: string, month = '') =>
        rows.find((r) => r[0] === part && r[1] === item && r[2] === month)?.[3];
      expect(find('Selection', 'Building')).toBe('\'=HYPERLINK("http://x")');
      expect(find('The funnel', 'Eligible')).toBe('7');
      expect(find('The funnel', 'Contacted')).toBe('5');
      expect(find('The funnel', 'Enrolled')).toBe('1');
      expect(find('By month of first visit', 'Contacted', '2026-11')).toBe('3');
      expect(find('Reasons for no', 'No time')).toBe('1');
      expect(find('Days from first visit to enrolment', 'Median (days)')).toBe('10');
    });

    it('writes the funnel as XLSX with numbers as numbers, and hidden cells as hidden for analysts', async () => {
      const res = await analyst.post(
        '/api/outreach/funnel/export',
        { format: 'xlsx', staircaseId: p.staircaseId },
        {
          'accept-language': 'da',
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Tragt')!;
      const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(rows[0]).toEqual(['Del', 'Punkt', 'Måned', 'Antal']);
      const find = (item: string) => rows.find((r) => r[0] === 'Tragten' && r[1] === item)?.[3];
      expect(find('Målgruppe')).toBe(7);
      expect(find('Kontaktet')).toBe('skjult (under grænsen)');
      const building = rows.find((r) => r[0] === 'Udsnit' && r[1] === 'Bygning')?.[3];
      expect(building).toBe('\'=HYPERLINK("http://x")');
    });

    it('carries the comparison group per area for analysts, as the page shows it, and never for team staff', async () => {
      // An area named like a formula, with no comparison household: its cells are hidden.
      await h()
        .db.kysely.insertInto('area')
        .values({ municipality_id: p.m.municipality.id, name: '=SUM(1+1)' })
        .execute();
      const page = (await analyst.get('/api/outreach/comparison-group')).json();
      expect(page.areas.length).toBe(p.m.areas.length + 1);
      const exported = async (client: Client) => {
        const res = await client.post(
          '/api/outreach/funnel/export',
          { format: 'csv', staircaseId: p.staircaseId },
          { 'accept-language': 'en' },
        );
        expect(res.statusCode, res.body).toBe(200);
        return parse(res.rawPayload.toString('utf8'), { bom: true, delimiter: ',' }) as string[][];
      };
      const part = 'The comparison group by area (whole municipality, whatever is selected)';
      const rows = await exported(analyst);
      const group = rows.filter((r) => r[0] === part);
      const hidden = 'hidden (below the threshold)';
      const label = { households: 'Households', adults: 'Adults', children: 'Children' } as const;
      const expected = page.areas.flatMap(
        (a: {
          areaName: string;
          households: number | null;
          adults: number | null;
          children: number | null;
        }) =>
          (['households', 'adults', 'children'] as const).map((key) => [
            part,
            `${a.areaName.startsWith('=') ? "'" : ''}${a.areaName}: ${label[key]}`,
            '',
            String(a[key] ?? hidden),
          ]),
      );
      expect(group).toEqual([
        [part, 'Counts of the comparison group below this are hidden', '', String(page.minimumCell)],
        ...expected,
      ]);
      expect(group).toContainEqual([part, "'=SUM(1+1): Households", '', hidden]);

      // Team staff never see the comparison group (decision 0049): their file has no such part.
      expect((await exported(member)).some((r) => r[0] === part)).toBe(false);
      // The analyst's export is on the record as reading the comparison group too.
      const audited = await auditRows(h().db, p.m.municipality.id, {
        actorId: staffOf(p.m).analyst.id,
        action: 'read',
      });
      expect(
        audited.some(
          (a) =>
            a.entity === 'outreach_funnel' && a.purpose === 'export' && a.fields?.includes('comparisonGroup'),
        ),
      ).toBe(true);
    });
  });
});

describeEachDatabase('outreach: the funnel file’s comparison group, no hidden cell derivable', (h) => {
  it('hides a second area’s households when the municipality’s total would give away the one hidden', async () => {
    // Six comparison households in the team's area, two in another: the file gives the
    // municipality's comparison total (8) in its stages, so showing 6 and hiding the 2 told it.
    const m = await h().municipality({ families: 1, adults: 1, children: 1 });
    const p = await buildPlace(h(), m, 'Blok S', 12);
    const other = m.areas.find((a) => a.id !== p.areaId)!;
    for (let n = 0; n < 6; n++) await household(h(), p, n, { comparison: true });
    for (let n = 6; n < 8; n++) await household(h(), { ...p, areaId: other.id }, n, { comparison: true });
    const analyst = await h().signIn(staffOf(m).analyst.username);
    const res = await analyst.post(
      '/api/outreach/funnel/export',
      { format: 'csv' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows: string[][] = parse(res.rawPayload.toString('utf8'), { bom: true, delimiter: ',' });
    const total = rows.find((r) => r[1] === 'Comparison group (households)')?.[3];
    expect(total).toBe('8');
    const cells = rows.filter((r) => r[1]?.endsWith(': Households')).map((r) => r[3]!);
    expect(cells).toHaveLength(m.areas.length);
    const shown = cells.filter((c) => /^\d+$/.test(c)).reduce((sum, c) => sum + Number(c), 0);
    // What the hidden cells hold together is the total less what is shown: nothing, or not
    // below the minimum of 5, and never one cell alone.
    const derived = Number(total) - shown;
    expect(derived === 0 || derived >= 5).toBe(true);
    expect(cells.filter((c) => !/^\d+$/.test(c)).length).toBeGreaterThan(1);
    // The page's section is shaped by the same function: it gives nothing more away.
    const page = (await analyst.get('/api/outreach/comparison-group')).json();
    expect(page.areas.find((a: { areaId: string }) => a.areaId === p.areaId).households).toBeNull();
  });
});
