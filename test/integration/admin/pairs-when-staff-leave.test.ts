import { expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addTeam, auditSince, lastAuditId, staffOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * A family's pair is two of its team's members working with it. An account that stops doing
 * that work — disabled, moved to another team, given another role — leaves its pairs: each ends,
 * in the family's history and audit log, and the family shows no pair until its leader assigns
 * one. Before, the family kept listing a member who could no longer open it (acceptance test).
 */
describeEachDatabase('pairs when a member leaves the team’s work', (h) => {
  const familiesOf = (m: GeneratedMunicipality, userId: string) =>
    m.pairs
      .filter((p) => p.first_member_id === userId || p.second_member_id === userId)
      .map((p) => p.household_id);

  /** A member with pairs, and the administrator signed in. */
  async function setUp() {
    const m = await h().municipality({ families: 6, adults: 8, children: 4 });
    const member = staffOf(m).members.find((u) => familiesOf(m, u.id).length > 0)!;
    const admin = await h().signIn(staffOf(m).admin.username);
    const leader = await h().signIn(staffOf(m).leader.username);
    return { m, member, admin, leader, families: familiesOf(m, member.id) };
  }

  it('disabling the account ends its pairs: the administrator is warned first, the families show no pair, and each history says so', async () => {
    const { m, member, admin, leader, families } = await setUp();
    const before = (await admin.get(`/api/admin/users/${member.id}`)).json();
    expect(before.pairFamilies).toBe(families.length);
    const since = await lastAuditId(h().db);
    const disabled = await admin.post(`/api/admin/users/${member.id}/disable`, { version: before.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().pairFamilies).toBe(0);

    for (const familyId of families) {
      const family = (await leader.get(`/api/families/${familyId}`)).json();
      expect(family.pair).toEqual([]);
      const history = (await leader.get(`/api/families/${familyId}/history`)).json();
      expect(history.items[0]).toMatchObject({
        action: 'end_pair',
        actor: { displayName: staffOf(m).admin.display_name },
        changes: [{ field: 'pair', to: null }],
      });
      expect(history.items[0].changes[0].from).toContain(member.id);
    }
    const rows = await auditSince(h().db, m.municipality.id, since);
    const pairRows = rows.filter((r) => r.entity === 'pair');
    expect(pairRows.map((r) => r.household_id).sort()).toEqual([...families].sort());
    expect(new Set(pairRows.map((r) => [r.action, r.actor_id, r.purpose].join()))).toEqual(
      new Set([['update', staffOf(m).admin.id, 'administration'].join()]),
    );
    // Enabling the account again does not bring the pairs back: the leader assigns them.
    const again = (await admin.get(`/api/admin/users/${member.id}`)).json();
    const enabled = await admin.post(`/api/admin/users/${member.id}/enable`, { version: again.version });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json().pairFamilies).toBe(0);
    for (const familyId of families)
      expect((await leader.get(`/api/families/${familyId}`)).json().pair).toEqual([]);
  });

  it('a new role outside the team’s work ends the pairs; a new name does not', async () => {
    const { member, admin, leader, families } = await setUp();
    let user = (await admin.get(`/api/admin/users/${member.id}`)).json();
    const renamed = await admin.patch(`/api/admin/users/${member.id}`, {
      version: user.version,
      displayName: 'Nyt Navn',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().pairFamilies).toBe(families.length);
    expect((await leader.get(`/api/families/${families[0]}`)).json().pair).toHaveLength(2);

    user = renamed.json();
    const analyst = await admin.patch(`/api/admin/users/${member.id}`, {
      version: user.version,
      role: 'analyst',
      teamId: null,
      departmentId: null,
    });
    expect(analyst.statusCode, analyst.body).toBe(200);
    expect(analyst.json().pairFamilies).toBe(0);
    for (const familyId of families)
      expect((await leader.get(`/api/families/${familyId}`)).json().pair).toEqual([]);
  });

  it('a move to another team ends the pairs in the old team’s families', async () => {
    const { m, member, admin, leader, families } = await setUp();
    const other = await addTeam(h().db, m);
    const user = (await admin.get(`/api/admin/users/${member.id}`)).json();
    const moved = await admin.patch(`/api/admin/users/${member.id}`, {
      version: user.version,
      teamId: other.team.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().pairFamilies).toBe(0);
    for (const familyId of families)
      expect((await leader.get(`/api/families/${familyId}`)).json().pair).toEqual([]);
  });
});
