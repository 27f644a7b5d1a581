import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addTeam, auditSince, lastAuditId, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

const en = { 'accept-language': 'en' };

describeEachDatabase('departments, competence domains and levels', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let member: Client;
  let admin: Client;
  let memberId: string;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    const staff = staffOf(m);
    leader = await h().signIn(staff.leader.username);
    memberId = staff.members[0]!.id;
    member = await h().signIn(staff.members[1]!.username);
    admin = await h().signIn(staff.admin.username);
  });

  it('a new municipality has the five departments and nine domains, in the model’s order', async () => {
    const departments = (await member.get('/api/team/departments')).json().items;
    expect(departments.map((d: { code: string }) => d.code)).toEqual([
      'employment',
      'social_family',
      'children_youth',
      'health',
      'culture_leisure',
    ]);
    const domains = (await member.get('/api/team/domains')).json().items;
    expect(domains).toHaveLength(9);
    expect(domains[0]).toMatchObject({ code: 'employment', name: null });
  });

  it('the leader sets a member’s home department and levels; the team page shows them, audited', async () => {
    const since = await lastAuditId(h().db);
    const health = m.departments.find((d) => d.code === 'health')!;
    const debt = m.domains.find((d) => d.code === 'debt')!;
    const housing = m.domains.find((d) => d.code === 'housing')!;
    const put = await leader.put(`/api/team/members/${memberId}/competences`, {
      departmentId: health.id,
      competences: [
        { domainId: debt.id, level: 3 },
        { domainId: housing.id, level: 1 },
      ],
    });
    expect(put.statusCode, put.body).toBe(204);

    const page = (await member.get('/api/team/page')).json();
    const row = page.members.find((p: { id: string }) => p.id === memberId);
    expect(row.departmentId).toBe(health.id);
    expect(row.competences).toEqual(
      expect.arrayContaining([
        { domainId: debt.id, level: 3 },
        { domainId: housing.id, level: 1 },
      ]),
    );
    expect(row.competences).toHaveLength(2);
    expect(typeof row.familyCount).toBe('number');
    expect(page.abilities.editCompetences).toBe(false);

    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.filter((r) => r.entity === 'staff_competence').map((r) => [r.action, r.entity_id])).toEqual([
      ['update', memberId],
    ]);
  });

  it('refuses a level outside 1–3 and an unknown domain, naming the field in the user’s language', async () => {
    const bad = await leader.put(
      `/api/team/members/${memberId}/competences`,
      { departmentId: null, competences: [{ domainId: m.domains[0]!.id, level: 4 }] },
      en,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'competences.0.level', message: 'The level must be 1, 2 or 3' }),
    ]);
    const unknown = await leader.put(`/api/team/members/${memberId}/competences`, {
      departmentId: null,
      competences: [{ domainId: randomUUID(), level: 2 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ field: 'competences.0.domainId', message: 'Kompetenceområdet findes ikke' }),
    ]);
  });

  it('another team’s leader and the administrator may not set levels', async () => {
    const team2 = await addTeam(h().db, m);
    const otherLeader = await h().signIn(team2.leader.username);
    const body = { departmentId: null, competences: [] };
    expect((await otherLeader.put(`/api/team/members/${memberId}/competences`, body)).statusCode).toBe(403);
    expect((await admin.put(`/api/team/members/${memberId}/competences`, body)).statusCode).toBe(403);
    const page = (await leader.get('/api/team/page')).json();
    expect(page.members.find((p: { id: string }) => p.id === memberId).competences).toHaveLength(2);
  });

  it('the administrator adds and renames departments and domains, audited; a taken name is refused', async () => {
    const since = await lastAuditId(h().db);
    const name = `Borgerservice ${randomUUID().slice(0, 6)}`;
    const added = await admin.post('/api/team/departments', { name });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ code: null, name });
    const departments = (await member.get('/api/team/departments')).json().items;
    expect(departments.at(-1).id).toBe(added.json().id);

    const taken = await admin.post('/api/team/departments', { name: name.toUpperCase() }, en);
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors).toEqual([
      expect.objectContaining({ field: 'name', message: 'Another department has this name' }),
    ]);

    const debt = m.domains.find((d) => d.code === 'debt')!;
    const renamed = await admin.patch(`/api/team/domains/${debt.id}`, { name: 'Gæld og inkasso' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ id: debt.id, code: 'debt', name: 'Gæld og inkasso' });

    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.fields])).toEqual([
      ['create', 'department', added.json().id, ['name']],
      ['update', 'competence_domain', debt.id, ['name']],
    ]);
  });
});
