import { expect, it } from 'vitest';
import { auditRows, buildFamily, buildMember, staffOf, uniqueCpr } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 13, point 8: a team member who enrols a family keeps full access to it until the leader
 * has assigned its pair — not the basic view and a break-the-glass offer — and reads it on the
 * record as case work; once a pair is assigned (without them) they see what the rest of the team sees.
 */
describeEachDatabase('whoever enrols a family works with it until its pair is assigned', (h) => {
  it('gives the enroller the full page and the edits, audited as case work, until the leader assigns a pair', async () => {
    const m = await h().municipality();
    const { leader, members } = staffOf(m);
    const enroller = members[0]!;
    const client = await h().signIn(enroller.username);

    const created = await client.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { members: [buildMember({ cpr: uniqueCpr() })] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const family = created.json();
    expect(family.access).toBe('relationship');
    expect(family.abilities).toMatchObject({
      readFull: true,
      update: true,
      breakGlass: false,
      assignPair: false,
    });
    expect(family.members[0].cprMasked).not.toBeNull();

    const page = await client.get(`/api/families/${family.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().access).toBe('relationship');
    const reads = await auditRows(h().db, m.municipality.id, {
      actorId: enroller.id,
      householdId: family.id,
      action: 'read',
    });
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) {
      expect(read).toMatchObject({ purpose: 'case_work', break_glass: false });
      expect(read.fields).toContain('cpr_masked');
    }

    const edited = await client.patch(`/api/families/${family.id}`, {
      version: page.json().version,
      door: 'tv',
    });
    expect(edited.statusCode, edited.body).toBe(200);

    // The leader assigns two other colleagues: the enroller's access is the team's from now on.
    const lead = await h().signIn(leader.username);
    const assigned = await lead.put(`/api/families/${family.id}/pair`, {
      memberIds: [members[1]!.id, members[2]!.id],
      version: edited.json().version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const after = await client.get(`/api/families/${family.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().access).toBe('team');
    expect(after.json().abilities).toMatchObject({ readFull: false, update: false, breakGlass: true });
    expect(after.json().members[0].cprMasked).toBeNull();
    const refused = await client.patch(`/api/families/${family.id}`, {
      version: after.json().version,
      door: 'th',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('gives nothing to a colleague of the enroller while the family has no pair', async () => {
    const m = await h().municipality();
    const { members } = staffOf(m);
    const enroller = await h().signIn(members[0]!.username);
    const colleague = await h().signIn(members[1]!.username);
    const family = (await enroller.post('/api/families', buildFamily(m.areas[0]!.id))).json();

    const page = await colleague.get(`/api/families/${family.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().access).toBe('team');
    expect(page.json().abilities.readFull).toBe(false);
    expect(
      (await colleague.patch(`/api/families/${family.id}`, { version: family.version, door: 'tv' }))
        .statusCode,
    ).toBe(403);
  });
});
