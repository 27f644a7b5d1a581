import { expect, it } from 'vitest';
import { addTeam, auditSince, buildFamily, lastAuditId, relationsOf, staffOf } from '../../support/factories';
import { describeEachDatabase, sessionCookie, TEST_PASSWORD } from '../../support/harness';

describeEachDatabase('refused attempts at a family', (h) => {
  it('writes a denied audit record when staff outside the relationship try to read or change a family', async () => {
    const m = await h().municipality();
    const other = await addTeam(h().db, m, 1);
    const { household, notInPair } = relationsOf(m, 0);
    const outsider = await h().signIn(other.members[0]!.username);
    const sameTeam = await h().signIn(notInPair[0]!.username);

    expect((await outsider.get(`/api/families/${household.id}`)).statusCode).toBe(403);
    expect(
      (await sameTeam.patch(`/api/families/${household.id}`, { version: 1, street: 'X' })).statusCode,
    ).toBe(403);

    const denied = await h()
      .db.kysely.selectFrom('audit_event')
      .select(['actor_id', 'fields', 'household_id', 'purpose'])
      .where('municipality_id', '=', m.municipality.id)
      .where('action', '=', 'denied')
      .orderBy('id')
      .execute();
    expect(denied).toEqual([
      {
        actor_id: other.members[0]!.id,
        fields: ['read'],
        household_id: household.id,
        purpose: 'access_check',
      },
      { actor_id: notInPair[0]!.id, fields: ['update'], household_id: household.id, purpose: 'access_check' },
    ]);
  });

  it('answers a HEAD of a family page with 404 instead of reading the family', async () => {
    const m = await h().municipality();
    const { household, pair } = relationsOf(m, 0);
    const client = await h().signIn(pair[0]!.username);
    const head = await h().app.inject({
      method: 'HEAD',
      url: `/api/families/${household.id}`,
      headers: { cookie: client.cookie },
    });
    expect(head.statusCode).toBe(404);
    const reads = await h()
      .db.kysely.selectFrom('audit_event')
      .select('id')
      .where('municipality_id', '=', m.municipality.id)
      .where('action', '=', 'read')
      .execute();
    expect(reads).toEqual([]);
  });

  /** The 'denied' rows written for the actor since `since` (see lastAuditId). */
  const deniedSince = async (municipalityId: string, since: string, actorId: string) =>
    (await auditSince(h().db, municipalityId, since))
      .filter((r) => r.action === 'denied' && r.actor_id === actorId)
      .map((r) => ({
        entity: r.entity,
        entity_id: r.entity_id,
        household_id: r.household_id,
        fields: r.fields,
        purpose: r.purpose,
      }));

  it('audits a refused create: a family enrolled into another team, before any record exists', async () => {
    const m = await h().municipality();
    const other = await addTeam(h().db, m, 1);
    const member = relationsOf(m, 0).pair[0]!;
    const client = await h().signIn(member.username);
    const since = await lastAuditId(h().db);
    const families = await h().db.kysely.selectFrom('household').select('id').execute();

    const response = await client.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { teamId: other.team.id }),
    );
    expect(response.statusCode).toBe(403);
    expect(await h().db.kysely.selectFrom('household').select('id').execute()).toHaveLength(families.length);
    expect(await deniedSince(m.municipality.id, since, member.id)).toEqual([
      {
        entity: 'team',
        entity_id: other.team.id,
        household_id: null,
        fields: ['create'],
        purpose: 'access_check',
      },
    ]);
  });

  it('audits an attempt at a family that is not found, under the id tried', async () => {
    const m = await h().municipality();
    const member = relationsOf(m, 0).pair[0]!;
    const client = await h().signIn(member.username);
    const since = await lastAuditId(h().db);
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect((await client.patch(`/api/families/${unknown}`, { version: 1, door: 'th' })).statusCode).toBe(404);
    expect(await deniedSince(m.municipality.id, since, member.id)).toEqual([
      {
        entity: 'household',
        entity_id: unknown,
        household_id: null,
        fields: ['update'],
        purpose: 'not_found',
      },
    ]);
  });

  it('audits writes refused for a missing CSRF token or a foreign origin, naming the family', async () => {
    const m = await h().municipality();
    const { household, pair } = relationsOf(m, 0);
    const client = await h().signIn(pair[0]!.username);
    const since = await lastAuditId(h().db);
    const url = `/api/families/${household.id}`;
    const body = { version: 1, door: 'th' };

    expect((await client.patch(url, body, { 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect((await client.patch(url, body, { origin: 'https://evil.example' })).statusCode).toBe(403);
    // Refused at the gate, before the family was read; filed under it, as it is one of theirs.
    const route = {
      entity: 'route',
      entity_id: household.id,
      household_id: household.id,
      fields: ['families.record'],
    };
    expect(await deniedSince(m.municipality.id, since, pair[0]!.id)).toEqual([
      { ...route, purpose: 'csrf' },
      { ...route, purpose: 'foreign_origin' },
    ]);
  });

  it('audits a half-signed-in session (no second factor yet) refused at a route of personal data', async () => {
    const m = await h().municipality({ mfaRequired: true });
    const leader = staffOf(m).leader;
    const login = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.250.0.7',
      payload: { username: leader.username, password: TEST_PASSWORD },
    });
    expect(login.json()).toEqual({ stage: 'enrol' });
    const since = await lastAuditId(h().db);
    const response = await h().app.inject({
      method: 'GET',
      url: `/api/families/${m.households[0]!.id}`,
      headers: { cookie: sessionCookie(login) },
    });
    expect(response.statusCode).toBe(401);
    expect(await deniedSince(m.municipality.id, since, leader.id)).toEqual([
      {
        entity: 'route',
        entity_id: m.households[0]!.id,
        household_id: m.households[0]!.id,
        fields: ['families.record'],
        purpose: 'second_factor_missing',
      },
    ]);
  });

  it('files a refusal at the gate under the family, so the audit log’s search by family finds it', async () => {
    const m = await h().municipality();
    const { household } = relationsOf(m, 0);
    const staff = staffOf(m);
    const analyst = await h().signIn(staff.analyst.username);
    expect((await analyst.get(`/api/families/${household.id}`)).statusCode).toBe(403);
    // An id that is no family here stays the id tried, filed under no household.
    const nothing = '00000000-0000-4000-8000-00000000dcba';
    expect((await analyst.get(`/api/families/${nothing}`)).statusCode).toBe(403);

    const leader = await h().signIn(staff.leader.username);
    const search = await leader.get(`/api/audit?householdId=${household.id}&action=denied`);
    expect(search.statusCode).toBe(200);
    expect(
      search.json().items.map((e: { actor: { id: string }; entityId: string }) => [e.actor.id, e.entityId]),
    ).toEqual([[staff.analyst.id, household.id]]);
    const tried = await h()
      .db.kysely.selectFrom('audit_event')
      .select('household_id')
      .where('municipality_id', '=', m.municipality.id)
      .where('entity_id', '=', nothing)
      .execute();
    expect(tried).toEqual([{ household_id: null }]);
  });

  it('writes no denied record for allowed requests or for requests without a session', async () => {
    const m = await h().municipality();
    const { household, pair } = relationsOf(m, 0);
    const client = await h().signIn(pair[0]!.username);
    const since = await lastAuditId(h().db);
    expect((await client.get(`/api/families/${household.id}`)).statusCode).toBe(200);
    expect((await h().app.inject({ method: 'GET', url: `/api/families/${household.id}` })).statusCode).toBe(
      401,
    );
    const denied = (await auditSince(h().db, m.municipality.id, since)).filter((r) => r.action === 'denied');
    expect(denied).toEqual([]);
  });
});
