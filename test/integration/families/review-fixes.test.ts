import { expect, it } from 'vitest';
import { relationsOf, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('family register: edits, CPR search and list audit', (h) => {
  /** The municipality's list records, oldest first. */
  const listRecords = (municipalityId: string) =>
    h()
      .db.kysely.selectFrom('audit_event')
      .select(['household_id', 'household_ids', 'fields', 'entity', 'purpose'])
      .where('municipality_id', '=', municipalityId)
      .where('action', '=', 'list')
      .orderBy('id')
      .execute();

  it('keeps a member’s languages and interpreter need when only the name is edited', async () => {
    const m = await h().municipality();
    const { household, pair } = relationsOf(m, 0);
    const client = await h().signIn(pair[0]!.username);
    const before = (await client.get(`/api/families/${household.id}`)).json();
    const member = before.members[0];
    await client.patch(`/api/families/${household.id}/members/${member.id}`, {
      version: member.version,
      languages: ['ar', 'da'],
      interpreterNeeded: true,
    });
    const afterLanguages = (await client.get(`/api/families/${household.id}`)).json().members[0];
    const renamed = await client.patch(`/api/families/${household.id}/members/${member.id}`, {
      version: afterLanguages.version,
      firstName: 'Nour',
    });
    expect(renamed.statusCode).toBe(200);
    const now = renamed.json().members.find((x: { id: string }) => x.id === member.id);
    expect(now).toMatchObject({ firstName: 'Nour', languages: ['ar', 'da'], interpreterNeeded: true });
  });

  it('finds a family by full CPR number only for those who may see the number', async () => {
    const m = await h().municipality();
    const { household, pair, notInPair } = relationsOf(m, 0);
    const cpr = m.persons.find((p) => p.household_id === household.id && p.cpr)!.cpr!;
    const search = async (username: string) =>
      (await (await h().signIn(username)).post('/api/families/search', { q: cpr }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await search(pair[0]!.username)).toEqual([household.id]);
    expect(await search(staffOf(m).leader.username)).toEqual([household.id]);
    expect(await search(notInPair[0]!.username)).toEqual([]);
  });

  it('audits a list once per page, naming every family shown, and flags a search by CPR number', async () => {
    const m = await h().municipality({ families: 3, adults: 4, children: 3 });
    const leader = await h().signIn(staffOf(m).leader.username);
    await leader.post('/api/families/search', {});
    const cpr = m.persons.find((p) => p.cpr)!.cpr!;
    const found = await leader.post('/api/families/search', { q: cpr });
    expect(found.json().items).toHaveLength(1);
    const rows = await listRecords(m.municipality.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.household_id).toBeNull();
    expect([...rows[0]!.household_ids!].sort()).toEqual(m.households.map((x) => x.id).sort());
    expect([...rows[1]!.household_ids!].sort()).toEqual(
      found
        .json()
        .items.map((f: { id: string }) => f.id)
        .sort(),
    );
    expect(rows[1]!.fields).toContain('cpr_search');
  });

  it('audits a search that shows nothing once, naming no family, also past the last page', async () => {
    const m = await h().municipality({ families: 2, adults: 2, children: 1 });
    const leader = await h().signIn(staffOf(m).leader.username);
    const none = await leader.post('/api/families/search', { q: 'zzzz-no-such-family' });
    expect(none.json()).toMatchObject({ items: [], total: 0 });
    const beyond = await leader.post('/api/families/search', { page: 5 });
    expect(beyond.json()).toMatchObject({ items: [], total: 2 });
    const rows = await listRecords(m.municipality.id);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({
        household_id: null,
        household_ids: null,
        entity: 'household',
        purpose: 'case_work',
      });
  });
});
