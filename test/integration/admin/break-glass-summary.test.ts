import { expect, it } from 'vitest';
import { addTeam, relationsOf, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('break-the-glass flagged to the leader', (h) => {
  it('counts the last 7 days of break-the-glass grants to the leader’s own team’s families only', async () => {
    const m = await h().municipality();
    const other = await addTeam(h().db, m, 1);
    const { household } = relationsOf(m, 0);
    const leader = await h().signIn(staffOf(m).leader.username);
    const otherLeader = await h().signIn(other.leader.username);
    const admin = await h().signIn(staffOf(m).admin.username);
    expect((await leader.get('/api/audit/break-glass-summary')).json().count).toBe(0);

    const outsider = await h().signIn(other.members[0]!.username);
    const grant = await outsider.post(`/api/families/${household.id}/break-glass`, {
      reason: 'Family called the wrong office in an emergency',
    });
    expect(grant.statusCode).toBe(201);

    expect((await leader.get('/api/audit/break-glass-summary')).json().count).toBe(1);
    expect((await otherLeader.get('/api/audit/break-glass-summary')).json().count).toBe(0);
    expect((await admin.get('/api/audit/break-glass-summary')).json().count).toBe(1);

    // A grant eight days ago is past the week and does not flag (the log is append-only: insert).
    await h()
      .db.kysely.insertInto('audit_event')
      .values({
        municipality_id: m.municipality.id,
        at: new Date(Date.now() - 8 * 86_400_000),
        actor_id: other.members[0]!.id,
        actor_role: 'team_member',
        action: 'break_glass',
        entity: 'break_glass_grant',
        household_id: household.id,
        purpose: 'break_glass',
        break_glass: true,
      } as never)
      .execute();
    expect((await leader.get('/api/audit/break-glass-summary')).json().count).toBe(1);
  });
});
