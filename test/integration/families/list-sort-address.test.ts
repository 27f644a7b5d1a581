import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { buildFamily, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('the family list sorted by address', (h) => {
  it('orders one street’s buildings by their number as a number, then by letter, both ways', async () => {
    const m = await h().municipality({ families: 1, adults: 1, children: 0 });
    const leader = await h().signIn(staffOf(m).leader.username);
    const street = `Sortevej ${randomUUID().slice(0, 8)}`;
    for (const buildingNumber of ['27 B', '11 D', '9', '11 A', '101']) {
      const created = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { street, buildingNumber }),
      );
      expect(created.statusCode, created.body).toBe(201);
    }
    const numbers = async (dir: 'asc' | 'desc') =>
      (await leader.post('/api/families/search', { q: street, sort: 'address', dir }))
        .json()
        .items.map((f: { buildingNumber: string }) => f.buildingNumber);
    expect(await numbers('asc')).toEqual(['9', '11 A', '11 D', '27 B', '101']);
    expect(await numbers('desc')).toEqual(['101', '27 B', '11 D', '11 A', '9']);
  });
});
