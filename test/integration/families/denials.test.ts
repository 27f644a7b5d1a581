import { expect, it } from 'vitest';
import { addTeam, relationsOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

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
});
