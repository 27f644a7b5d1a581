import { expect, it } from 'vitest';
import { staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * A demo family's history tells how its data came to be, as if the team had entered it: the
 * family and its people created by the first of the pair, the pair assigned by the leader, the
 * consents recorded (acceptance review: every demo family said "no changes yet").
 */
describeEachDatabase('the demo families’ history', (h) => {
  it('lists the enrolment, the people, the pair and the consents with who did each, and no CPR number', async () => {
    const m = await h().municipality({ families: 2, adults: 3, children: 2 });
    const family = m.households[0]!;
    const pair = m.pairs.find((p) => p.household_id === family.id)!;
    const people = m.persons.filter((p) => p.household_id === family.id);
    const names = new Map(m.users.map((u) => [u.id, u.display_name]));
    const leader = await h().signIn(staffOf(m).leader.username);

    const history = (await leader.get(`/api/families/${family.id}/history?pageSize=50`)).json();
    const entries = history.items.map(
      (e: { action: string; entity: string; actor: { displayName: string } }) => [
        e.action,
        e.entity,
        e.actor.displayName,
      ],
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        ['create', 'household', names.get(pair.first_member_id)],
        ['assign_pair', 'pair', names.get(pair.assigned_by)],
        ['give_consent', 'consent', names.get(pair.first_member_id)],
      ]),
    );
    expect(
      entries.filter(([action, entity]: string[]) => action === 'create' && entity === 'person'),
    ).toHaveLength(people.length);
    expect(history.total).toBe(1 + people.length + 1 + 2);
    const text = JSON.stringify(history);
    for (const p of people) if (p.cpr) expect(text).not.toContain(p.cpr);
    expect(text).toContain(family.street);
  });
});
