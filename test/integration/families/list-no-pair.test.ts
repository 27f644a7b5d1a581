import { expect, it } from 'vitest';
import { buildFamily, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

interface Row {
  id: string;
  pair: { displayName: string }[];
}

/** Issue 13.8: the leader's work list — families without a pair — and the list sorted by pair. */
describeEachDatabase('the family list: no pair yet, and sorted by pair', (h) => {
  it('finds only the families without a pair, and sorts by the pair with the unpaired last (first, descending)', async () => {
    const m = await h().municipality({ families: 5, adults: 6, children: 5 });
    const leader = await h().signIn(staffOf(m).leader.username);
    const created: string[] = [];
    for (const street of ['Uparvej', 'Parløsvej']) {
      const response = await leader.post('/api/families', buildFamily(m.areas[0]!.id, { street }));
      expect(response.statusCode, response.body).toBe(201);
      created.push(response.json().id);
    }
    const paired = new Set(m.pairs.map((p) => p.household_id));
    const withoutPair = [...m.households.filter((x) => !paired.has(x.id)).map((x) => x.id), ...created];

    const unpaired = await leader.post('/api/families/search', { noPair: true, pageSize: 200 });
    expect(unpaired.statusCode, unpaired.body).toBe(200);
    expect((unpaired.json().items as Row[]).map((r) => r.id).sort()).toEqual([...withoutPair].sort());
    expect(unpaired.json().total).toBe(withoutPair.length);

    const danish = new Intl.Collator('da');
    const firstName = (r: Row) => r.pair.map((p) => p.displayName).sort(danish.compare)[0];
    const sorted = async (dir: 'asc' | 'desc') =>
      (await leader.post('/api/families/search', { sort: 'pair', dir, pageSize: 200 })).json().items as Row[];
    const asc = await sorted('asc');
    expect(asc).toHaveLength(m.households.length + created.length);
    const names = asc.filter((r) => r.pair.length > 0).map(firstName) as string[];
    expect(names).toEqual([...names].sort(danish.compare));
    expect(asc.slice(-withoutPair.length).every((r) => r.pair.length === 0)).toBe(true);
    const desc = await sorted('desc');
    expect(desc.slice(0, withoutPair.length).every((r) => r.pair.length === 0)).toBe(true);
  });

  it('exports the same families without a pair', async () => {
    const m = await h().municipality({ families: 2, adults: 2, children: 1 });
    const leader = await h().signIn(staffOf(m).leader.username);
    const response = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { street: 'Eksportvej' }),
    );
    const reference = response.json().reference as string;
    const csv = await leader.post('/api/families/export', { noPair: true, format: 'csv' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain(reference);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(1 + 1);
  });
});
