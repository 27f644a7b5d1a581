import { expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import {
  addTeam,
  addUser,
  auditRows,
  breakGlassGrants,
  buildFamily,
  problemOf,
  saveSettings,
  staffOf,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

const REASON = 'Family called the duty phone in an emergency';
const DECISION = 'Duty phone call confirmed with the caller';

interface RequestItem {
  id: string;
  familyId: string;
  familyReference: string;
  requester: { id: string; displayName: string };
  reason: string;
  requestedAt: string;
  status: 'pending' | 'granted' | 'refused';
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  expiresAt: string | null;
}

describeEachDatabase('break-the-glass bounded', (h) => {
  /** A municipality of `families` families in team 1, and a second team whose staff break the glass. */
  async function world(families = 6) {
    const m = await h().municipality({ families, adults: families + 2, children: 2 });
    const other = await addTeam(h().db, m, 2);
    const outsider = await h().signIn(other.members[0]!.username);
    const leader = await h().signIn(staffOf(m).leader.username);
    const admin = await h().signIn(staffOf(m).admin.username);
    return { m, other, outsider, leader, admin };
  }

  const breakGlass = (c: Client, familyId: string, reason = REASON) =>
    c.post(`/api/families/${familyId}/break-glass`, { reason });
  const requests = async (c: Client) =>
    (await c.get('/api/break-glass/requests')).json() as { toDecide: RequestItem[]; mine: RequestItem[] };
  const decide = (c: Client, id: string, granted: boolean, reason = DECISION) =>
    c.post(`/api/break-glass/requests/${id}/decision`, { granted, reason });
  const setLimit = (m: GeneratedMunicipality, limit: number) =>
    h()
      .db.kysely.updateTable('municipality')
      .set({ break_glass_daily_limit: limit })
      .where('id', '=', m.municipality.id)
      .execute();

  /** Ends every running grant of the municipality, as time would (the grants are not the audit log). */
  const expireGrants = (m: GeneratedMunicipality) =>
    h()
      .db.kysely.updateTable('break_glass_grant')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('municipality_id', '=', m.municipality.id)
      .execute();

  /** Opens the first `n` families of team 1 by break-the-glass, each 201. */
  async function openFirst(c: Client, m: GeneratedMunicipality, n: number) {
    for (const family of m.households.slice(0, n)) {
      const r = await breakGlass(c, family.id);
      expect(r.statusCode, r.body).toBe(201);
    }
  }

  it('the 4th distinct family in 24 hours waits for the leader instead of opening; a renewal does not count', async () => {
    const { m, other, outsider } = await world();
    await openFirst(outsider, m, 3);
    // The first family again once its grant ran out: renewed, not counted a second time.
    await expireGrants(m);
    expect((await breakGlass(outsider, m.households[0]!.id)).statusCode).toBe(201);

    const fourth = m.households[3]!;
    const waiting = await breakGlass(outsider, fourth.id);
    expect(waiting.statusCode, waiting.body).toBe(202);
    expect(waiting.json()).toMatchObject({
      status: 'pending',
      request: { familyId: fourth.id, familyReference: fourth.reference, reason: REASON, status: 'pending' },
    });
    // Still closed, and no grant was made.
    expect(problemOf(await outsider.get(`/api/families/${fourth.id}`)).type).toMatch(
      /\/break-glass-available$/,
    );
    const grants = await breakGlassGrants(h().db, m.municipality.id, { householdId: fourth.id });
    expect(grants).toHaveLength(0);
    // Asking again while it waits is the same request, not a second one.
    const again = await breakGlass(outsider, fourth.id, 'Asking again about the same family');
    expect(again.statusCode).toBe(202);
    expect(again.json().request.id).toBe(waiting.json().request.id);
    // The requester sees it waiting.
    const mine = (await requests(outsider)).mine;
    expect(mine.map((r) => [r.familyId, r.status])).toEqual([[fourth.id, 'pending']]);
    // The request is audited, under the requester and the family.
    const audited = await auditRows(h().db, m.municipality.id, {
      actorId: other.members[0]!.id,
      householdId: fourth.id,
    });
    expect(audited.map((r) => [r.action, r.entity, r.purpose])).toContainEqual([
      'create',
      'break_glass_request',
      'break_glass',
    ]);
  });

  it('the leader of the family’s team grants: the requester reads the family for the configured minutes, audited', async () => {
    const { m, other, outsider, leader, admin } = await world();
    await openFirst(outsider, m, 3);
    const fourth = m.households[3]!;
    const { request } = (await breakGlass(outsider, fourth.id)).json() as { request: RequestItem };

    // The leader sees it to decide; another team's leader and the administrator do not.
    expect((await requests(leader)).toDecide.map((r) => r.id)).toEqual([request.id]);
    const otherLeader = await h().signIn(other.leader.username);
    expect((await requests(otherLeader)).toDecide).toEqual([]);
    expect((await requests(admin)).toDecide).toEqual([]);
    expect((await leader.get('/api/break-glass/counts')).json()).toMatchObject({ toDecide: 1 });

    const minutes = (await admin.get('/api/admin/settings')).json().breakGlassMinutes as number;
    const before = Date.now();
    const decided = await decide(leader, request.id, true);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'granted',
      decidedBy: { id: staffOf(m).leader.id },
      decisionReason: DECISION,
    });
    const expiresAt = Date.parse(decided.json().expiresAt);
    // The municipality's minutes, from the decision (not from the request).
    expect(expiresAt - before).toBeGreaterThanOrEqual(minutes * 60_000 - 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(minutes * 60_000 + 1000);

    const page = await outsider.get(`/api/families/${fourth.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().access).toBe('break_glass');
    expect((await requests(outsider)).mine[0]).toMatchObject({ status: 'granted', decisionReason: DECISION });
    expect((await requests(leader)).toDecide).toEqual([]);

    // The decision under the leader; the grant under the requester, flagged as break-the-glass.
    const decisionRows = await auditRows(h().db, m.municipality.id, { entityId: request.id });
    expect(decisionRows.map((r) => [r.actor_id, r.action, r.fields])).toContainEqual([
      staffOf(m).leader.id,
      'update',
      ['granted', 'decision_reason'],
    ]);
    const grantRows = await auditRows(h().db, m.municipality.id, {
      householdId: fourth.id,
      action: 'break_glass',
    });
    expect(grantRows).toHaveLength(1);
    expect(grantRows[0]).toMatchObject({ actor_id: other.members[0]!.id, break_glass: true });
  });

  it('the leader is told of every grant at once, until they mark them seen', async () => {
    const { m, other, outsider, leader } = await world();
    await openFirst(outsider, m, 2);
    expect((await leader.get('/api/break-glass/counts')).json()).toEqual({ toDecide: 0, unseenGrants: 2 });
    const listed = await leader.get('/api/break-glass/grants');
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as {
      familyId: string;
      user: { id: string };
      reason: string;
      unseen: boolean;
    }[];
    expect(items.map((i) => [i.familyId, i.user.id, i.reason, i.unseen]).sort()).toEqual(
      m.households
        .slice(0, 2)
        .map((f) => [f.id, other.members[0]!.id, REASON, true])
        .sort(),
    );
    // Reading the reasons is itself on the record.
    const read = await auditRows(h().db, m.municipality.id, {
      actorId: staffOf(m).leader.id,
      action: 'read',
    });
    expect(read.at(-1)).toMatchObject({ entity: 'break_glass_grant', purpose: 'audit_review' });

    expect((await leader.post('/api/break-glass/grants/seen')).statusCode).toBe(204);
    expect((await leader.get('/api/break-glass/counts')).json()).toEqual({ toDecide: 0, unseenGrants: 0 });
    expect(
      (await leader.get('/api/break-glass/grants')).json().items.every((i: { unseen: boolean }) => !i.unseen),
    ).toBe(true);
    // Another team's leader is not told of team 1's grants.
    const otherLeader = await h().signIn(other.leader.username);
    expect((await otherLeader.get('/api/break-glass/counts')).json().unseenGrants).toBe(0);
  });

  it('the leader refuses: the family stays closed and the requester sees the refusal and its reason', async () => {
    const { m, outsider, leader } = await world();
    await setLimit(m, 0);
    const family = m.households[0]!;
    const { request } = (await breakGlass(outsider, family.id)).json() as { request: RequestItem };
    const decided = await decide(leader, request.id, false, 'Not an emergency: call the pair');
    expect(decided.statusCode, decided.body).toBe(200);
    expect(problemOf(await outsider.get(`/api/families/${family.id}`)).type).toMatch(
      /\/break-glass-available$/,
    );
    expect((await requests(outsider)).mine[0]).toMatchObject({
      status: 'refused',
      decisionReason: 'Not an emergency: call the pair',
      expiresAt: null,
    });
    // Decided once: a second decision is a conflict.
    const twice = await decide(leader, request.id, true);
    expect(twice.statusCode).toBe(409);
    const rows = await auditRows(h().db, m.municipality.id, { entityId: request.id });
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('a decision needs a reason and a yes or no, named by field and translated', async () => {
    const { m, outsider, leader } = await world();
    await setLimit(m, 0);
    const { request } = (await breakGlass(outsider, m.households[0]!.id)).json() as { request: RequestItem };
    const bad = await leader.post(`/api/break-glass/requests/${request.id}/decision`, { reason: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).fields.sort()).toEqual(['granted', 'reason']);
    expect(bad.body).toContain('mindst 10 tegn');
  });

  it('a leader’s own request goes to another leader or an administrator, never to themselves', async () => {
    const { m, other, admin } = await world();
    await setLimit(m, 0);
    // A family of team 2, asked for by team 1's leader.
    const team2Member = await h().signIn(other.members[1]!.username);
    const created = await team2Member.post('/api/families', buildFamily(other.area.id));
    expect(created.statusCode, created.body).toBe(201);
    const familyId = created.json().id as string;
    const requester = await h().signIn(staffOf(m).leader.username);
    const waiting = await breakGlass(requester, familyId);
    expect(waiting.statusCode).toBe(202);
    const { request } = waiting.json() as { request: RequestItem };

    expect((await requests(requester)).toDecide).toEqual([]);
    const own = await decide(requester, request.id, true);
    expect(own.statusCode).toBe(403);
    expect(
      (await auditRows(h().db, m.municipality.id, { actorId: staffOf(m).leader.id, action: 'denied' })).at(
        -1,
      ),
    ).toMatchObject({ entity: 'break_glass_request', entity_id: request.id, purpose: 'access_check' });

    // A third leader of the municipality, and the administrator, may decide; the administrator
    // sees the reference, who, why and when, nothing of the case.
    const thirdLeader = await addUser(h().db, m, { role: 'team_leader' });
    const third = await h().signIn(thirdLeader.username);
    expect((await requests(third)).toDecide.map((r) => r.id)).toEqual([request.id]);
    const seenByAdmin = (await requests(admin)).toDecide;
    expect(seenByAdmin.map((r) => r.id)).toEqual([request.id]);
    expect(Object.keys(seenByAdmin[0]!).sort()).toEqual(
      [
        'id',
        'familyId',
        'familyReference',
        'requester',
        'reason',
        'requestedAt',
        'status',
        'decidedBy',
        'decidedAt',
        'decisionReason',
        'expiresAt',
      ].sort(),
    );
    const decided = await decide(admin, request.id, true);
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await requester.get(`/api/families/${familyId}`)).statusCode).toBe(200);
  });

  it('a team member’s request is not the administrator’s or another team’s leader’s to decide; another municipality’s is not found', async () => {
    const { m, other, outsider, admin } = await world();
    await setLimit(m, 0);
    const { request } = (await breakGlass(outsider, m.households[0]!.id)).json() as { request: RequestItem };
    const otherLeader = await h().signIn(other.leader.username);
    expect((await decide(otherLeader, request.id, true)).statusCode).toBe(403);
    expect((await decide(admin, request.id, true)).statusCode).toBe(403);
    const elsewhere = await h().municipality({ families: 1, adults: 1, children: 0 });
    const foreignLeader = await h().signIn(staffOf(elsewhere).leader.username);
    expect((await decide(foreignLeader, request.id, true)).statusCode).toBe(404);
    const analyst = await h().signIn(staffOf(m).analyst.username);
    expect((await decide(analyst, request.id, true)).statusCode).toBe(403);
    // Still waiting for its leader.
    expect((await requests(outsider)).mine[0]!.status).toBe('pending');
  });

  it('two deciders at once: one decides, the other gets a conflict', async () => {
    const { m, other, admin } = await world();
    await setLimit(m, 0);
    const team2Member = await h().signIn(other.members[1]!.username);
    const familyId = (await team2Member.post('/api/families', buildFamily(other.area.id))).json()
      .id as string;
    const requester = await h().signIn(staffOf(m).leader.username);
    const { request } = (await breakGlass(requester, familyId)).json() as { request: RequestItem };
    const familyLeader = await h().signIn(other.leader.username);

    const results = await Promise.all([
      decide(familyLeader, request.id, true),
      decide(admin, request.id, false),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(problemOf(results.find((r) => r.statusCode === 409)!).type).toBe('/problems/conflict');
    const row = await h()
      .db.kysely.selectFrom('break_glass_request')
      .selectAll()
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    const winner = results.findIndex((r) => r.statusCode === 200);
    expect(row.granted).toBe(winner === 0);
    const grants = await breakGlassGrants(h().db, m.municipality.id, { requestId: request.id });
    expect(grants).toHaveLength(winner === 0 ? 1 : 0);
  });

  it('honours the limit setting: 1 lets one family open, 0 sends every break-the-glass to the leader', async () => {
    const { m, other, outsider, admin } = await world();
    expect((await admin.get('/api/admin/settings')).json().breakGlassDailyLimit).toBe(3);
    const saved = await saveSettings(admin, { breakGlassDailyLimit: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().breakGlassDailyLimit).toBe(1);
    expect((await breakGlass(outsider, m.households[0]!.id)).statusCode).toBe(201);
    expect((await breakGlass(outsider, m.households[1]!.id)).statusCode).toBe(202);
    await expireGrants(m);
    expect((await breakGlass(outsider, m.households[0]!.id)).statusCode).toBe(201);

    expect((await saveSettings(admin, { breakGlassDailyLimit: 0 })).statusCode).toBe(200);
    await expireGrants(m);
    // With 0 even a renewal waits.
    expect((await breakGlass(outsider, m.households[0]!.id)).statusCode).toBe(202);
    // Even a first break-the-glass waits: another person who has opened nothing today.
    const second = await h().signIn(other.members[1]!.username);
    expect((await breakGlass(second, m.households[2]!.id)).statusCode).toBe(202);
  });

  it('refuses a limit outside 0..50, naming the field, translated', async () => {
    const { admin } = await world();
    for (const value of [-1, 51, 2.5]) {
      const response = await saveSettings(admin, { breakGlassDailyLimit: value });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['breakGlassDailyLimit']);
    }
    const english = await admin.put(
      '/api/admin/settings',
      { version: (await admin.get('/api/admin/settings')).json().version, breakGlassDailyLimit: 51 },
      { 'accept-language': 'en' },
    );
    expect(english.body).toContain('between 0 and 50');
  });
});
