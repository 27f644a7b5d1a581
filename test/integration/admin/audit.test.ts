import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/db/demo/generate';
import type { AuditEvent } from '../../../src/shared/admin/audit.contract';
import {
  addTeam,
  auditSince,
  buildFamily,
  lastAuditId,
  problemOf,
  relationsOf,
  staffOf,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

type AuditPage = { items: AuditEvent[]; total: number; page: number; pageSize: number };

describeEachDatabase('audit search', (h) => {
  let m: GeneratedMunicipality;
  let other: GeneratedMunicipality;
  let team2: Awaited<ReturnType<typeof addTeam>>;
  /** Team 1's family (generated) and team 2's family (enrolled by team 2 below). */
  let family1: string;
  let family2: string;
  let memberId: string;
  const c: Record<'leader' | 'member' | 'leader2' | 'member2' | 'admin' | 'analyst', Client> = {} as never;

  const search = async (client: Client, query = '') => {
    const response = await client.get(`/api/audit${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AuditPage;
  };

  beforeAll(async () => {
    m = await h().municipality({ families: 2, adults: 2, children: 2 });
    other = await h().municipality({ families: 1, adults: 1, children: 1 });
    team2 = await addTeam(h().db, m, 1);
    const staff = staffOf(m);
    const { household, pair } = relationsOf(m, 0);
    family1 = household.id;
    memberId = pair[0]!.id;
    c.leader = await h().signIn(staff.leader.username);
    c.member = await h().signIn(pair[0]!.username);
    c.leader2 = await h().signIn(team2.leader.username);
    c.member2 = await h().signIn(team2.members[0]!.username);
    c.admin = await h().signIn(staff.admin.username);
    c.analyst = await h().signIn(staff.analyst.username);

    // Team 2 enrolls a family of its own and reads it.
    const created = await c.member2.post('/api/families', buildFamily(team2.area.id));
    expect(created.statusCode, created.body).toBe(201);
    family2 = created.json().id;
    expect((await c.member2.get(`/api/families/${family2}`)).statusCode).toBe(200);
    // Team 1's pair member reads their family and reveals a CPR number.
    expect((await c.member.get(`/api/families/${family1}`)).statusCode).toBe(200);
    const person = m.persons.find((p) => p.household_id === family1 && p.cpr)!;
    expect((await c.member.post(`/api/families/${family1}/members/${person.id}/cpr`)).statusCode).toBe(200);
    // Team 2's member breaks the glass on team 1's family and reads it.
    const glass = await c.member2.post(`/api/families/${family1}/break-glass`, {
      reason: 'Covering the duty phone tonight',
    });
    expect(glass.statusCode).toBe(201);
    expect((await c.member2.get(`/api/families/${family1}`)).statusCode).toBe(200);
    // Older events, written with their time (the log is append-only; inserting is allowed).
    await h()
      .db.kysely.insertInto('audit_event')
      .values(
        ['2021-03-10T12:00:00Z', '2021-03-31T23:30:00Z', '2021-05-20T08:00:00Z'].map((at) => ({
          municipality_id: m.municipality.id,
          at,
          actor_id: memberId,
          actor_role: 'team_member',
          action: 'read',
          entity: 'household',
          entity_id: family1,
          household_id: family1,
          fields: ['address'],
          purpose: 'case_work',
        })),
      )
      .execute();
  });

  describe('scope', () => {
    it('a leader sees events about their team’s families, by anyone', async () => {
      const page = await search(c.leader, `householdId=${family1}&pageSize=200`);
      const actors = new Set(page.items.map((e) => e.actor?.id));
      expect(actors).toContain(memberId);
      expect(actors).toContain(team2.members[0]!.id);
      expect(page.items.every((e) => e.householdId === family1)).toBe(true);
      expect(page.items[0]?.householdReference).toBe('F-0001');
    });

    it('a leader sees events by their team’s staff', async () => {
      const page = await search(c.leader, `actorId=${memberId}&pageSize=200`);
      expect(page.total).toBeGreaterThanOrEqual(5);
      expect(page.items.every((e) => e.actor?.id === memberId)).toBe(true);
      expect(page.items[0]?.actor).toEqual({
        id: memberId,
        displayName: m.users.find((u) => u.id === memberId)!.display_name,
        role: 'team_member',
      });
    });

    it('a leader does not see another team’s families or its staff’s other events', async () => {
      const otherFamily = await search(c.leader, `householdId=${family2}`);
      expect(otherFamily).toMatchObject({ items: [], total: 0 });
      // Team 2's member appears only with team 1's family (the glass they broke).
      const otherStaff = await search(c.leader, `actorId=${team2.members[0]!.id}&pageSize=200`);
      expect(otherStaff.items.map((e) => e.action).sort()).toEqual(['break_glass', 'read']);
      expect(otherStaff.items.every((e) => e.householdId === family1)).toBe(true);
    });

    it('the other team’s leader sees their own family, and of team 1’s family only their staff’s access', async () => {
      const own = await search(c.leader2, `householdId=${family2}&pageSize=200`);
      expect(own.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'read']));
      const theirs = await search(c.leader2, `householdId=${family1}&pageSize=200`);
      expect(theirs.items.map((e) => e.action).sort()).toEqual(['break_glass', 'read']);
      expect(theirs.items.every((e) => e.actor?.id === team2.members[0]!.id)).toBe(true);
    });

    it('an administrator sees the whole municipality, and nothing of another', async () => {
      const one = await search(c.admin, `householdId=${family1}&pageSize=200`);
      const two = await search(c.admin, `householdId=${family2}&pageSize=200`);
      // Who accessed the family itself (searches of the log for it are left aside here).
      const access = one.items.filter((e) => e.entity !== 'audit_event');
      expect(new Set(access.map((e) => e.actor?.id))).toEqual(new Set([memberId, team2.members[0]!.id]));
      expect(two.total).toBeGreaterThan(0);
      const elsewhere = await search(c.admin, `actorId=${staffOf(other).leader.id}`);
      expect(elsewhere.total).toBe(0);
    });

    it('team members and analysts are refused with 403, and the refusal is audited', async () => {
      for (const [client, user] of [
        [c.member, memberId],
        [c.analyst, staffOf(m).analyst.id],
      ] as const) {
        const since = await lastAuditId(h().db);
        const response = await client.get('/api/audit');
        expect(response.statusCode).toBe(403);
        expect(problemOf(response).type).toBe('/problems/forbidden');
        const rows = await auditSince(h().db, m.municipality.id, since);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ actor_id: user, action: 'denied', fields: ['admin.auditSearch'] });
      }
    });
  });

  describe('filters', () => {
    it('by action', async () => {
      const page = await search(c.admin, 'action=reveal');
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        action: 'reveal',
        entity: 'person',
        householdId: family1,
        fields: ['cpr'],
        actor: { id: memberId },
      });
    });

    it('by break-the-glass, both ways', async () => {
      const glass = await search(c.admin, 'breakGlass=true&pageSize=200');
      expect(glass.items.map((e) => e.action).sort()).toEqual(['break_glass', 'read']);
      expect(glass.items.every((e) => e.breakGlass && e.purpose === 'break_glass')).toBe(true);
      const plain = await search(c.admin, 'breakGlass=false&pageSize=200');
      expect(plain.total).toBeGreaterThan(0);
      expect(plain.items.some((e) => e.breakGlass)).toBe(false);
    });

    it('by date: from and to are whole days, both included', async () => {
      const march = await search(c.admin, 'from=2021-03-01&to=2021-03-31');
      expect(march.items.map((e) => e.at)).toEqual(['2021-03-31T23:30:00.000Z', '2021-03-10T12:00:00.000Z']);
      const oneDay = await search(c.admin, 'from=2021-05-20&to=2021-05-20');
      expect(oneDay.items.map((e) => e.at)).toEqual(['2021-05-20T08:00:00.000Z']);
      const since = await search(c.admin, 'from=2021-04-01&to=2021-12-31');
      expect(since.total).toBe(1);
      const until = await search(c.admin, 'to=2021-03-10');
      expect(until.items.map((e) => e.at)).toEqual(['2021-03-10T12:00:00.000Z']);
    });

    it('by household and actor together', async () => {
      const page = await search(c.admin, `householdId=${family1}&actorId=${team2.members[0]!.id}`);
      expect(page.total).toBe(2);
      expect(page.items.every((e) => e.householdId === family1 && e.actor?.id === team2.members[0]!.id)).toBe(
        true,
      );
    });

    it('refuses an unknown action, naming the field', async () => {
      const response = await c.admin.get('/api/audit?action=delete_everything');
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['action']);
    });
  });

  describe('paging', () => {
    // The pair member's own events: searching the log (itself audited) does not add to them.
    const mine = () => `actorId=${memberId}`;

    it('pages newest first, with the same total on every page and no event twice', async () => {
      const all = await search(c.admin, `${mine()}&pageSize=200`);
      expect(all.total).toBeGreaterThanOrEqual(6);
      const ats = all.items.map((e) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const page1 = await search(c.admin, `${mine()}&pageSize=3&page=1`);
      const page2 = await search(c.admin, `${mine()}&pageSize=3&page=2`);
      expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 3 });
      expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 3 });
      expect([...page1.items, ...page2.items].map((e) => e.id)).toEqual(
        all.items.slice(0, 6).map((e) => e.id),
      );
    });

    it('reports the total on a page past the end', async () => {
      const all = await search(c.admin, mine());
      const past = await search(c.admin, `${mine()}&pageSize=5&page=99`);
      expect(past).toMatchObject({ items: [], total: all.total, page: 99 });
    });
  });

  it('audits the search itself: who searched, with which filters, for which household', async () => {
    const since = await lastAuditId(h().db);
    await search(c.leader, `householdId=${family1}&action=read`);
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: staffOf(m).leader.id,
      action: 'read',
      entity: 'audit_event',
      household_id: family1,
      purpose: 'audit_review',
    });
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(['householdId', 'action']));
    const reviews = await search(c.admin, `actorId=${staffOf(m).leader.id}&pageSize=200`);
    expect(reviews.items.some((e) => e.entity === 'audit_event' && e.purpose === 'audit_review')).toBe(true);
  });
});
