import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('family register', (h) => {
  it('lets a team leader enroll a family with two members, assign a pair, and see it in the history', async () => {
    const m = await h().municipality();
    const leader = await h().signIn(m.users[0]!.username);
    const created = await leader.post('/api/families', {
      areaId: m.areas[0]!.id,
      street: 'Dortesvej',
      buildingNumber: '11',
      floor: '2',
      door: 'th',
      members: [
        { firstName: 'Amal', lastName: 'Odeh', birthDate: '1985-02-01', role: 'parent', cpr: '0102851234' },
        { firstName: 'Sami', lastName: 'Odeh', birthDate: '2015-03-04', role: 'child' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const family = created.json();
    expect(family.members.map((x: { firstName: string }) => x.firstName)).toEqual(['Amal', 'Sami']);
    expect(family.members[0].cprMasked).toBe('010285-****');

    const [a, b] = m.users.filter((u) => u.role === 'team_member');
    const paired = await leader.put(`/api/families/${family.id}/pair`, { memberIds: [a!.id, b!.id] });
    expect(paired.statusCode).toBe(200);
    expect(
      paired
        .json()
        .pair.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());

    const history = await leader.get(`/api/families/${family.id}/history`);
    expect(history.json().items.map((e: { action: string }) => e.action)).toContain('assign_pair');
  });

  it('rejects an invalid CPR number with a translated error naming the field, and saves nothing', async () => {
    const m = await h().municipality();
    const leader = await h().signIn(m.users[0]!.username);
    const before = await leader.post('/api/families/search', {});
    const response = await leader.post(
      '/api/families',
      {
        areaId: m.areas[0]!.id,
        street: 'Dortesvej',
        buildingNumber: '11',
        members: [
          {
            firstName: 'Amal',
            lastName: 'Odeh',
            birthDate: '1985-02-01',
            role: 'parent',
            cpr: '321385-1234',
          },
        ],
      },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'members.0.cpr', code: 'errors.cpr', message: 'Must be a valid CPR number (ddmmyy-xxxx)' },
    ]);
    const after = await leader.post('/api/families/search', {});
    expect(after.json().total).toBe(before.json().total);
  });
});
