import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { checkStoredFamilies } from '../../../src/server/families/families.check';
import { type AuditList, LISTED_FAMILIES_SHOWN } from '../../../src/shared/admin/audit.contract';
import { today as todayInDenmark } from '../../../src/shared/common/today';
import {
  addTeam,
  auditSince,
  buildFamily,
  lastAuditId,
  problemOf,
  recordEventsOfNobody,
  relationsOf,
  staffOf,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

type AuditPage = AuditList;

describeEachDatabase('audit search', (h) => {
  let m: GeneratedMunicipality;
  let other: GeneratedMunicipality;
  let team2: Awaited<ReturnType<typeof addTeam>>;
  /** Team 1's family (generated) and team 2's family (enrolled by team 2 below). */
  let family1: string;
  let family2: string;
  let family2Reference: string;
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
    family2Reference = created.json().reference;
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
      // In the default period (the last 30 days): their read and reveal of the family, and more.
      const page = await search(c.leader, `actorId=${memberId}&pageSize=200`);
      expect(page.total).toBeGreaterThanOrEqual(3);
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
      const access = one.items.filter((e) => e.purpose !== 'audit_review');
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

    it('by family reference: the same events as by the family’s id, however the reference is typed', async () => {
      const byId = await search(c.admin, `householdId=${family1}&pageSize=200`);
      expect(byId.total).toBeGreaterThan(0);
      for (const reference of ['F-0001', 'f-1', '1', ' F0001 ']) {
        const byReference = await search(
          c.admin,
          `householdReference=${encodeURIComponent(reference)}&pageSize=200`,
        );
        // Searches of the log in between (audit_review) are events too: compare the family's access.
        const access = (page: AuditPage) => page.items.filter((e) => e.purpose !== 'audit_review');
        expect(access(byReference).map((e) => e.id)).toEqual(access(byId).map((e) => e.id));
        expect(byReference.items.every((e) => e.householdReference === 'F-0001')).toBe(true);
      }
    });

    it('by family reference and staff member together', async () => {
      const page = await search(c.admin, `householdReference=F-0001&actorId=${team2.members[0]!.id}`);
      expect(page.items.map((e) => e.action).sort()).toEqual(['break_glass', 'read']);
      expect(page.items.every((e) => e.householdId === family1 && e.actor?.id === team2.members[0]!.id)).toBe(
        true,
      );
    });

    it('a leader cannot use the family filter to see another team’s records', async () => {
      // The administrator sees team 2's family's events (its creation and reading by team 2)…
      const admin = await search(c.admin, `householdReference=${family2Reference}&pageSize=200`);
      expect(admin.items.some((e) => e.action === 'create')).toBe(true);
      // …team 1's leader, naming it by reference or by id, sees none of them: at most their own
      // searches of the log for it (by their team's staff, so in their scope).
      for (const query of [`householdReference=${family2Reference}`, `householdId=${family2}`]) {
        const page = await search(c.leader, `${query}&pageSize=200`);
        const team2Staff = [team2.leader.id, ...team2.members.map((u) => u.id)];
        expect(page.items.filter((e) => team2Staff.includes(e.actor?.id ?? ''))).toEqual([]);
        expect(
          page.items.every((e) => e.actor?.id === staffOf(m).leader.id && e.purpose === 'audit_review'),
        ).toBe(true);
      }
      // Team 2's leader naming team 1's family sees only their own staff's access to it.
      // (Their own searches of the log for it aside.)
      const theirs = await search(c.leader2, 'householdReference=F-0001&pageSize=200');
      const access = theirs.items.filter((e) => e.purpose !== 'audit_review');
      expect(access.map((e) => e.action).sort()).toEqual(['break_glass', 'read']);
      expect(access.every((e) => e.actor?.id === team2.members[0]!.id)).toBe(true);
      const team2Staff = [team2.leader.id, ...team2.members.map((u) => u.id)];
      expect(theirs.items.every((e) => team2Staff.includes(e.actor?.id ?? ''))).toBe(true);
    });

    it('an unknown reference, another municipality’s, or one contradicting the id finds nothing', async () => {
      expect(await search(c.admin, 'householdReference=F-9999')).toMatchObject({ items: [], total: 0 });
      // The other municipality has an F-0001 of its own; the administrator's F-0001 is theirs.
      const own = await search(c.admin, 'householdReference=F-0001&pageSize=200');
      expect(own.items.length).toBeGreaterThan(0);
      expect(own.items.every((e) => e.householdId === family1)).toBe(true);
      const otherFamily = other.households[0]!.id;
      expect(own.items.some((e) => e.householdId === otherFamily)).toBe(false);
      expect(await search(c.admin, `householdReference=F-0001&householdId=${family2}`)).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it('refuses a name or a CPR number as the family, naming the field in the user’s language', async () => {
      for (const typed of ['Amal Odeh', '010185-1234', 'F-12a']) {
        const response = await c.leader.get(`/api/audit?householdReference=${encodeURIComponent(typed)}`, {
          'accept-language': 'en',
        });
        expect(response.statusCode, typed).toBe(400);
        expect(problemOf(response).fields).toEqual(['householdReference']);
        expect(response.body).toContain('Must be a family');
      }
    });

    it('lists the municipality’s accounts for the staff-member filter: every team’s, disabled ones too, not another municipality’s', async () => {
      const disabled = m.users.find((u) => u.role === 'team_member' && u.id !== memberId)!;
      await h()
        .db.kysely.updateTable('app_user')
        .set({ disabled_at: new Date().toISOString() })
        .where('municipality_id', '=', m.municipality.id)
        .where('id', '=', disabled.id)
        .execute();
      try {
        for (const client of [c.leader, c.admin]) {
          const since = await lastAuditId(h().db);
          const response = await client.get('/api/audit/actors');
          // Staff names read: audited like the administrator's user search.
          expect(
            (await auditSince(h().db, m.municipality.id, since)).filter((r) => r.entity === 'app_user'),
          ).toMatchObject([{ action: 'list', purpose: 'audit_review' }]);
          expect(response.statusCode).toBe(200);
          const items = (
            response.json() as { items: { id: string; teamName: string | null; disabled: boolean }[] }
          ).items;
          const ids = items.map((i) => i.id);
          expect(ids).toEqual(expect.arrayContaining([memberId, team2.members[0]!.id, staffOf(m).admin.id]));
          expect(ids).not.toContain(staffOf(other).leader.id);
          expect(items.find((i) => i.id === disabled.id)?.disabled).toBe(true);
          expect(items.find((i) => i.id === memberId)?.disabled).toBe(false);
          expect(items.find((i) => i.id === team2.members[0]!.id)?.teamName).toBe(team2.team.name);
        }
      } finally {
        await h()
          .db.kysely.updateTable('app_user')
          .set({ disabled_at: null })
          .where('municipality_id', '=', m.municipality.id)
          .where('id', '=', disabled.id)
          .execute();
      }
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
      // Sign-in, read, CPR reveal, and the refused search of the log (scope tests, above).
      const all = await search(c.admin, `${mine()}&pageSize=200`);
      expect(all.total).toBeGreaterThanOrEqual(4);
      const ats = all.items.map((e) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const page1 = await search(c.admin, `${mine()}&pageSize=2&page=1`);
      const page2 = await search(c.admin, `${mine()}&pageSize=2&page=2`);
      expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
      expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
      expect([...page1.items, ...page2.items].map((e) => e.id)).toEqual(
        all.items.slice(0, 4).map((e) => e.id),
      );
    });

    it('reports the total on a page past the end', async () => {
      const all = await search(c.admin, mine());
      const past = await search(c.admin, `${mine()}&pageSize=5&page=99`);
      expect(past).toMatchObject({ items: [], total: all.total, page: 99 });
    });
  });

  describe('bounded for scale: a period of at most 12 months, a count capped at 1,000', () => {
    const DAY = 86_400_000;
    const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // The search's days are Denmark's (src/shared/common/today.ts), as the page shows them.
    const today = () => todayInDenmark();
    /**
     * Events of their own kind (sign-outs of nobody): no other test writes them here. Not failed
     * sign-ins: an unknown username's attempt in any test is written into every municipality's log.
     */
    const signOuts = (ats: string[]) => recordEventsOfNobody(h().db, m.municipality.id, 'sign_out', ats);

    beforeAll(async () => {
      // 1,000 events on 15 June 2020 and one more the next day; two recent ones, 20 and 40 days ago.
      await signOuts([
        ...Array.from({ length: 1000 }, (_, i) =>
          new Date(Date.UTC(2020, 5, 15, 8, 0, i % 60, i)).toISOString(),
        ),
        '2020-06-16T09:00:00Z',
        new Date(Date.now() - 20 * DAY).toISOString(),
        new Date(Date.now() - 40 * DAY).toISOString(),
      ]);
    });

    it('searches the last 30 days when no period is given, and says which period it searched', async () => {
      const [before, page, after] = [today(), await search(c.admin, 'action=sign_out'), today()];
      // Denmark's midnight may fall during the search: its day is the one before or after.
      expect([before, after]).toContain(page.to);
      expect(page).toMatchObject({ from: isoDay(Date.parse(page.to) - 29 * DAY), total: 1 });
      expect(page.items.map((e) => e.action)).toEqual(['sign_out']);
      // The event 40 days back is found once the period reaches it.
      const wider = await search(c.admin, `action=sign_out&from=${isoDay(Date.now() - 45 * DAY)}`);
      expect(wider).toMatchObject({ total: 2, to: today() });
    });

    it('counts exactly up to 1,000, and past it answers "more than 1,000" without counting further', async () => {
      const exact = await search(c.admin, 'action=sign_out&from=2020-06-15&to=2020-06-15');
      expect(exact).toMatchObject({ total: 1000, totalCapped: false });
      const more = await search(c.admin, 'action=sign_out&from=2020-06-01&to=2020-06-30&pageSize=50');
      expect(more).toMatchObject({ total: 1000, totalCapped: true, page: 1, pageSize: 50 });
      expect(more.items[0]?.at).toBe('2020-06-16T09:00:00.000Z');
      // The last page within the cap is full; beyond it the search asks to be narrowed.
      const last = await search(c.admin, 'action=sign_out&from=2020-06-01&to=2020-06-30&pageSize=50&page=20');
      expect(last.items).toHaveLength(50);
      expect(last).toMatchObject({ total: 1000, totalCapped: true, page: 20 });
      const beyond = await c.admin.get(
        '/api/audit?action=sign_out&from=2020-06-01&to=2020-06-30&pageSize=50&page=21',
      );
      expect(beyond.statusCode).toBe(400);
      expect(problemOf(beyond).fields).toEqual(['page']);
    });

    it('stops the last page at the cap when the page size does not divide 1,000', async () => {
      // Page 34 of 30 starts at match 991: it shows matches 991–1,000, not 991–1,020.
      const last = await search(c.admin, 'action=sign_out&from=2020-06-01&to=2020-06-30&pageSize=30&page=34');
      expect(last.items).toHaveLength(10);
      expect(last).toMatchObject({ total: 1000, totalCapped: true, page: 34 });
    });

    it('takes a period of exactly 12 months (366 days), and refuses a longer one naming "from", in the user’s language', async () => {
      expect((await c.admin.get('/api/audit?from=2020-01-01&to=2020-12-31')).statusCode).toBe(200);
      const tooLong = await c.admin.get('/api/audit?from=2020-01-01&to=2021-01-01');
      expect(tooLong.statusCode).toBe(400);
      expect(problemOf(tooLong).fields).toEqual(['from']);
      expect(problemOf(tooLong).body).toMatchObject({
        type: '/problems/validation',
        errors: [
          {
            field: 'from',
            code: 'errors.auditPeriodTooLong',
            message: expect.stringContaining('12 måneder'),
          },
        ],
      });
      const english = await c.admin.get('/api/audit?from=2020-01-01&to=2021-01-01', {
        'accept-language': 'en',
      });
      expect(problemOf(english).body.errors?.[0]).toMatchObject({
        field: 'from',
        message: 'The period can be at most 12 months – choose a later from date',
      });
      // A from date alone runs to today: more than 12 months back is refused too.
      const fromOnly = await c.admin.get('/api/audit?from=2020-06-01');
      expect(problemOf(fromOnly).fields).toEqual(['from']);
    });

    it('refuses a to date before the from date, naming "to"; the same day is a period of one day', async () => {
      const reversed = await c.leader.get('/api/audit?from=2021-03-31&to=2021-03-01');
      expect(reversed.statusCode).toBe(400);
      expect(problemOf(reversed).fields).toEqual(['to']);
      expect((await c.leader.get('/api/audit?from=2021-03-31&to=2021-03-31')).statusCode).toBe(200);
    });
  });

  describe('break-the-glass grants: why and until when', () => {
    const reason = 'Covering the duty phone tonight';
    let grant: { id: string; expires_at: Date };

    beforeAll(async () => {
      grant = await h()
        .db.kysely.selectFrom('break_glass_grant')
        .select(['id', 'expires_at'])
        .where('municipality_id', '=', m.municipality.id)
        .where('household_id', '=', family1)
        .executeTakeFirstOrThrow();
    });

    const glassOf = (page: AuditPage) => {
      const events = page.items.filter((e) => e.action === 'break_glass');
      expect(events).toHaveLength(1);
      return events[0]!;
    };

    it('the leader of the family’s team reads the reason and the expiry in the event’s row', async () => {
      const page = await search(c.leader, `householdId=${family1}&breakGlass=true`);
      expect(glassOf(page)).toMatchObject({
        entity: 'break_glass_grant',
        entityId: grant.id,
        actor: { id: team2.members[0]!.id },
        breakGlassGrant: { reason, expiresAt: grant.expires_at.toISOString() },
      });
      // Reads under the grant are flagged, but carry no grant of their own.
      const reads = page.items.filter((e) => e.action === 'read' && e.entity === 'household');
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((e) => e.breakGlassGrant === null)).toBe(true);
    });

    it('the administrator and the breaker’s own leader see the expiry, not the reason (case content)', async () => {
      for (const client of [c.admin, c.leader2]) {
        const page = await search(client, `householdId=${family1}&action=break_glass`);
        expect(glassOf(page).breakGlassGrant).toEqual({
          expiresAt: grant.expires_at.toISOString(),
          reason: null,
        });
        expect(page.items.some((e) => JSON.stringify(e).includes(reason))).toBe(false);
      }
    });

    it('the OpenAPI document describes the grant of an audit event', async () => {
      const doc = (await h().app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      const body = JSON.stringify(doc.paths['/api/audit'].get.responses['200']);
      expect(body).toContain('breakGlassGrant');
      expect(body).toContain('expiresAt');
      expect(body).toContain('reason');
    });

    it('a reason shown is audited as read, about its family, with the search in one go', async () => {
      const since = await lastAuditId(h().db);
      await search(c.leader, `householdId=${family1}&action=break_glass`);
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ entity: 'audit_event', purpose: 'audit_review' }),
          expect.objectContaining({
            actor_id: staffOf(m).leader.id,
            action: 'read',
            entity: 'break_glass_grant',
            entity_id: grant.id,
            household_id: family1,
            fields: ['reason'],
            purpose: 'audit_review',
          }),
        ]),
      );
      // Nothing shown, nothing more recorded: the administrator's search is one record.
      const before = await lastAuditId(h().db);
      await search(c.admin, `householdId=${family1}&action=break_glass`);
      expect(await auditSince(h().db, m.municipality.id, before)).toHaveLength(1);
    });
  });

  it('audits a search by family reference with the family it named', async () => {
    const since = await lastAuditId(h().db);
    await search(c.admin, 'householdReference=f-1');
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'audit_event', household_id: family1, purpose: 'audit_review' });
    expect(rows[0]!.fields).toContain('householdReference');
  });

  /** The family the search's own audit record names, after `client` searched with `query`. */
  const recordedBy = async (client: Client, query: string) => {
    const since = await lastAuditId(h().db);
    await search(client, query);
    // The search's own record (a break-the-glass reason shown is recorded beside it).
    const rows = (await auditSince(h().db, m.municipality.id, since)).filter(
      (r) => r.entity === 'audit_event',
    );
    expect(rows).toHaveLength(1);
    return rows[0]!.household_id;
  };

  it('a leader’s search by another team’s reference records no family, as for an unknown reference (no oracle of existence)', async () => {
    const recorded = (reference: string) => recordedBy(c.leader, `householdReference=${reference}`);
    expect(await recorded(family2Reference)).toBeNull();
    expect(await recorded('F-9999')).toBeNull();
    expect(await recorded('f-1')).toBe(family1);
  });

  it('a leader’s search by another team’s family id records no family either (its reference would show when the leader reads the search back)', async () => {
    const recorded = (householdId: string) => recordedBy(c.leader, `householdId=${householdId}`);
    expect(await recorded(family2)).toBeNull();
    expect(await recorded('00000000-0000-4000-8000-000000000999')).toBeNull();
    expect(await recorded(family1)).toBe(family1);
    // The administrator's search names any family of the municipality.
    expect(await recordedBy(c.admin, `householdId=${family2}`)).toBe(family2);
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

describeEachDatabase('audit search: a list’s one record naming its families (decision 0022)', (h) => {
  let m: GeneratedMunicipality;
  let team2: Awaited<ReturnType<typeof addTeam>>;
  let leader: Client;
  let leader2: Client;
  let admin: Client;
  /** Team 1's three families' references, and team 2's one. */
  let references: string[];
  let team2Family: { id: string; reference: string };

  const search = async (client: Client, query: string) => {
    const response = await client.get(`/api/audit?${query}&pageSize=200`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AuditPage;
  };
  const byAction = (page: AuditPage, action: string) =>
    page.items.filter((e) => e.action === action && e.entity === 'household');
  const namedIn = (event: AuditPage['items'][number] | undefined) =>
    event?.listedFamilies?.shown.map((f) => f.reference);

  beforeAll(async () => {
    m = await h().municipality({ families: 3, adults: 3, children: 2 });
    team2 = await addTeam(h().db, m, 1);
    const staff = staffOf(m);
    leader = await h().signIn(staff.leader.username);
    leader2 = await h().signIn(team2.leader.username);
    admin = await h().signIn(staff.admin.username);
    const member2 = await h().signIn(team2.members[0]!.username);
    const created = await member2.post('/api/families', buildFamily(team2.area.id));
    expect(created.statusCode, created.body).toBe(201);
    team2Family = { id: created.json().id, reference: created.json().reference };
    const member = await h().signIn(relationsOf(m, 0).pair[0]!.username);
    // Shown newest reference first: the audit record still names them by reference (0022).
    const listed = await member.post('/api/families/search', { sort: 'reference', dir: 'desc' });
    expect(listed.statusCode, listed.body).toBe(200);
    references = listed.json().items.map((f: { reference: string }) => f.reference);
    expect(references).toEqual([...references].sort().reverse());
    expect(references).toHaveLength(3);
  });

  it('finds the list by each family it showed, by id and by reference, naming every family with its id in reference order whatever the list’s order', async () => {
    for (const [i, family] of m.households.entries()) {
      const byId = byAction(await search(admin, `householdId=${family.id}`), 'list');
      const byReference = byAction(await search(admin, `householdReference=${family.reference}`), 'list');
      expect(byId, `family ${i}`).toHaveLength(1);
      expect(byReference.map((e) => e.id)).toEqual(byId.map((e) => e.id));
      expect(byId[0]).toMatchObject({ householdId: null, householdReference: null, purpose: 'case_work' });
      expect(byId[0]!.listedFamilies).toEqual({
        count: 3,
        shown: [...m.households]
          .sort((a, b) => a.reference.localeCompare(b.reference))
          .map((f) => ({ id: f.id, reference: f.reference })),
      });
    }
  });

  it('is in the leader’s scope, not another team’s leader’s', async () => {
    expect(byAction(await search(leader, `householdId=${m.households[0]!.id}`), 'list')).toHaveLength(1);
    expect(byAction(await search(leader2, `householdId=${m.households[0]!.id}`), 'list')).toHaveLength(0);
    expect(byAction(await search(leader2, 'action=list'), 'list')).toHaveLength(0);
  });

  it('a list by another team’s staff naming one of the team’s families beside theirs: the leader sees it, naming only the team’s family', async () => {
    // As when a family moved between teams after the other team had listed it.
    await h()
      .db.kysely.insertInto('audit_event')
      .values({
        municipality_id: m.municipality.id,
        actor_id: team2.members[0]!.id,
        actor_role: 'team_member',
        action: 'list',
        entity: 'household',
        household_ids: [m.households[1]!.id, team2Family.id],
        fields: ['reference'],
        purpose: 'case_work',
      })
      .execute();
    const seen = byAction(await search(leader, `actorId=${team2.members[0]!.id}&action=list`), 'list');
    expect(seen.map((e) => e.listedFamilies)).toEqual([
      { count: 1, shown: [{ id: m.households[1]!.id, reference: m.households[1]!.reference }] },
    ]);
    // Team 2's leader sees it as their staff member's, naming both.
    const theirs = byAction(await search(leader2, `actorId=${team2.members[0]!.id}&action=list`), 'list');
    expect(theirs.map((e) => e.listedFamilies?.count)).toEqual([2]);
    // The administrator sees both.
    const all = byAction(await search(admin, `actorId=${team2.members[0]!.id}&action=list`), 'list');
    expect(namedIn(all[0])?.sort()).toEqual([m.households[1]!.reference, team2Family.reference].sort());
  });

  it('the data check’s record of every family: a leader sees only the team’s named, and another team’s reference finds nothing (no oracle of existence); the administrator sees all four by reference', async () => {
    await checkStoredFamilies(h().db.kysely, {
      userId: null,
      municipalityId: m.municipality.id,
      role: 'command_line',
    });
    const read = (page: AuditPage) => byAction(page, 'read').filter((e) => e.purpose === 'data_check');
    const own = read(await search(leader, 'action=read'));
    expect(own).toHaveLength(1);
    expect(own[0]!.listedFamilies?.count).toBe(3);
    expect(namedIn(own[0])).toEqual([...references].sort());
    // Asked for team 2's family by reference or id: exactly as for an unknown reference.
    for (const query of [`householdReference=${team2Family.reference}`, `householdId=${team2Family.id}`]) {
      expect(read(await search(leader, query)), query).toEqual([]);
    }
    expect(await search(leader, 'householdReference=F-9999')).toMatchObject({ items: [], total: 0 });
    // Team 2's leader sees their one family named; the administrator all four.
    expect(namedIn(read(await search(leader2, 'action=read'))[0])).toEqual([team2Family.reference]);
    const everyFamily = read(await search(admin, 'action=read'))[0];
    expect(everyFamily?.listedFamilies?.count).toBe(4);
    expect(namedIn(everyFamily)).toEqual([...references, team2Family.reference].sort());
  });

  it('names at most LISTED_FAMILIES_SHOWN of an export’s families, by reference, and says how many in all', async () => {
    const big = await h().municipality({
      families: LISTED_FAMILIES_SHOWN + 2,
      adults: LISTED_FAMILIES_SHOWN + 2,
      children: 0,
    });
    const exporter = await h().signIn(staffOf(big).leader.username);
    expect((await exporter.post('/api/families/export', { format: 'csv' })).statusCode).toBe(200);
    const bigAdmin = await h().signIn(staffOf(big).admin.username);
    const [event] = byAction(await search(bigAdmin, 'action=list'), 'list').filter(
      (e) => e.purpose === 'export',
    );
    expect(event?.listedFamilies?.count).toBe(LISTED_FAMILIES_SHOWN + 2);
    const sorted = big.households.map((f) => f.reference).sort();
    expect(namedIn(event)).toEqual(sorted.slice(0, LISTED_FAMILIES_SHOWN));
  });
});
