import { afterEach, beforeEach, expect, it } from 'vitest';
import { fixToday } from '../../../src/shared/common/today';
import { addTeam, auditRows, relationsOf, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * Issue 14, point 2 (decision 0034): the leader names a backup for an absent pair member for a
 * period; while it is in force the backup has the pair's access to those families, audited as
 * cover, and sees them under "only mine"; before its first day and after its last it gives nothing.
 */
const TODAY = '2026-11-25';

/** Names `backupId` as the backup of the absent `absentId` from `startsOn` to `endsOn` (one day unless given). */
const nameCover = (client: Client, absentId: string, backupId: string, startsOn: string, endsOn = startsOn) =>
  client.post('/api/team/covers', { absentId, backupId, startsOn, endsOn });

describeEachDatabase('cover for an absent pair member', (h) => {
  beforeEach(() => fixToday(TODAY));
  afterEach(() => fixToday(null));

  async function world() {
    const m = await h().municipality({ families: 3 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const absent = pair[0]!;
    // A backup outside this family's pair, of the same team.
    const backup = notInPair[0]!;
    const leader = await h().signIn(staffOf(m).leader.username);
    return { m, household, absent, backup, leader };
  }

  it('gives the backup the pair’s full read and edit while in force, audited as cover, and lists the family under only mine', async () => {
    const { m, household, absent, backup, leader } = await world();
    const created = await nameCover(leader, absent.id, backup.id, TODAY, '2026-12-05');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      absent: { id: absent.id },
      backup: { id: backup.id },
      state: 'in_force',
    });

    const client = await h().signIn(backup.username);
    const page = await client.get(`/api/families/${household.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().abilities).toMatchObject({
      readFull: true,
      update: true,
      manageConsent: true,
      assignPair: false,
    });
    expect(page.json().members[0].cprMasked).not.toBeNull();
    const edited = await client.patch(`/api/families/${household.id}`, {
      version: page.json().version,
      door: page.json().door === 'tv' ? 'th' : 'tv',
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const rows = await auditRows(h().db, m.municipality.id, {
      actorId: backup.id,
      householdId: household.id,
    });
    const reads = rows.filter((r) => r.action === 'read');
    const writes = rows.filter((r) => r.action === 'update');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(writes.length).toBe(1);
    for (const r of [...reads, ...writes]) expect(r).toMatchObject({ purpose: 'cover', break_glass: false });

    const mine = await client.post('/api/families/search', { mine: true, pageSize: 200 });
    expect(mine.statusCode).toBe(200);
    const row = mine.json().items.find((i: { id: string }) => i.id === household.id);
    expect(row).toBeDefined();
    expect(row.coveredFor).toBe(absent.display_name);

    // The absent member's own reads stay case work.
    const own = await h().signIn(absent.username);
    await own.get(`/api/families/${household.id}`);
    const ownReads = await auditRows(h().db, m.municipality.id, {
      actorId: absent.id,
      householdId: household.id,
      action: 'read',
    });
    expect(ownReads.at(-1)).toMatchObject({ purpose: 'case_work' });
  });

  it('gives nothing before the first day and after the last, nor once cancelled', async () => {
    const { m, household, absent, backup, leader } = await world();
    const planned = await nameCover(leader, absent.id, backup.id, '2026-11-26', '2026-11-30');
    expect(planned.statusCode, planned.body).toBe(201);
    expect(planned.json().state).toBe('planned');
    const client = await h().signIn(backup.username);
    const before = await client.get(`/api/families/${household.id}`);
    expect(before.json().abilities).toMatchObject({ readFull: false, update: false });
    expect(
      (await client.patch(`/api/families/${household.id}`, { version: before.json().version, door: 'tv' }))
        .statusCode,
    ).toBe(403);
    const mineBefore = await client.post('/api/families/search', { mine: true, pageSize: 200 });
    expect(mineBefore.json().items.map((i: { id: string }) => i.id)).not.toContain(household.id);

    // Its first and last days are in force: the end is automatic, by date.
    fixToday('2026-11-30');
    expect((await client.get(`/api/families/${household.id}`)).json().abilities.update).toBe(true);
    fixToday('2026-12-01');
    const after = await client.get(`/api/families/${household.id}`);
    expect(after.json().abilities).toMatchObject({ readFull: false, update: false });
    expect(
      (await client.patch(`/api/families/${household.id}`, { version: after.json().version, door: 'th' }))
        .statusCode,
    ).toBe(403);
    const mineAfter = await client.post('/api/families/search', { mine: true, pageSize: 200 });
    expect(mineAfter.json().items.map((i: { id: string }) => i.id)).not.toContain(household.id);

    // A cancelled cover gives nothing on a day within it.
    fixToday('2026-11-27');
    const cancelled = await leader.post(`/api/team/covers/${planned.json().id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
    expect((await client.get(`/api/families/${household.id}`)).json().abilities.update).toBe(false);
    const refusals = await auditRows(h().db, m.municipality.id, {
      actorId: backup.id,
      householdId: household.id,
      action: 'denied',
    });
    expect(refusals.length).toBe(2);
  });

  it('refuses a backup or absent member from another team, the absent one as backup, and overlapping covers', async () => {
    const { m, absent, backup, leader } = await world();
    const team2 = await addTeam(h().db, m, 1);
    const other = team2.members[0]!;

    const foreignBackup = await nameCover(leader, absent.id, other.id, TODAY);
    expect(foreignBackup.statusCode).toBe(400);
    expect(foreignBackup.json().errors).toEqual([expect.objectContaining({ field: 'backupId' })]);
    const foreignAbsent = await nameCover(leader, other.id, backup.id, TODAY);
    expect(foreignAbsent.statusCode).toBe(400);
    expect(foreignAbsent.json().errors).toEqual([expect.objectContaining({ field: 'absentId' })]);
    const self = await nameCover(leader, absent.id, absent.id, TODAY);
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'backupId' })]);
    const backwards = await nameCover(leader, absent.id, backup.id, '2026-12-02', '2026-12-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([expect.objectContaining({ field: 'endsOn' })]);

    const first = await nameCover(leader, absent.id, backup.id, TODAY, '2026-12-01');
    expect(first.statusCode, first.body).toBe(201);
    const overlap = await nameCover(leader, absent.id, backup.id, '2026-12-01', '2026-12-03');
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors).toEqual([expect.objectContaining({ field: 'startsOn' })]);
    // The day after the last is free.
    const next = await nameCover(leader, absent.id, backup.id, '2026-12-02', '2026-12-03');
    expect(next.statusCode, next.body).toBe(201);

    const listed = await leader.get('/api/team/covers');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([first.json().id, next.json().id]);
    const created = await auditRows(h().db, m.municipality.id, {
      actorId: staffOf(m).leader.id,
      action: 'create',
    });
    expect(created.filter((r) => r.entity === 'pair_cover')).toHaveLength(2);
  });

  it('refuses another team’s leader: their list does not show the cover and they cannot cancel it', async () => {
    const { m, absent, backup, leader } = await world();
    const team2 = await addTeam(h().db, m, 1);
    const created = await nameCover(leader, absent.id, backup.id, TODAY);
    expect(created.statusCode).toBe(201);
    const otherLeader = await h().signIn(team2.leader.username);
    expect((await otherLeader.get('/api/team/covers')).json().items).toEqual([]);
    const cancel = await otherLeader.post(`/api/team/covers/${created.json().id}/cancel`);
    expect(cancel.statusCode).toBe(403);
    const naming = await nameCover(otherLeader, absent.id, backup.id, '2026-12-10', '2026-12-11');
    expect(naming.statusCode).toBe(400);
    const member = await h().signIn(backup.username);
    expect((await member.get('/api/team/covers')).statusCode).toBe(403);
  });
});
