import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { CPR_CONFLICTS_PER_DAY } from '../../../src/server/families/families.service';
import {
  addTeam,
  auditSince,
  buildFamily,
  buildMember,
  lastAuditId,
  problemOf,
  staffOf,
  uniqueCpr,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

const en = { 'accept-language': 'en' };

/**
 * A CPR number already registered to someone else is refused — which tells whoever typed it that
 * the person is known to the municipality, also when the family is one they have no access to.
 * So each such refusal is audited under the family holding the number, and an actor who meets
 * too many in a day may enter no more CPR numbers until the day has passed.
 */
describeEachDatabase('CPR numbers already registered', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let familyId: string;
  let holderCpr: string;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    leader = await h().signIn(staffOf(m).leader.username);
    holderCpr = uniqueCpr('1984-03-02');
    const created = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, {
        members: [buildMember({ firstName: 'Amal', birthDate: '1984-03-02', cpr: holderCpr })],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    familyId = created.json().id;
  });

  it('refuses another team’s member on the field, files the attempt under the family that holds the number, and saves nothing', async () => {
    const other = await addTeam(h().db, m);
    const stranger = await h().signIn(other.members[0]!.username);
    const since = await lastAuditId(h().db);
    const response = await stranger.post(
      '/api/families',
      buildFamily(other.area.id, {
        members: [buildMember({ firstName: 'Probe', birthDate: '1984-03-02', cpr: holderCpr })],
      }),
      en,
    );
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).fields).toEqual(['members.0.cpr']);
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.actor_id, r.entity, r.household_id, r.fields, r.purpose])).toEqual([
      ['denied', other.members[0]!.id, 'person', familyId, ['cpr'], 'cpr_taken'],
    ]);
    const probes = await h()
      .db.kysely.selectFrom('person')
      .select('id')
      .where('municipality_id', '=', m.municipality.id)
      .where('first_name', '=', 'Probe')
      .execute();
    expect(probes).toEqual([]);
  });

  it(`after ${CPR_CONFLICTS_PER_DAY} such refusals in a day, refuses every CPR number the actor enters (429, audited), while families without one are still saved`, async () => {
    const other = await addTeam(h().db, m);
    // A leader: the families they create are theirs to add members to.
    const prober = await h().signIn(other.leader.username);
    const attempt = (cpr: string) =>
      prober.post(
        '/api/families',
        buildFamily(other.area.id, { members: [buildMember({ birthDate: '1984-03-02', cpr })] }),
        en,
      );
    for (let i = 0; i < CPR_CONFLICTS_PER_DAY; i++) expect((await attempt(holderCpr)).statusCode).toBe(409);
    const since = await lastAuditId(h().db);
    const free = await attempt(uniqueCpr('1984-03-02'));
    expect(free.statusCode).toBe(429);
    expect(free.json()).toMatchObject({ type: '/problems/cpr-conflict-limit', status: 429 });
    expect(free.json().title).toContain('Entering CPR numbers is paused until tomorrow');
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.actor_id, r.entity, r.purpose])).toEqual([
      ['denied', other.leader.id, 'person', 'cpr_conflict_limit'],
    ]);
    // Adding a member with a CPR number to the actor's own family is paused too; without one it is not.
    const own = await prober.post('/api/families', buildFamily(other.area.id, { members: [buildMember()] }));
    expect(own.statusCode, own.body).toBe(201);
    const withCpr = await prober.post(
      `/api/families/${own.json().id}/members`,
      buildMember({ cpr: uniqueCpr() }),
    );
    expect(withCpr.statusCode).toBe(429);
    // Another actor is not held back by this one's refusals.
    expect(
      (await leader.post(`/api/families/${familyId}/members`, buildMember({ cpr: uniqueCpr() }))).statusCode,
    ).toBe(201);
  });

  it('refuses a member’s CPR number changed to one registered to someone else, and keeps a member’s own number', async () => {
    const second = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { members: [buildMember({ birthDate: '1984-03-02' })] }),
    );
    const member = second.json().members[0];
    const since = await lastAuditId(h().db);
    const taken = await leader.patch(`/api/families/${second.json().id}/members/${member.id}`, {
      version: member.version,
      cpr: holderCpr,
    });
    expect(taken.statusCode).toBe(409);
    expect(problemOf(taken).fields).toEqual(['cpr']);
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.household_id, r.purpose])).toEqual([
      ['denied', familyId, 'cpr_taken'],
    ]);

    const detail = (await leader.get(`/api/families/${familyId}`)).json();
    const holder = detail.members[0];
    const same = await leader.patch(`/api/families/${familyId}/members/${holder.id}`, {
      version: holder.version,
      cpr: holderCpr,
      firstName: 'Amala',
    });
    expect(same.statusCode, same.body).toBe(200);
  });
});
